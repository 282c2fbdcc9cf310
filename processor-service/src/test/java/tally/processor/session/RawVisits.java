package tally.processor.session;

import tally.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Visits and their rollup, asked of the raw events by brute force: events of a visitor sorted
 * by time, a new visit wherever the gap is 30 minutes or more, then grouped. For test data
 * whose visitors have no two events at the same instant.
 */
public final class RawVisits {

    /** One row per visit, with its first event's source and its entry and exit page views. */
    static final String VISITS = """
            WITH e AS (
                SELECT site_id, coalesce(visitor_id, user_id) AS visitor, occurred_at, event_type, path,
                       coalesce(source, 'Direct / None') AS source
                FROM events
            ), starts AS (
                SELECT *, CASE WHEN occurred_at - lag(occurred_at) OVER w < interval '30 minutes' THEN 0 ELSE 1 END AS new_visit
                FROM e WINDOW w AS (PARTITION BY site_id, visitor ORDER BY occurred_at)
            ), numbered AS (
                SELECT *, sum(new_visit) OVER (PARTITION BY site_id, visitor ORDER BY occurred_at) AS visit FROM starts
            )
            SELECT site_id, visitor, min(occurred_at) AS started_at, max(occurred_at) AS ended_at,
                   count(*) FILTER (WHERE event_type = 'page_view')::int AS page_views, count(*)::int AS events,
                   (array_agg(path ORDER BY occurred_at) FILTER (WHERE event_type = 'page_view'))[1] AS entry_page,
                   (array_agg(path ORDER BY occurred_at DESC) FILTER (WHERE event_type = 'page_view'))[1] AS exit_page,
                   (array_agg(source ORDER BY occurred_at))[1] AS source
            FROM numbered GROUP BY site_id, visitor, visit""";

    static final String STORED = """
            SELECT site_id, visitor_id, started_at, ended_at, page_views, events, entry_page, exit_page, source FROM visits""";

    /** The 'all', 'source' and 'entry_page' rows of rollup_daily_visits, as the raw visits give them. */
    static final String ROLLUP = """
            WITH v AS (%s)
            SELECT site_id, (started_at AT TIME ZONE 'UTC')::date AS day, d.dimension, d.value, count(*) AS visits,
                   count(*) FILTER (WHERE page_views = 1 AND events = 1) AS bounces,
                   sum(floor(extract(epoch FROM ended_at - started_at)))::bigint AS duration,
                   sum(page_views) AS page_views, sum(events) AS events
            FROM v, LATERAL (VALUES ('all', ''), ('source', source), ('entry_page', entry_page)) d(dimension, value)
            WHERE d.value IS NOT NULL
            GROUP BY 1, 2, 3, 4""".formatted(VISITS);

    static final String ROLLED_UP = """
            SELECT site_id, day, dimension, value, visits, bounces, duration, page_views, events
            FROM rollup_daily_visits WHERE dimension IN ('all', 'source', 'entry_page') AND visits <> 0""";

    /** rollup_monthly_visits, and rollup_daily_visits summed by month. */
    static final String MONTHLY = """
            SELECT site_id, month, dimension, value, visits, bounces, duration, page_views, events
            FROM rollup_monthly_visits WHERE visits <> 0""";
    static final String DAILY_BY_MONTH = """
            SELECT site_id, date_trunc('month', day)::date, dimension, value, sum(visits), sum(bounces), sum(duration), sum(page_views),
                   sum(events)
            FROM rollup_daily_visits GROUP BY 1, 2, 3, 4 HAVING sum(visits) <> 0""";

    /**
     * Source rows counting fewer visitors than the raw visits have. A sketch cannot forget, so a
     * visitor whose visit a late event moved to another day or source stays counted where it
     * was: more is possible, fewer is not.
     */
    static final String VISITORS_MISSED = """
            WITH v AS (%s)
            SELECT count(*) FROM (
                SELECT site_id, (started_at AT TIME ZONE 'UTC')::date AS day, d.dimension, d.value, count(DISTINCT visitor) AS visitors
                FROM v, LATERAL (VALUES ('source', source)) d(dimension, value)
                WHERE d.value IS NOT NULL GROUP BY 1, 2, 3, 4) raw
            LEFT JOIN rollup_daily_visits r USING (site_id, day, dimension, value)
            WHERE r.estimate IS NULL OR r.estimate < raw.visitors""".formatted(VISITS);

    private RawVisits() {}

    /**
     * rollup_retention by brute force: each visitor's days with events, their first, and per unit
     * the cohort of the first and the distinct periods after it that they were active in.
     */
    static final String COHORTS = """
            WITH active AS (SELECT DISTINCT site_id, coalesce(visitor_id, user_id) AS visitor, coalesce(day, (occurred_at AT TIME ZONE 'UTC')::date) AS day
                            FROM events),
                 firsts AS (SELECT site_id, visitor, min(day) AS first FROM active GROUP BY site_id, visitor)
            SELECT site_id, unit, cohort, period, count(*) AS visitors
            FROM (SELECT DISTINCT a.site_id, a.visitor, u.unit, date_trunc(u.unit, f.first)::date AS cohort,
                         CASE u.unit
                             WHEN 'day' THEN a.day - f.first
                             WHEN 'week' THEN (date_trunc('week', a.day)::date - date_trunc('week', f.first)::date) / 7
                             ELSE ((extract(year FROM a.day) - extract(year FROM f.first)) * 12
                                   + extract(month FROM a.day) - extract(month FROM f.first))::integer
                         END AS period
                  FROM active a JOIN firsts f USING (site_id, visitor) CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS u(unit)) p
            GROUP BY site_id, unit, cohort, period""";

    static final String ROLLED_COHORTS = "SELECT site_id, unit, cohort, period, visitors FROM rollup_retention WHERE visitors <> 0";

    /** Rows of one query missing from the other, both ways round. */
    private static String differences(String a, String b) {
        return "SELECT count(*) FROM ((SELECT * FROM (%1$s) a EXCEPT SELECT * FROM (%2$s) b) UNION ALL (SELECT * FROM (%2$s) b EXCEPT SELECT * FROM (%1$s) a)) d"
                .formatted(a, b);
    }

    /**
     * The stored visits are the raw events' visits, and the rollup sums them, both ways round, by
     * day and by month; the retention rollup holds the raw events' cohorts.
     */
    public static void assertMatch(TestDatabase db) {
        assertThat(db.count("SELECT count(*) FROM (%s) v".formatted(VISITS))).as("visits").isPositive();
        assertThat(db.count(differences(VISITS, STORED))).as("visits differing from the raw events' visits").isZero();
        assertThat(db.count(differences(ROLLUP, ROLLED_UP))).as("rollup rows differing from the raw visits").isZero();
        assertThat(db.count("SELECT count(*) FROM rollup_monthly_visits")).as("monthly visit rows").isPositive();
        assertThat(db.count(differences(MONTHLY, DAILY_BY_MONTH))).as("monthly rows differing from the daily ones").isZero();
        assertThat(db.count(VISITORS_MISSED)).as("rollup rows missing visitors").isZero();
        assertThat(db.count(differences(COHORTS, ROLLED_COHORTS))).as("retention rows differing from the raw events' cohorts").isZero();
    }
}
