package tally.processor;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The processor's settings ({@code tally.processor.*}).
 *
 * @param batchSize    queue rows claimed and processed per transaction
 * @param pollInterval pause between drains when the queue is empty; bounds report lag when idle
 * @param scheduled    whether the drain loop and the fold of running totals run by themselves (tests may drive them by hand)
 * @param dedupWindow  how long an event_id is remembered; a retry after it is counted again
 */
@ConfigurationProperties("tally.processor")
public record ProcessorProperties(
        @DefaultValue("10000") int batchSize,
        @DefaultValue("200ms") Duration pollInterval,
        @DefaultValue("true") boolean scheduled,
        @DefaultValue("7d") Duration dedupWindow) {
}
