package tally.processor.rollup;

import org.apache.datasketches.hll.HllSketch;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tally.common.sketch.UserSketches;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * rollup_daily_users: a distinct-user sketch per site and UTC day, with its estimate for SQL
 * readers (the daily_stats view). A sketch cannot be added in
 * SQL, so this is a read-merge-write: first insert the batch's sketch for days that have none
 * (ON CONFLICT DO NOTHING, which waits for a concurrent insert of the same day to settle), then
 * lock the days that already had one, merge in Java, and write back. Both steps go in key
 * order, so processors meeting on the same days queue up instead of deadlocking.
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

    private final JdbcClient jdbc;

    public DailyUsers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Merges the batch's sketches in. Call inside the batch transaction. */
    public void add(BatchAggregate batch) {
        SortedMap<SiteDay, HllSketch> added = batch.users;
        Set<SiteDay> inserted = new HashSet<>(jdbc.sql(INSERT_NEW)
                .params(sites(added.keySet()), days(added.keySet()), sketches(added.values()), estimates(added.values()))
                .query((rs, n) -> new SiteDay(rs.getString(1), rs.getObject(2, LocalDate.class)))
                .list());

        Set<SiteDay> existing = new TreeSet<>(added.keySet());
        existing.removeAll(inserted);
        if (existing.isEmpty()) {
            return;
        }
        SortedMap<SiteDay, HllSketch> merged = new TreeMap<>();
        jdbc.sql(LOCK_EXISTING).params(sites(existing), days(existing)).query(rs -> {
            SiteDay key = new SiteDay(rs.getString(1), rs.getObject(2, LocalDate.class));
            merged.put(key, UserSketches.merge(rs.getBytes(3), added.get(key)));
        });
        jdbc.sql(UPDATE).params(sites(merged.keySet()), days(merged.keySet()), sketches(merged.values()), estimates(merged.values()))
                .update();
    }

    private static String[] sites(Set<SiteDay> keys) {
        return keys.stream().map(SiteDay::siteId).toArray(String[]::new);
    }

    private static String[] days(Set<SiteDay> keys) {
        return keys.stream().map(k -> k.day().toString()).toArray(String[]::new);
    }

    private static byte[][] sketches(Collection<HllSketch> sketches) {
        List<byte[]> bytes = sketches.stream().map(HllSketch::toCompactByteArray).toList();
        return bytes.toArray(byte[][]::new);
    }

    private static long[] estimates(Collection<HllSketch> sketches) {
        return sketches.stream().mapToLong(UserSketches::estimate).toArray();
    }
}
