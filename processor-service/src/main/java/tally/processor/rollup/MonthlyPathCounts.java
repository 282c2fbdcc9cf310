package tally.processor.rollup;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.SortedMap;
import java.util.TreeMap;

/**
 * rollup_monthly_paths: page views and events per site, calendar month and path, in total and
 * running by day of the month ({@link RunningTotals}), for reports over any days of weeks and months.
 */
@Component
public class MonthlyPathCounts {

    static final String UPSERT = """
            INSERT INTO rollup_monthly_paths AS r (site_id, month, path, page_views, events, page_views_to_day, events_to_day)
            SELECT site_id, month, path, page_views, events, page_views_to_day::bigint[], events_to_day::bigint[]
            FROM unnest(?::text[], ?::date[], ?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::text[])
                 AS u(site_id, month, path, page_views, events, page_views_to_day, events_to_day)
            ON CONFLICT (site_id, month, path)
            DO UPDATE SET page_views = r.page_views + excluded.page_views, events = r.events + excluded.events,
                          page_views_to_day = add_each(r.page_views_to_day, excluded.page_views_to_day),
                          events_to_day = add_each(r.events_to_day, excluded.events_to_day)""";

    private final JdbcClient jdbc;

    public MonthlyPathCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the batch's daily path counts to their months' rows, in key order. Call inside the batch transaction. */
    public void add(BatchAggregate batch) {
        SortedMap<BatchAggregate.PathKey, RunningTotals> months = new TreeMap<>();
        batch.paths.forEach((key, counts) -> months.computeIfAbsent(
                new BatchAggregate.PathKey(key.siteId(), key.day().withDayOfMonth(1), key.path()), k -> new RunningTotals(2))
                .add(key.day(), counts.pageViews(), counts.events()));
        if (months.isEmpty()) {
            return;
        }
        jdbc.sql(UPSERT).params(
                months.keySet().stream().map(BatchAggregate.PathKey::siteId).toArray(String[]::new),
                months.keySet().stream().map(key -> key.day().toString()).toArray(String[]::new),
                months.keySet().stream().map(BatchAggregate.PathKey::path).toArray(String[]::new),
                RunningTotals.totals(months.values(), 0), RunningTotals.totals(months.values(), 1),
                RunningTotals.literals(months.values(), 0), RunningTotals.literals(months.values(), 1)).update();
    }
}
