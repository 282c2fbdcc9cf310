package tally.processor.rollup;

import java.time.LocalDate;

/**
 * What the rollups need of an event that a batch keeps (after dropping repeated event_ids):
 * the seed's fields, the visitor (the user_id when sent, else the daily visitor id), and the
 * enriched dimensions, any of which may be null.
 */
public record KeptEvent(String siteId, String eventType, String path, String userId, LocalDate day,
                        String visitorId, Dimensions dimensions) {

    /** The enriched values the dimension rollup groups by. */
    public record Dimensions(String device, String browser, String os, String country, String hostname) {
        public static final Dimensions NONE = new Dimensions(null, null, null, null, null);
    }

    /** An event with nothing but the seed's fields: its visitor is its user. */
    public KeptEvent(String siteId, String eventType, String path, String userId, LocalDate day) {
        this(siteId, eventType, path, userId, day, userId, Dimensions.NONE);
    }

    /** The seed's "views" are page views; other event types count as events only. */
    public boolean isPageView() {
        return "page_view".equals(eventType);
    }
}
