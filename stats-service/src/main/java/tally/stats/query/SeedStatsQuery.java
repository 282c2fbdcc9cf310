package tally.stats.query;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers the seed's get-stats from the rollups, in one statement and one round trip: a day
 * reads its rows by primary key; all time sums the site's daily page-view counts and reads the
 * all-time rollups (one row per path, one user sketch). Distinct users come from the estimate
 * stored with each sketch, so nothing is decoded here, and the all-time figure is the distinct
 * count over the whole period, not a sum of daily counts.
 */
@Component
public class SeedStatsQuery {

    /** As many top paths as the seed's daily_stats shows. */
    static final int TOP_PATHS = 10;

    static final String DAY = """
            SELECT (SELECT coalesce(sum(events), 0) FROM rollup_daily_events
                    WHERE site_id = :site AND day = :day AND event_type = 'page_view'),
                   (SELECT coalesce(max(estimate), 0) FROM rollup_daily_users WHERE site_id = :site AND day = :day),
                   t.paths, t.views
            FROM (SELECT array_agg(path ORDER BY page_views DESC, path) AS paths,
                         array_agg(page_views ORDER BY page_views DESC, path) AS views
                  FROM (SELECT path, page_views FROM rollup_daily_paths
                        WHERE site_id = :site AND day = :day AND page_views > 0
                        ORDER BY page_views DESC, path LIMIT :top) p) t""";

    static final String ALL_TIME = """
            SELECT (SELECT coalesce(sum(events), 0) FROM rollup_daily_events
                    WHERE site_id = :site AND event_type = 'page_view'),
                   (SELECT coalesce(max(estimate), 0) FROM rollup_all_time_users WHERE site_id = :site),
                   t.paths, t.views
            FROM (SELECT array_agg(path ORDER BY page_views DESC, path) AS paths,
                         array_agg(page_views ORDER BY page_views DESC, path) AS views
                  FROM (SELECT path, page_views FROM rollup_all_time_paths
                        WHERE site_id = :site AND page_views > 0
                        ORDER BY page_views DESC, path LIMIT :top) p) t""";

    private final JdbcClient jdbc;

    public SeedStatsQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public DayStats day(String siteId, LocalDate day) {
        return jdbc.sql(DAY).param("site", siteId).param("day", day).param("top", TOP_PATHS)
                .query((rs, n) -> stats(rs, siteId, day)).single();
    }

    public DayStats allTime(String siteId) {
        return jdbc.sql(ALL_TIME).param("site", siteId).param("top", TOP_PATHS)
                .query((rs, n) -> stats(rs, siteId, null)).single();
    }

    private static DayStats stats(ResultSet rs, String siteId, LocalDate day) throws SQLException {
        return new DayStats(siteId, day, rs.getLong(1), rs.getLong(2), topPaths(rs.getArray(3), rs.getArray(4)));
    }

    private static List<DayStats.PathViews> topPaths(Array paths, Array views) throws SQLException {
        if (paths == null) {
            return List.of();
        }
        String[] names = (String[]) paths.getArray();
        Long[] counts = (Long[]) views.getArray();
        List<DayStats.PathViews> top = new ArrayList<>(names.length);
        for (int i = 0; i < names.length; i++) {
            top.add(new DayStats.PathViews(names[i], counts[i]));
        }
        return top;
    }
}
