package tally.ingest.pipeline;

import java.time.Instant;

/**
 * A valid event, ready for the queue. Optional inputs have their defaults applied already;
 * {@code eventId}, {@code referrer} and {@code propsJson} stay null when absent;
 * {@code context} is never null ({@link EventContext#NONE} when nothing is known).
 */
public record Event(
        String siteId,
        String eventType,
        String path,
        String userId,
        Instant occurredAt,
        String eventId,
        String referrer,
        String propsJson,
        EventContext context) {

    /** The same event with what enrichment found out. */
    public Event with(EventContext enriched) {
        return new Event(siteId, eventType, path, userId, occurredAt, eventId, referrer, propsJson, enriched);
    }

    /** Fixed per-event memory: the record, the Instant and the string headers. */
    private static final int OVERHEAD_BYTES = 160;

    /** Roughly the memory the event holds, for bounding what waits for a commit. */
    public int sizeEstimate() {
        return OVERHEAD_BYTES + 2 * (length(siteId) + length(eventType) + length(path) + length(userId)
                + length(eventId) + length(referrer) + length(propsJson) + context.length());
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }
}
