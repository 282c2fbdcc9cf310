package tally.processor.rollup;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * rollup_daily_dimensions: page views, events and a visitor sketch per site, day and
 * dimension value (device, browser, os, country, hostname, the event's name, each custom property as
 * "prop:" and its key, and "all"). The sketches are merged
 * first, as {@link SketchUpsert} describes, which creates any new row; the counts are then added
 * to rows that all exist. Both go in key order.
 */
@Component
public class DailyDimensions {

    static final String INSERT_NEW = """
            INSERT INTO rollup_daily_dimensions (site_id, day, dimension, value, users, estimate)
            SELECT * FROM unnest(?::text[], ?::date[], ?::text[], ?::text[], ?::bytea[], ?::bigint[])
            ON CONFLICT (site_id, day, dimension, value) DO NOTHING
            RETURNING site_id, day, dimension, value""";

    static final String LOCK_EXISTING = """
            SELECT r.site_id, r.day, r.dimension, r.value, r.users
            FROM rollup_daily_dimensions r
            JOIN unnest(?::text[], ?::date[], ?::text[], ?::text[]) AS k(site_id, day, dimension, value)
              ON r.site_id = k.site_id AND r.day = k.day AND r.dimension = k.dimension AND r.value = k.value
            ORDER BY r.site_id, r.day, r.dimension, r.value
            FOR UPDATE OF r""";

    static final String UPDATE_SKETCHES = """
            UPDATE rollup_daily_dimensions r SET users = k.users, estimate = k.estimate
            FROM unnest(?::text[], ?::date[], ?::text[], ?::text[], ?::bytea[], ?::bigint[])
                 AS k(site_id, day, dimension, value, users, estimate)
            WHERE r.site_id = k.site_id AND r.day = k.day AND r.dimension = k.dimension AND r.value = k.value""";

    static final String ADD_COUNTS = """
            UPDATE rollup_daily_dimensions r
            SET page_views = r.page_views + k.page_views, events = r.events + k.events
            FROM unnest(?::text[], ?::date[], ?::text[], ?::text[], ?::bigint[], ?::bigint[])
                 AS k(site_id, day, dimension, value, page_views, events)
            WHERE r.site_id = k.site_id AND r.day = k.day AND r.dimension = k.dimension AND r.value = k.value""";

    private final JdbcClient jdbc;
    private final SketchUpsert<BatchAggregate.DimensionKey> upsert;

    public DailyDimensions(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.upsert = new SketchUpsert<>(jdbc, INSERT_NEW, LOCK_EXISTING, UPDATE_SKETCHES, DailyDimensions::keyColumns,
                (rs, n) -> new BatchAggregate.DimensionKey(rs.getString("site_id"), rs.getObject("day", LocalDate.class),
                        rs.getString("dimension"), rs.getString("value")));
    }

    /** Merges the batch's visitors, then adds its counts. Call inside the batch transaction. */
    public void add(BatchAggregate batch) {
        upsert.add(batch.dimensionVisitors);
        int n = batch.dimensionCounts.size();
        Object[] keys = keyColumns(batch.dimensionCounts.keySet());
        long[] views = new long[n];
        long[] events = new long[n];
        int i = 0;
        for (Map.Entry<BatchAggregate.DimensionKey, BatchAggregate.PathCounts> e : batch.dimensionCounts.entrySet()) {
            views[i] = e.getValue().pageViews();
            events[i++] = e.getValue().events();
        }
        jdbc.sql(ADD_COUNTS).params(keys[0], keys[1], keys[2], keys[3], views, events).update();
    }

    private static Object[] keyColumns(Set<BatchAggregate.DimensionKey> keys) {
        return new Object[] {
                keys.stream().map(BatchAggregate.DimensionKey::siteId).toArray(String[]::new),
                keys.stream().map(k -> k.day().toString()).toArray(String[]::new),
                keys.stream().map(BatchAggregate.DimensionKey::dimension).toArray(String[]::new),
                keys.stream().map(BatchAggregate.DimensionKey::value).toArray(String[]::new)};
    }
}
