package tally.ingest.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Events accepted, and rejected by the field that kept them out (props.* counted as props). */
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

    void rejected(String field) {
        String reason = field == null ? "body" : field.startsWith("props.") ? "props" : field;
        Counter.builder("tally.ingest.rejected").description("events refused with a 4xx, by field")
                .tag("field", reason).register(meters).increment();
    }
}
