package tally.processor.fold;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;

/**
 * Folds each finished day's six days, it and the five before, into rollup_six_days_paths and
 * rollup_six_days_visits: seven days to today are the six to yesterday plus today's rows, both
 * added, where a month's running totals would subtract. A day's sums are its six days' daily
 * rows, not the day before's sums moved on, so a late event makes only the days it is among
 * stale, and no error carries from one day to the next.
 */
@Component
class SixDaysFold {

    /** Days in each day's sums. */
    static final int DAYS = 6;

    static final String PATHS = """
            INSERT INTO rollup_six_days_paths (site_id, day, path, page_views, events)
            SELECT :site, CAST(:day AS date), path, sum(page_views), sum(events) FROM rollup_daily_paths
            WHERE site_id = :site AND day BETWEEN CAST(:day AS date) - %1$d + 1 AND :day
            GROUP BY path HAVING sum(page_views) <> 0 OR sum(events) <> 0
            ORDER BY path""".formatted(DAYS);

    static final String VISITS = """
            INSERT INTO rollup_six_days_visits (site_id, day, dimension, value, visits, bounces, duration, page_views, events)
            SELECT :site, CAST(:day AS date), dimension, value, sum(visits), sum(bounces), sum(duration), sum(page_views), sum(events)
            FROM rollup_daily_visits
            WHERE site_id = :site AND day BETWEEN CAST(:day AS date) - %1$d + 1 AND :day
            GROUP BY dimension, value
            HAVING sum(visits) <> 0 OR sum(bounces) <> 0 OR sum(duration) <> 0 OR sum(page_views) <> 0 OR sum(events) <> 0
            ORDER BY dimension, value""".formatted(DAYS);

    private final JdbcClient jdbc;

    SixDaysFold(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Deletes a site's sums of the days {@code from} to {@code to}. */
    void clear(String siteId, LocalDate from, LocalDate to) {
        for (String table : new String[] {"rollup_six_days_paths", "rollup_six_days_visits"}) {
            jdbc.sql(MonthToDayFold.CLEAR.formatted(table)).param("site", siteId).param("from", from).param("to", to).update();
        }
    }

    /** Writes a site's sums of the six days to {@code day}, which must have none yet. */
    void fold(String siteId, LocalDate day) {
        jdbc.sql(PATHS).param("site", siteId).param("day", day).update();
        jdbc.sql(VISITS).param("site", siteId).param("day", day).update();
    }
}
