package tally.processor.rollup;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Map;

/** rollup_monthly_paths: page views and events per site, calendar month and path, for reports over weeks and months. */
@Component
public class MonthlyPathCounts {

    static final String UPSERT = """
            INSERT INTO rollup_monthly_paths (site_id, month, path, page_views, events)
            SELECT * FROM unnest(?::text[], ?::date[], ?::text[], ?::bigint[], ?::bigint[])
            ON CONFLICT (site_id, month, path)
            DO UPDATE SET page_views = rollup_monthly_paths.page_views + excluded.page_views,
                          events = rollup_monthly_paths.events + excluded.events""";

    private final JdbcClient jdbc;

    public MonthlyPathCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the batch's counts; one row per key, in key order. Call inside the batch transaction. */
    public void add(BatchAggregate batch) {
        int n = batch.monthlyPaths.size();
        String[] sites = new String[n];
        String[] months = new String[n];
        String[] paths = new String[n];
        long[] views = new long[n];
        long[] events = new long[n];
        int i = 0;
        for (Map.Entry<BatchAggregate.PathKey, BatchAggregate.PathCounts> e : batch.monthlyPaths.entrySet()) {
            sites[i] = e.getKey().siteId();
            months[i] = e.getKey().day().toString();
            paths[i] = e.getKey().path();
            views[i] = e.getValue().pageViews();
            events[i++] = e.getValue().events();
        }
        jdbc.sql(UPSERT).params(sites, months, paths, views, events).update();
    }
}
