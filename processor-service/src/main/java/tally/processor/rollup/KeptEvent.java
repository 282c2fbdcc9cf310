package tally.processor.rollup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * What the rollups and visits need of an event that a batch keeps (after dropping repeated
 * event_ids): the seed's fields, when it happened (and its UTC day), the visitor (the user_id
 * when sent, else the daily visitor id), and the enriched values, any of which may be null.
 */
public record KeptEvent(String siteId, String eventType, String path, String userId, Instant occurredAt, LocalDate day,
                        String visitorId, Dimensions dimensions, Origin origin) {

    /** The enriched values the dimension rollup groups by. */
    public record Dimensions(String device, String browser, String os, String country, String hostname) {
        public static final Dimensions NONE = new Dimensions(null, null, null, null, null);
    }

    /** Where the event came from: what a visit takes from its first event. Source is null for navigation inside the site. */
    public record Origin(String source, String channel, String referrer, String utmSource, String utmMedium,
                         String utmCampaign, String utmContent, String utmTerm) {
        public static final Origin NONE = new Origin(null, null, null, null, null, null, null, null);
    }

    /** An event with nothing but the seed's fields, at the start of its day: its visitor is its user. */
    public KeptEvent(String siteId, String eventType, String path, String userId, LocalDate day) {
        this(siteId, eventType, path, userId, day.atStartOfDay(ZoneOffset.UTC).toInstant(), day, userId, Dimensions.NONE, Origin.NONE);
    }

    /** The seed's "views" are page views; other event types count as events only. */
    public boolean isPageView() {
        return "page_view".equals(eventType);
    }
}
