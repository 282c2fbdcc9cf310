package tally.testing;

/**
 * The monthly rollups as their daily rows make them, in the columns of rollup_monthly_paths and
 * rollup_monthly_visits: each month's totals and running totals by day of the month (element d
 * holds days 1 to d, 31 elements), with the tables' column names. Summed per day here, apart from the processor's and the
 * migration's ways of building them, to check those or to write test rollups as they would.
 */
public final class MonthlyRollups {

    /** A sum of the month's days up to day n, as bigint. */
    private static final String TO_DAY = "coalesce(sum(d.%1$s) FILTER (WHERE extract(day FROM d.day) <= n), 0)::bigint AS %1$s";

    public static final String PATHS = """
            SELECT site_id, month, path, page_views[31] AS page_views, events[31] AS events,
                   page_views AS page_views_to_day, events AS events_to_day FROM (
              SELECT site_id, month, path, array_agg(page_views ORDER BY n) AS page_views, array_agg(events ORDER BY n) AS events
              FROM (SELECT d.site_id, date_trunc('month', d.day)::date AS month, d.path, n, %s, %s
                    FROM rollup_daily_paths d CROSS JOIN generate_series(1, 31) AS n GROUP BY 1, 2, 3, 4) days
              GROUP BY 1, 2, 3) months""".formatted(TO_DAY.formatted("page_views"), TO_DAY.formatted("events"));

    public static final String VISITS = """
            SELECT site_id, month, dimension, value, visits[31] AS visits, bounces[31] AS bounces, duration[31] AS duration,
                   page_views[31] AS page_views, events[31] AS events, visits AS visits_to_day, bounces AS bounces_to_day,
                   duration AS duration_to_day, page_views AS page_views_to_day, events AS events_to_day FROM (
              SELECT site_id, month, dimension, value, array_agg(visits ORDER BY n) AS visits, array_agg(bounces ORDER BY n) AS bounces,
                     array_agg(duration ORDER BY n) AS duration, array_agg(page_views ORDER BY n) AS page_views,
                     array_agg(events ORDER BY n) AS events
              FROM (SELECT d.site_id, date_trunc('month', d.day)::date AS month, d.dimension, d.value, n, %s, %s, %s, %s, %s
                    FROM rollup_daily_visits d CROSS JOIN generate_series(1, 31) AS n GROUP BY 1, 2, 3, 4, 5) days
              GROUP BY 1, 2, 3, 4) months""".formatted(TO_DAY.formatted("visits"), TO_DAY.formatted("bounces"),
            TO_DAY.formatted("duration"), TO_DAY.formatted("page_views"), TO_DAY.formatted("events"));

    private MonthlyRollups() {}

    /** Replaces both monthly rollups with what the daily rows make, as the processor would have kept them. */
    public static void rebuild(TestDatabase db) {
        db.execute("TRUNCATE rollup_monthly_paths, rollup_monthly_visits");
        db.execute("INSERT INTO rollup_monthly_paths " + PATHS);
        db.execute("INSERT INTO rollup_monthly_visits " + VISITS);
    }
}
