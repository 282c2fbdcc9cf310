package tally.processor.drain;

import tally.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** The rollups asked of the raw events by brute force, for test data small enough for the sketches to be exact. */
public final class RawRollups {

    private RawRollups() {}

    /** Every rollup equals the same question asked of the raw events, both ways round. */
    public static void assertMatch(TestDatabase db) {
        assertThat(db.count("""
                SELECT count(*) FROM (
                  (SELECT site_id, (occurred_at AT TIME ZONE 'UTC')::date, event_type, count(*) FROM events GROUP BY 1, 2, 3
                   EXCEPT SELECT site_id, day, event_type, events FROM rollup_daily_events)
                  UNION ALL
                  (SELECT site_id, day, event_type, events FROM rollup_daily_events
                   EXCEPT SELECT site_id, (occurred_at AT TIME ZONE 'UTC')::date, event_type, count(*) FROM events GROUP BY 1, 2, 3)) d""")).isZero();
        assertThat(db.count("""
                SELECT count(*) FROM (
                  (SELECT site_id, (occurred_at AT TIME ZONE 'UTC')::date, path,
                          count(*) FILTER (WHERE event_type = 'page_view'), count(*) FROM events GROUP BY 1, 2, 3
                   EXCEPT SELECT site_id, day, path, page_views, events FROM rollup_daily_paths)
                  UNION ALL
                  (SELECT site_id, day, path, page_views, events FROM rollup_daily_paths
                   EXCEPT SELECT site_id, (occurred_at AT TIME ZONE 'UTC')::date, path,
                          count(*) FILTER (WHERE event_type = 'page_view'), count(*) FROM events GROUP BY 1, 2, 3)) d""")).isZero();
        assertThat(db.count("""
                SELECT count(*) FROM (
                  (SELECT site_id, (occurred_at AT TIME ZONE 'UTC')::date, count(*) FILTER (WHERE event_type = 'page_view'),
                          count(*), count(DISTINCT coalesce(visitor_id, user_id)) FROM events GROUP BY 1, 2
                   EXCEPT SELECT site_id, day, page_views, events, estimate FROM rollup_daily_dimensions WHERE dimension = 'all')
                  UNION ALL
                  (SELECT site_id, day, page_views, events, estimate FROM rollup_daily_dimensions WHERE dimension = 'all'
                   EXCEPT SELECT site_id, (occurred_at AT TIME ZONE 'UTC')::date, count(*) FILTER (WHERE event_type = 'page_view'),
                          count(*), count(DISTINCT coalesce(visitor_id, user_id)) FROM events GROUP BY 1, 2)) d""")).isZero();
        assertThat(db.count("""
                SELECT count(*) FROM (
                  (SELECT site_id, date_trunc('month', day)::date, path, sum(page_views), sum(events) FROM rollup_daily_paths GROUP BY 1, 2, 3
                   EXCEPT SELECT site_id, month, path, page_views, events FROM rollup_monthly_paths)
                  UNION ALL
                  (SELECT site_id, month, path, page_views, events FROM rollup_monthly_paths
                   EXCEPT SELECT site_id, date_trunc('month', day)::date, path, sum(page_views), sum(events) FROM rollup_daily_paths GROUP BY 1, 2, 3)) d""")).isZero();
        // Each path's visitors of a day, as the stats service counts visitors per page.
        assertThat(db.count("""
                SELECT count(*) FROM (
                  (SELECT site_id, (occurred_at AT TIME ZONE 'UTC')::date, path, count(DISTINCT coalesce(visitor_id, user_id))
                   FROM events GROUP BY 1, 2, 3
                   EXCEPT SELECT site_id, day, path, estimate FROM rollup_daily_paths)
                  UNION ALL
                  (SELECT site_id, day, path, estimate FROM rollup_daily_paths
                   EXCEPT SELECT site_id, (occurred_at AT TIME ZONE 'UTC')::date, path, count(DISTINCT coalesce(visitor_id, user_id))
                   FROM events GROUP BY 1, 2, 3)) d""")).isZero();
        // 97 users a day is well inside the sketch's exact range.
        assertThat(db.count("""
                SELECT count(*) FROM (
                  (SELECT site_id, (occurred_at AT TIME ZONE 'UTC')::date, count(*) FILTER (WHERE event_type = 'page_view'),
                          count(DISTINCT user_id) FROM events GROUP BY 1, 2
                   EXCEPT SELECT site_id, date, total_views, unique_users FROM daily_stats)
                  UNION ALL
                  (SELECT site_id, date, total_views, unique_users FROM daily_stats
                   EXCEPT SELECT site_id, (occurred_at AT TIME ZONE 'UTC')::date, count(*) FILTER (WHERE event_type = 'page_view'),
                          count(DISTINCT user_id) FROM events GROUP BY 1, 2)) d""")).isZero();
        assertThat(db.count("""
                SELECT count(*) FROM (
                  (SELECT site_id, path, count(*) FILTER (WHERE event_type = 'page_view'), count(*) FROM events GROUP BY 1, 2
                   EXCEPT SELECT site_id, path, page_views, events FROM rollup_all_time_paths)
                  UNION ALL
                  (SELECT site_id, path, page_views, events FROM rollup_all_time_paths
                   EXCEPT SELECT site_id, path, count(*) FILTER (WHERE event_type = 'page_view'), count(*) FROM events GROUP BY 1, 2)) d""")).isZero();
        // All-time users are merged across batches and days, not summed; still exact at this size.
        assertThat(db.count("""
                SELECT count(*) FROM (
                  (SELECT site_id, count(DISTINCT user_id) FROM events GROUP BY 1
                   EXCEPT SELECT site_id, estimate FROM rollup_all_time_users)
                  UNION ALL
                  (SELECT site_id, estimate FROM rollup_all_time_users
                   EXCEPT SELECT site_id, count(DISTINCT user_id) FROM events GROUP BY 1)) d""")).isZero();
    }
}
