package tally.processor.rollup;

import org.apache.datasketches.hll.HllSketch;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tally.common.sketch.UserSketches;
import tally.processor.rollup.BatchAggregate.PathCounts;
import tally.processor.rollup.BatchAggregate.PathKey;

import java.time.LocalDate;
import java.util.Set;
import java.util.SortedMap;

/**
 * rollup_daily_paths: page views, events and a visitor sketch per site, day and path. The
 * sketches are merged as {@link SketchUpsert} describes, and each row's counts are added in the
 * same write as its sketch: a batch touches thousands of paths, and a second write per path cost
 * a quarter or more of the processor's throughput.
 */
@Component
public class DailyPaths {

    /** Counts without sketches: what is subtracted when events are taken away. */
    static final String ADD_COUNTS = """
            INSERT INTO rollup_daily_paths (site_id, day, path, page_views, events)
            SELECT * FROM unnest(?::text[], ?::date[], ?::text[], ?::bigint[], ?::bigint[])
            ON CONFLICT (site_id, day, path)
            DO UPDATE SET page_views = rollup_daily_paths.page_views + excluded.page_views,
                          events = rollup_daily_paths.events + excluded.events""";

    static final String INSERT_NEW = """
            INSERT INTO rollup_daily_paths (site_id, day, path, users, estimate, page_views, events)
            SELECT * FROM unnest(?::text[], ?::date[], ?::text[], ?::bytea[], ?::bigint[], ?::bigint[], ?::bigint[])
            ON CONFLICT (site_id, day, path) DO NOTHING
            RETURNING site_id, day, path""";

    static final String LOCK_EXISTING = """
            SELECT r.site_id, r.day, r.path, r.users
            FROM rollup_daily_paths r
            JOIN unnest(?::text[], ?::date[], ?::text[]) AS k(site_id, day, path)
              ON r.site_id = k.site_id AND r.day = k.day AND r.path = k.path
            ORDER BY r.site_id, r.day, r.path
            FOR UPDATE OF r""";

    static final String UPDATE = """
            UPDATE rollup_daily_paths r
            SET users = k.users, estimate = k.estimate, page_views = r.page_views + k.page_views, events = r.events + k.events
            FROM unnest(?::text[], ?::date[], ?::text[], ?::bytea[], ?::bigint[], ?::bigint[], ?::bigint[])
                 AS k(site_id, day, path, users, estimate, page_views, events)
            WHERE r.site_id = k.site_id AND r.day = k.day AND r.path = k.path""";

    /** Sets the sketches of existing rows, leaving their counts: keys, then sketches and estimates, as arrays. */
    public static final String REPLACE_SKETCHES = """
            UPDATE rollup_daily_paths r SET users = k.users, estimate = k.estimate
            FROM unnest(?::text[], ?::date[], ?::text[], ?::bytea[], ?::bigint[]) AS k(site_id, day, path, users, estimate)
            WHERE r.site_id = k.site_id AND r.day = k.day AND r.path = k.path""";

    private final JdbcClient jdbc;
    private final SketchUpsert<PathKey> upsert;

    public DailyPaths(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.upsert = new SketchUpsert<>(jdbc, INSERT_NEW, LOCK_EXISTING, UPDATE, DailyPaths::keyColumns,
                (rs, n) -> new PathKey(rs.getString("site_id"), rs.getObject("day", LocalDate.class), rs.getString("path")));
    }

    /**
     * Adds the batch's counts, with its visitors when it has them (an aggregate of events taken
     * away has none: a sketch cannot subtract). Call inside the batch transaction.
     */
    public void add(BatchAggregate batch) {
        if (batch.pathVisitors.isEmpty()) {
            Object[] keys = keyColumns(batch.paths.keySet());
            Object[] counts = PathCounts.columns(batch.paths, batch.paths.keySet());
            jdbc.sql(ADD_COUNTS).params(keys[0], keys[1], keys[2], counts[0], counts[1]).update();
        } else {
            upsert.add(batch.pathVisitors, keys -> PathCounts.columns(batch.paths, keys));
        }
    }

    /** Replaces the sketches of existing rows, made again from the events left on their days. */
    public void replaceSketches(SortedMap<PathKey, HllSketch> sketches) {
        Object[] keys = keyColumns(sketches.keySet());
        jdbc.sql(REPLACE_SKETCHES).params(keys[0], keys[1], keys[2],
                sketches.values().stream().map(HllSketch::toCompactByteArray).toArray(byte[][]::new),
                sketches.values().stream().mapToLong(UserSketches::estimate).toArray()).update();
    }

    /** The keys as three arrays, in the keys' order. */
    private static Object[] keyColumns(Set<PathKey> keys) {
        return new Object[] {
                keys.stream().map(PathKey::siteId).toArray(String[]::new),
                keys.stream().map(k -> k.day().toString()).toArray(String[]::new),
                keys.stream().map(PathKey::path).toArray(String[]::new)};
    }
}
