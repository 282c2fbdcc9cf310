package tally.processor.retention;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Deletes the raw events (and visits) that sites keep for a limited time (site_settings.retention_days),
 * oldest first, in small chunks so no long transaction competes with the batches. The rollups
 * stay, so every report over the deleted days still answers; exports and realtime no longer see
 * those events. Any processor instance may sweep; the work is idempotent.
 */
@Component
public class RetentionSweep {

    private static final Logger log = LoggerFactory.getLogger(RetentionSweep.class);
    /** Rows per delete: small enough to keep each transaction short. */
    static final int CHUNK = 10_000;

    /** A site and how many days of raw events it keeps. */
    record Retention(String siteId, int days) {
    }

    static final String RETENTIONS = "SELECT site_id, retention_days FROM site_settings WHERE retention_days IS NOT NULL ORDER BY site_id";

    static final String DELETE_EXPIRED = """
            DELETE FROM events WHERE ctid IN (
                SELECT ctid FROM events WHERE site_id = :site AND occurred_at < :cutoff LIMIT :chunk)""";
    /**
     * Visits are raw data too: they go with their last event. Rows a batch holds are skipped (the
     * next sweep takes them), so the sweep never waits on a batch or makes one wait on it.
     */
    static final String DELETE_EXPIRED_VISITS = """
            DELETE FROM visits WHERE ctid IN (
                SELECT ctid FROM visits WHERE site_id = :site AND ended_at < :cutoff LIMIT :chunk FOR UPDATE SKIP LOCKED)""";
    static final String DELETE_EXPIRED_VISITORS = """
            DELETE FROM visitors WHERE ctid IN (
                SELECT ctid FROM visitors WHERE site_id = :site AND last_seen_at < :cutoff LIMIT :chunk FOR UPDATE SKIP LOCKED)""";

    private final JdbcClient jdbc;
    private final Clock clock;

    RetentionSweep(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Sweeps every site with a retention; returns how many events it deleted. */
    @Scheduled(fixedDelayString = "${tally.processor.retention-interval:1h}", initialDelayString = "${tally.processor.retention-interval:1h}")
    public long sweep() {
        long deleted = 0;
        try {
            List<Retention> retentions = jdbc.sql(RETENTIONS).query((rs, n) -> new Retention(rs.getString(1), rs.getInt(2))).list();
            for (Retention retention : retentions) {
                Timestamp cutoff = Timestamp.from(clock.instant().minus(Duration.ofDays(retention.days())));
                deleted += deleteInChunks(DELETE_EXPIRED, retention.siteId(), cutoff);
                deleteInChunks(DELETE_EXPIRED_VISITS, retention.siteId(), cutoff);
                deleteInChunks(DELETE_EXPIRED_VISITORS, retention.siteId(), cutoff);
            }
        } catch (DataAccessException e) {
            log.warn("the retention sweep failed, will retry: {}", e.getMostSpecificCause().getMessage());
        }
        return deleted;
    }

    /**
     * The first day the sweep has not begun on for a site that keeps {@code retentionDays} days
     * of raw events: from it on, a day's events and visits are whole, and what is made again from
     * them drops no one. The sweep deletes what ended before now minus the retention, and a site's
     * day starts up to 14 hours before the UTC day of the same date: so the first whole day is two
     * days after the cutoff's UTC date. Any day, without a retention.
     */
    public static LocalDate firstWholeDay(Integer retentionDays, Clock clock) {
        return retentionDays == null ? LocalDate.MIN : LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(retentionDays - 2L);
    }

    private long deleteInChunks(String statement, String siteId, Timestamp cutoff) {
        long deleted = 0;
        int chunk;
        do {
            chunk = jdbc.sql(statement).param("site", siteId).param("cutoff", cutoff).param("chunk", CHUNK).update();
            deleted += chunk;
        } while (chunk == CHUNK);
        return deleted;
    }
}
