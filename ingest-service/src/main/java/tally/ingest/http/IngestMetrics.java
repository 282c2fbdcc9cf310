package tally.ingest.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Events accepted; rejected by the field that kept them out (props.* counted as props); and
 * dropped by enrichment, by reason (bot, headless), which get a 202 but are not stored.
 */
@Component
class IngestMetrics {

    private final MeterRegistry meters;
    private final Counter accepted;

    IngestMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.accepted = Counter.builder("tally.ingest.accepted").description("events acknowledged with 202").register(meters);
    }

    void accepted(int events) {
        accepted.increment(events);
    }

    void dropped(String reason) {
        Counter.builder("tally.ingest.dropped").description("events answered 202 but not stored: bots and automation")
                .tag("reason", reason).register(meters).increment();
    }

    void rejected(String field) {
        String reason = field == null ? "body" : field.startsWith("props.") ? "props" : field;
        Counter.builder("tally.ingest.rejected").description("events refused with a 4xx, by field")
                .tag("field", reason).register(meters).increment();
    }
}
