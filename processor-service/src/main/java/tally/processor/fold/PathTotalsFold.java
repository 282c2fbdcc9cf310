package tally.processor.fold;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tally.common.sketch.UserSketches;

import javax.sql.DataSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds one day of a site's pages into their running totals ({@link RunningTotals}): its
 * neighbour's totals, if any, plus the days' rows; page views and events summed, visitor
 * sketches unioned. PostgreSQL cannot union sketches, so the rows are merged
 * here. They are read in the order of the table's key and streamed (a cursor, in the fold's
 * transaction), and written back a few hundred pages per statement, so a site with a hundred
 * thousand pages a day is never held whole.
 */
@Component
class PathTotalsFold {

    /** The rows of each page, adjacent: the neighbour's total and the days' rows, each in its key's order. */
    static final String ROWS = """
            SELECT path, page_views, events, users FROM (
                SELECT path, page_views, events, users FROM %1$s WHERE site_id = :site AND %2$s
                UNION ALL
                SELECT path, page_views, events, users FROM rollup_daily_paths WHERE site_id = :site AND %3$s) AS s
            ORDER BY path""";

    static final String INSERT = """
            INSERT INTO %s (site_id, day, path, page_views, events, users, estimate)
            SELECT :site, :day, * FROM unnest(:paths::text[], :pageViews::bigint[], :events::bigint[], :users::bytea[], :estimates::bigint[])""";

    /** An empty sketch, for a page whose rows have none: every total has a sketch. */
    private static final byte[] NO_ONE = UserSketches.empty().toCompactByteArray();

    private final JdbcClient jdbc;
    private final int pagesPerInsert;

    PathTotalsFold(DataSource dataSource, @Value("${tally.processor.fold-pages-per-insert:500}") int pagesPerInsert) {
        JdbcTemplate streaming = new JdbcTemplate(dataSource);
        streaming.setFetchSize(2 * pagesPerInsert);
        this.jdbc = JdbcClient.create(streaming);
        this.pagesPerInsert = pagesPerInsert;
    }

    /** Writes the day's totals of a kind; the day must have none yet. Call inside a transaction (the cursor lives in it). */
    void fold(RunningTotals totals, String siteId, LocalDate day) {
        Pages pages = new Pages(totals, siteId, day);
        jdbc.sql(ROWS.formatted(totals.pathsTable, totals.neighbour, totals.days)).param("site", siteId).param("day", day)
                .query((RowCallbackHandler) rs -> pages.add(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getBytes(4)));
        pages.endOfRows();
    }

    /** The pages being folded: the one whose rows are coming, and those done but not yet written. */
    private final class Pages {
        private final RunningTotals totals;
        private final String siteId;
        private final LocalDate day;
        private final List<String> paths = new ArrayList<>();
        private final List<Long> pageViews = new ArrayList<>();
        private final List<Long> events = new ArrayList<>();
        private final List<byte[]> users = new ArrayList<>();
        private final List<Long> estimates = new ArrayList<>();
        private String path;
        private long pageViewsOfPath;
        private long eventsOfPath;
        private final List<byte[]> sketchesOfPath = new ArrayList<>(2);

        Pages(RunningTotals totals, String siteId, LocalDate day) {
            this.totals = totals;
            this.siteId = siteId;
            this.day = day;
        }

        void add(String rowPath, long rowPageViews, long rowEvents, byte[] rowUsers) {
            if (!rowPath.equals(path)) {
                endOfPage();
                path = rowPath;
            }
            pageViewsOfPath += rowPageViews;
            eventsOfPath += rowEvents;
            if (rowUsers != null) {
                sketchesOfPath.add(rowUsers);
            }
        }

        void endOfRows() {
            endOfPage();
            write();
        }

        private void endOfPage() {
            if (path != null && (pageViewsOfPath != 0 || eventsOfPath != 0)) { // else every event of the page was forgotten
                // One sketch (a page seen on one of the days) is its own union, kept as it is.
                byte[] sketch = sketchesOfPath.isEmpty() ? NO_ONE
                        : sketchesOfPath.size() == 1 ? sketchesOfPath.getFirst() : UserSketches.union(sketchesOfPath).toCompactByteArray();
                paths.add(path);
                pageViews.add(pageViewsOfPath);
                events.add(eventsOfPath);
                users.add(sketch);
                estimates.add(UserSketches.estimate(UserSketches.read(sketch)));
                if (paths.size() == pagesPerInsert) {
                    write();
                }
            }
            pageViewsOfPath = 0;
            eventsOfPath = 0;
            sketchesOfPath.clear();
        }

        private void write() {
            if (paths.isEmpty()) {
                return;
            }
            jdbc.sql(INSERT.formatted(totals.pathsTable)).param("site", siteId).param("day", day).param("paths", paths.toArray(String[]::new))
                    .param("pageViews", pageViews.stream().mapToLong(Long::longValue).toArray())
                    .param("events", events.stream().mapToLong(Long::longValue).toArray())
                    .param("users", users.toArray(byte[][]::new))
                    .param("estimates", estimates.stream().mapToLong(Long::longValue).toArray()).update();
            paths.clear();
            pageViews.clear();
            events.clear();
            users.clear();
            estimates.clear();
        }
    }
}
