package tally.stats.query;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tally.common.sketch.UserSketches;

import java.time.LocalDate;
import java.util.List;

/**
 * Answers the seed's get-stats from the rollups: a day reads three small row sets by primary
 * key; all time sums the site's daily event counts and reads the all-time rollups (one row per
 * path, one sketch), so the all-time unique_users is the distinct count over the whole period,
 * not a sum of daily counts.
 */
@Component
public class SeedStatsQuery {

    /** As many top paths as the processor keeps in the seed's daily_stats. */
    static final int TOP_PATHS = 10;

    static final String DAY_VIEWS = """
            SELECT coalesce(sum(events), 0) FROM rollup_daily_events
            WHERE site_id = ? AND day = ? AND event_type = 'page_view'""";
    static final String DAY_USERS = "SELECT users FROM rollup_daily_users WHERE site_id = ? AND day = ?";
    static final String DAY_TOP_PATHS = """
            SELECT path, page_views FROM rollup_daily_paths
            WHERE site_id = ? AND day = ? AND page_views > 0
            ORDER BY page_views DESC, path LIMIT ?""";

    static final String ALL_VIEWS = """
            SELECT coalesce(sum(events), 0) FROM rollup_daily_events
            WHERE site_id = ? AND event_type = 'page_view'""";
    static final String ALL_USERS = "SELECT users FROM rollup_all_time_users WHERE site_id = ?";
    static final String ALL_TOP_PATHS = """
            SELECT path, page_views FROM rollup_all_time_paths
            WHERE site_id = ? AND page_views > 0
            ORDER BY page_views DESC, path LIMIT ?""";

    private final JdbcClient jdbc;

    public SeedStatsQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public DayStats day(String siteId, LocalDate day) {
        long views = jdbc.sql(DAY_VIEWS).params(siteId, day).query(Long.class).single();
        long users = distinct(jdbc.sql(DAY_USERS).params(siteId, day).query(byte[].class).list());
        List<DayStats.PathViews> top = jdbc.sql(DAY_TOP_PATHS).params(siteId, day, TOP_PATHS)
                .query((rs, n) -> new DayStats.PathViews(rs.getString(1), rs.getLong(2))).list();
        return new DayStats(siteId, day, views, users, top);
    }

    public DayStats allTime(String siteId) {
        long views = jdbc.sql(ALL_VIEWS).param(siteId).query(Long.class).single();
        long users = distinct(jdbc.sql(ALL_USERS).param(siteId).query(byte[].class).list());
        List<DayStats.PathViews> top = jdbc.sql(ALL_TOP_PATHS).params(siteId, TOP_PATHS)
                .query((rs, n) -> new DayStats.PathViews(rs.getString(1), rs.getLong(2))).list();
        return new DayStats(siteId, null, views, users, top);
    }

    private static long distinct(List<byte[]> sketches) {
        return sketches.isEmpty() ? 0 : UserSketches.estimate(UserSketches.union(sketches));
    }
}
