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
        this.upsert = DimensionSketches.upsert(jdbc, "rollup_daily_dimensions");
    }

    /** Merges the batch's visitors, then adds its counts. Call inside the batch transaction. */
    public void add(BatchAggregate batch) {
        upsert.add(batch.dimensionVisitors);
        int n = batch.dimensionCounts.size();
        Object[] keys = DimensionSketches.keyColumns(batch.dimensionCounts.keySet());
        long[] views = new long[n];
        long[] events = new long[n];
        int i = 0;
        for (Map.Entry<BatchAggregate.DimensionKey, BatchAggregate.PathCounts> e : batch.dimensionCounts.entrySet()) {
            views[i] = e.getValue().pageViews();
            events[i++] = e.getValue().events();
        }
        jdbc.sql(ADD_COUNTS).params(keys[0], keys[1], keys[2], keys[3], views, events).update();
    }
}
