package tally.processor.rollup;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tally.processor.rollup.BatchAggregate.DimensionKey;
import tally.processor.rollup.BatchAggregate.PathCounts;

/**
 * rollup_daily_dimensions: page views, events and a visitor sketch per site, day and dimension
 * value (device, browser, os, country, hostname, the event's name, each custom property as
 * "prop:" and its key, and "all"). The sketches are merged as {@link SketchUpsert} describes, in
 * key order, and each row's counts are added in the same write as its sketch.
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
    private final SketchUpsert<DimensionKey> upsert;

    public DailyDimensions(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.upsert = DimensionSketches.upsertWithCounts(jdbc, "rollup_daily_dimensions");
    }

    /**
     * Adds the batch's counts, with its visitors when it has them (an aggregate of events taken
     * away has none, and its rows all exist). Call inside the batch transaction.
     */
    public void add(BatchAggregate batch) {
        if (batch.dimensionVisitors.isEmpty()) {
            Object[] keys = DimensionSketches.keyColumns(batch.dimensionCounts.keySet());
            Object[] counts = PathCounts.columns(batch.dimensionCounts, batch.dimensionCounts.keySet());
            jdbc.sql(ADD_COUNTS).params(keys[0], keys[1], keys[2], keys[3], counts[0], counts[1]).update();
        } else {
            upsert.add(batch.dimensionVisitors, keys -> PathCounts.columns(batch.dimensionCounts, keys));
        }
    }
}
