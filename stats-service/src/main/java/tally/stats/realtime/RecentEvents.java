package tally.stats.realtime;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The SQL of realtime: the visitors of the last minutes, and the events processed since a moment. */
@Component
class RecentEvents {

    /** One processed event as the live stream shows it. */
    record LiveEvent(long id, @JsonProperty("site_id") String siteId, @JsonProperty("event_type") String eventType,
                     String path, String country, String device, String browser, String source,
                     @JsonProperty("occurred_at") Instant occurredAt, @JsonProperty("processed_at") Instant processedAt) {
    }

    static final String VISITORS = """
            SELECT count(DISTINCT coalesce(visitor_id, user_id)) FROM events
            WHERE site_id = :site AND occurred_at > :since""";

    static final String PROCESSED_SINCE = """
            SELECT id, site_id, event_type, path, country, device, browser, source, occurred_at, processed_at
            FROM events
            WHERE processed_at > :since AND site_id IN (:sites)
            ORDER BY processed_at DESC, id DESC
            LIMIT :limit""";

    private final JdbcClient jdbc;

    RecentEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long visitors(String siteId, Instant now, Duration window) {
        return jdbc.sql(VISITORS).param("site", siteId).param("since", java.sql.Timestamp.from(now.minus(window)))
                .query(Long.class).single();
    }

    /** The newest {@code limit} events processed since {@code since}, oldest first. */
    List<LiveEvent> processedSince(Instant since, Collection<String> sites, int limit) {
        return jdbc.sql(PROCESSED_SINCE).param("since", java.sql.Timestamp.from(since))
                .param("sites", List.copyOf(sites)).param("limit", limit)
                .query((rs, n) -> new LiveEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getTimestamp(9).toInstant(), rs.getTimestamp(10).toInstant()))
                .list().reversed();
    }
}
