package tally.stats.status;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Map;

/**
 * The answer of GET /api/v1/status: the seed's monitoring list as one document.
 *
 * @param queueDepth           events acknowledged and not yet processed
 * @param oldestQueuedAgeSeconds  processing lag: age of the oldest queued event, 0 when the queue is empty
 * @param processedPerSecond   events processed per second over about the last minute
 * @param counters             every instance's counters summed: accepted, rejected by field, drained, ...
 */
public record PipelineStatus(
        @JsonProperty("queue_depth") long queueDepth,
        @JsonProperty("oldest_queued_age_seconds") double oldestQueuedAgeSeconds,
        @JsonProperty("processed_per_second") double processedPerSecond,
        @JsonProperty("events_stored") long eventsStored,
        Map<String, Long> counters,
        @JsonProperty("measured_at") Instant measuredAt) {
}
