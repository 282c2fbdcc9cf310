package tally.processor.rollup;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.SortedMap;

/**
 * The seed's daily_stats table, rewritten for each site-day a batch touched from the rollups
 * the batch has just updated: total page views, distinct users, and the top ten paths by
 * page views as the seed's path_stats JSON. Kept for SQL users of the seed's schema.
 */
@Component
public class SeedDailyStats {

    /** The seed's reports show the top paths; ten is what its example implies. */
    static final int TOP_PATHS = 10;

    static final String REFRESH = """
            INSERT INTO daily_stats (site_id, date, total_views, unique_users, path_stats, last_updated)
            SELECT k.site_id, k.day,
                   coalesce((SELECT e.events FROM rollup_daily_events e
                             WHERE e.site_id = k.site_id AND e.day = k.day AND e.event_type = 'page_view'), 0),
                   k.users,
                   coalesce((SELECT jsonb_agg(jsonb_build_object('path', t.path, 'views', t.page_views)
                                              ORDER BY t.page_views DESC, t.path)
                             FROM (SELECT p.path, p.page_views FROM rollup_daily_paths p
                                   WHERE p.site_id = k.site_id AND p.day = k.day AND p.page_views > 0
                                   ORDER BY p.page_views DESC, p.path LIMIT ?) t), '[]'::jsonb),
                   now()
            FROM unnest(?::text[], ?::date[], ?::bigint[]) AS k(site_id, day, users)
            ON CONFLICT (site_id, date) DO UPDATE
            SET total_views = excluded.total_views, unique_users = excluded.unique_users,
                path_stats = excluded.path_stats, last_updated = excluded.last_updated""";

    private final JdbcClient jdbc;

    public SeedDailyStats(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Call inside the batch transaction, after the other rollups. */
    public void refresh(SortedMap<SiteDay, Long> uniqueUsers) {
        int n = uniqueUsers.size();
        String[] sites = new String[n];
        String[] days = new String[n];
        long[] users = new long[n];
        int i = 0;
        for (Map.Entry<SiteDay, Long> e : uniqueUsers.entrySet()) {
            sites[i] = e.getKey().siteId();
            days[i] = e.getKey().day().toString();
            users[i++] = e.getValue();
        }
        jdbc.sql(REFRESH).params(TOP_PATHS, sites, days, users).update();
    }
}
