package tally.processor.fold;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tally.common.sketch.UserSketches;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds one day of a site's pages into their running totals (rollup_month_to_day_paths): the
 * day before's totals, unless the day is a 1st, plus the day's rows; page views and events
 * summed, visitor sketches unioned. PostgreSQL cannot union sketches, so the rows are merged here
 * and written in one statement, in key order (a report then reads a day's rows a page at a time).
 */
@Component
class PathTotalsFold {

    static final String ROWS = """
            SELECT path, page_views, events, users FROM rollup_month_to_day_paths
            WHERE site_id = :site AND day = CAST(:day AS date) - 1 AND extract(day FROM CAST(:day AS date)) > 1
            UNION ALL
            SELECT path, page_views, events, users FROM rollup_daily_paths WHERE site_id = :site AND day = :day""";

    static final String INSERT = """
            INSERT INTO rollup_month_to_day_paths (site_id, day, path, page_views, events, users, estimate)
            SELECT :site, :day, * FROM unnest(:paths::text[], :pageViews::bigint[], :events::bigint[], :users::bytea[], :estimates::bigint[])""";

    /** A page's totals being folded: sums, and the sketches to union (one, the day before's, or two). */
    private static final class Totals {
        long pageViews;
        long events;
        final List<byte[]> sketches = new ArrayList<>(2);
    }

    private final JdbcClient jdbc;

    PathTotalsFold(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes the day's totals; the day must have none yet. */
    void fold(String siteId, LocalDate day) {
        Map<String, Totals> pages = new TreeMap<>();
        jdbc.sql(ROWS).param("site", siteId).param("day", day).query(rs -> {
            Totals totals = pages.computeIfAbsent(rs.getString(1), path -> new Totals());
            totals.pageViews += rs.getLong(2);
            totals.events += rs.getLong(3);
            byte[] users = rs.getBytes(4);
            if (users != null) {
                totals.sketches.add(users);
            }
        });
        pages.values().removeIf(t -> t.pageViews == 0 && t.events == 0); // every event of the page forgotten
        if (pages.isEmpty()) {
            return;
        }
        int n = pages.size();
        String[] paths = new String[n];
        long[] pageViews = new long[n];
        long[] events = new long[n];
        byte[][] users = new byte[n][];
        Long[] estimates = new Long[n];
        int i = 0;
        for (Map.Entry<String, Totals> page : pages.entrySet()) {
            Totals totals = page.getValue();
            paths[i] = page.getKey();
            pageViews[i] = totals.pageViews;
            events[i] = totals.events;
            // One sketch (a page seen on one of the days) is its own union, stored as it is.
            List<byte[]> sketches = totals.sketches;
            users[i] = sketches.isEmpty() ? null
                    : sketches.size() == 1 ? sketches.getFirst() : UserSketches.union(sketches).toCompactByteArray();
            estimates[i] = users[i] == null ? null : UserSketches.estimate(UserSketches.read(users[i]));
            i++;
        }
        jdbc.sql(INSERT).param("site", siteId).param("day", day).param("paths", paths).param("pageViews", pageViews)
                .param("events", events).param("users", users).param("estimates", estimates).update();
    }
}
