package tally.processor.rollup;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Set;

/**
 * rollup_daily_users: a distinct-user sketch per site and day, with its estimate for SQL
 * readers (the daily_stats view). Merged in as {@link SketchUpsert} describes.
 */
@Component
public class DailyUsers {

    static final String INSERT_NEW = """
            INSERT INTO rollup_daily_users (site_id, day, users, estimate)
            SELECT * FROM unnest(?::text[], ?::date[], ?::bytea[], ?::bigint[])
            ON CONFLICT (site_id, day) DO NOTHING
            RETURNING site_id, day""";

    static final String LOCK_EXISTING = """
            SELECT r.site_id, r.day, r.users
            FROM rollup_daily_users r
            JOIN unnest(?::text[], ?::date[]) AS k(site_id, day) ON r.site_id = k.site_id AND r.day = k.day
            ORDER BY r.site_id, r.day
            FOR UPDATE OF r""";

    static final String UPDATE = """
            UPDATE rollup_daily_users r SET users = k.users, estimate = k.estimate
            FROM unnest(?::text[], ?::date[], ?::bytea[], ?::bigint[]) AS k(site_id, day, users, estimate)
            WHERE r.site_id = k.site_id AND r.day = k.day""";

    private final SketchUpsert<SiteDay> upsert;

    public DailyUsers(JdbcClient jdbc) {
        this.upsert = new SketchUpsert<>(jdbc, INSERT_NEW, LOCK_EXISTING, UPDATE, DailyUsers::keyColumns,
                (rs, n) -> new SiteDay(rs.getString("site_id"), rs.getObject("day", LocalDate.class)));
    }

    /** Merges the batch's per-day sketches in. Call inside the batch transaction. */
    public void add(BatchAggregate batch) {
        upsert.add(batch.users);
    }

    private static Object[] keyColumns(Set<SiteDay> keys) {
        return new Object[] {
                keys.stream().map(SiteDay::siteId).toArray(String[]::new),
                keys.stream().map(k -> k.day().toString()).toArray(String[]::new)};
    }
}
