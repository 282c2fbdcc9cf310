package tally.processor.rollup;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the rollups and visits need of an event that a batch keeps (after dropping repeated
 * event_ids): the seed's fields, when it happened (and the day it counts on: its site's local
 * day), the visitor (the user_id
 * when sent, else the daily visitor id), the enriched values, any of which may be null, and
 * its custom properties (as text: numbers and booleans as JSON writes them), and its revenue, if any.
 */
public record KeptEvent(String siteId, String eventType, String path, String userId, Instant occurredAt, LocalDate day,
                        String visitorId, Dimensions dimensions, Origin origin, Map<String, String> props, Revenue revenue) {

    /** An amount in a currency (ISO 4217), as ingest checked it. */
    public record Revenue(BigDecimal amount, String currency) {
    }

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
        this(siteId, eventType, path, userId, day.atStartOfDay(ZoneOffset.UTC).toInstant(), day, userId, Dimensions.NONE, Origin.NONE,
                Map.of(), null);
    }

    /**
     * What {@link #read} reads, in its order, as a select list over events (or a RETURNING list
     * over a row of it). The day is the one the event was counted on (its site's local day when
     * it was processed; the UTC day for events processed before days were stored).
     */
    public static final String COLUMNS = """
            site_id, event_type, path, user_id, occurred_at, coalesce(visitor_id, user_id) AS visitor, device, browser, os, country, hostname,
            source, channel, referrer, utm_source, utm_medium, utm_campaign, utm_content, utm_term,
            ARRAY(SELECT key FROM jsonb_each_text(props) ORDER BY key) AS prop_keys,
            ARRAY(SELECT coalesce(value, 'null') FROM jsonb_each_text(props) ORDER BY key) AS prop_values,
            coalesce(day, (occurred_at AT TIME ZONE 'UTC')::date) AS day, revenue_amount, revenue_currency""";

    /** The event in the {@link #COLUMNS} of a row, starting at column {@code first}. */
    public static KeptEvent read(ResultSet rs, int first) throws SQLException {
        int c = first;
        return new KeptEvent(rs.getString(c), rs.getString(c + 1), rs.getString(c + 2), rs.getString(c + 3),
                rs.getObject(c + 4, OffsetDateTime.class).toInstant(), rs.getObject(c + 21, LocalDate.class), rs.getString(c + 5),
                new Dimensions(rs.getString(c + 6), rs.getString(c + 7), rs.getString(c + 8), rs.getString(c + 9), rs.getString(c + 10)),
                new Origin(rs.getString(c + 11), rs.getString(c + 12), rs.getString(c + 13), rs.getString(c + 14),
                        rs.getString(c + 15), rs.getString(c + 16), rs.getString(c + 17), rs.getString(c + 18)),
                props((String[]) rs.getArray(c + 19).getArray(), (String[]) rs.getArray(c + 20).getArray()),
                revenue(rs.getBigDecimal(c + 22), rs.getString(c + 23)));
    }

    private static Revenue revenue(BigDecimal amount, String currency) {
        return amount == null || currency == null ? null : new Revenue(amount, currency);
    }

    private static Map<String, String> props(String[] keys, String[] values) {
        if (keys.length == 0) {
            return Map.of();
        }
        Map<String, String> props = new TreeMap<>();
        for (int i = 0; i < keys.length; i++) {
            props.put(keys[i], values[i]);
        }
        return props;
    }

    /** The seed's "views" are page views; other event types count as events only. */
    public boolean isPageView() {
        return "page_view".equals(eventType);
    }
}
