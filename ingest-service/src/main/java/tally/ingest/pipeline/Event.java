package tally.ingest.pipeline;

import java.time.Instant;

/**
 * A valid event, ready for the queue. Optional inputs have their defaults applied already;
 * {@code eventId}, {@code referrer} and {@code propsJson} stay null when absent.
 */
public record Event(
        String siteId,
        String eventType,
        String path,
        String userId,
        Instant occurredAt,
        String eventId,
        String referrer,
        String propsJson) {
}
