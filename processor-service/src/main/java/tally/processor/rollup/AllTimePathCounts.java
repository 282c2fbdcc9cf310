package tally.processor.rollup;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * rollup_all_time_paths: page views and events per site and path over all days, so an
 * all-time top-paths report sorts one row per path instead of summing one per path and day.
 */
@Component
public class AllTimePathCounts {

    static final String UPSERT = """
            INSERT INTO rollup_all_time_paths (site_id, path, page_views, events)
            SELECT * FROM unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[])
            ON CONFLICT (site_id, path)
            DO UPDATE SET page_views = rollup_all_time_paths.page_views + excluded.page_views,
                          events = rollup_all_time_paths.events + excluded.events""";

    private final JdbcClient jdbc;

    public AllTimePathCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the batch's counts; one row per key, in key order. Call inside the batch transaction. */
    public void add(BatchAggregate batch) {
        int n = batch.allTimePaths.size();
        String[] sites = new String[n];
        String[] paths = new String[n];
        long[] views = new long[n];
        long[] events = new long[n];
        int i = 0;
        for (Map.Entry<BatchAggregate.SitePath, BatchAggregate.PathCounts> e : batch.allTimePaths.entrySet()) {
            sites[i] = e.getKey().siteId();
            paths[i] = e.getKey().path();
            views[i] = e.getValue().pageViews();
            events[i++] = e.getValue().events();
        }
        jdbc.sql(UPSERT).params(sites, paths, views, events).update();
    }
}
