package tally.processor.rollup;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Map;

/** rollup_daily_paths: page views and events per site, day and path. */
@Component
public class DailyPathCounts {

    static final String UPSERT = """
            INSERT INTO rollup_daily_paths (site_id, day, path, page_views, events)
            SELECT * FROM unnest(?::text[], ?::date[], ?::text[], ?::bigint[], ?::bigint[])
            ON CONFLICT (site_id, day, path)
            DO UPDATE SET page_views = rollup_daily_paths.page_views + excluded.page_views,
                          events = rollup_daily_paths.events + excluded.events""";

    private final JdbcClient jdbc;

    public DailyPathCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the batch's counts; one row per key, in key order. Call inside the batch transaction. */
    public void add(BatchAggregate batch) {
        int n = batch.paths.size();
        String[] sites = new String[n];
        String[] days = new String[n];
        String[] paths = new String[n];
        long[] views = new long[n];
        long[] events = new long[n];
        int i = 0;
        for (Map.Entry<BatchAggregate.PathKey, BatchAggregate.PathCounts> e : batch.paths.entrySet()) {
            sites[i] = e.getKey().siteId();
            days[i] = e.getKey().day().toString();
            paths[i] = e.getKey().path();
            views[i] = e.getValue().pageViews();
            events[i++] = e.getValue().events();
        }
        jdbc.sql(UPSERT).params(sites, days, paths, views, events).update();
    }
}
