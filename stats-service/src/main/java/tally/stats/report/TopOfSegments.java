package tally.stats.report;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The top of a list of pages, by page views, events or visitors, read from the top of each of
 * its {@link MonthSegments} rather than from every page. Where each segment is a row per page (a
 * month, a running total, one day), a page outside the first n of every segment by a count has
 * at most the sum of their n-th counts; so the pages among those firsts, summed over all the
 * segments, hold the list's top where its last page counts more than that (the threshold
 * algorithm of Fagin, Lotem and Naor). Else more are read, and past {@link #MOST_READ} every
 * page is. 30 days to the 15th of a month are then two index descents of a few dozen entries and a
 * lookup per page found, where summing all 2,000 pages of both running totals sent 4,000 rows.
 *
 * <p>A list whose answer needs every page (a filter, visit or revenue metrics, another order, or
 * {@code include.total_rows}) is read whole by {@link ReportRunner}, as is a range some segment of
 * which is several days or subtracted, or whose running totals the fold no longer holds.
 */
@Component
class TopOfSegments {

    /** The metrics a top can answer: counts whose sum, or bound, is its order. */
    private static final Set<Metric> SERVED = EnumSet.of(Metric.PAGEVIEWS, Metric.EVENTS, Metric.VISITORS);
    /** The first of each segment read, per page of the list asked: most sites' few pages lead every day. */
    private static final int READ_PER_WANTED = 4;
    private static final int LEAST_READ = 40;
    /** Past this many of each segment, the top is no cheaper than reading every page. */
    private static final int MOST_READ = 1_000;

    /** The pages among the first of each segment, what any other page counts at most, and whether the fold held the totals read. */
    private record Top(Map<String, RollupReader.Counts> pages, long othersAtMost, boolean whole, boolean stale) {
    }

    private final JdbcClient jdbc;
    private final SiteHistory history;

    TopOfSegments(JdbcClient jdbc, SiteHistory history) {
        this.jdbc = jdbc;
        this.history = history;
    }

    /**
     * The report's page of pages, with their visitors counted by {@code pending}; empty where the
     * report must read every page.
     */
    Optional<List<Map.Entry<String, ReportRunner.Figures>>> page(Report report, TopGroups.Pending pending) {
        Optional<String> column = orderColumn(report);
        if (column.isEmpty()) {
            return Optional.empty();
        }
        List<MonthSegments.Segment> segments = MonthSegments.of(report.range(), history.hints(report.siteId()));
        if (segments.stream().anyMatch(s -> s.subtract() || s.kind() == MonthSegments.Kind.DAYS && !s.from().equals(s.to()))) {
            return Optional.empty();
        }
        long wanted = (long) report.offset() + report.limit();
        for (long read = Math.max(LEAST_READ, READ_PER_WANTED * wanted); read <= MOST_READ; read *= READ_PER_WANTED) {
            Top top = read(report.siteId(), segments, column.get(), read);
            if (top.stale()) {
                return Optional.empty();
            }
            Map<String, ReportRunner.Figures> groups = LinkedHashMap.newLinkedHashMap(top.pages().size());
            top.pages().forEach((page, counts) -> groups.put(page,
                    new ReportRunner.Figures(counts, VisitReader.VisitCounts.NONE, Map.of(), ReportRunner.Totals.NONE)));
            if (top.whole()) {
                return Optional.of(TopGroups.page(report, groups, pending));
            }
            Optional<List<Map.Entry<String, ReportRunner.Figures>>> page = TopGroups.pageOfTop(report, groups, pending, top.othersAtMost());
            if (page.isPresent()) {
                return page;
            }
        }
        return Optional.empty();
    }

    /**
     * The segments' column a top of the report's list is read by ("v" page views, "e" events),
     * or empty if it must read every page.
     */
    static Optional<String> orderColumn(Report report) {
        if (report.dimension().orElse(null) != Dimension.PAGE || report.filter().isPresent() || report.totalRows()
                || report.range().wholeHistory() || !SERVED.containsAll(report.metrics())) {
            return Optional.empty();
        }
        return TopGroups.firstOrder(report).filter(Report.Order::descending).flatMap(order -> Metric.named(order.key()))
                .filter(SERVED::contains).map(metric -> metric == Metric.PAGEVIEWS ? "v" : "e");
    }

    /** The first {@code read} pages of each segment by {@code column}, summed over all of them ({@link #topSql}). */
    private Top read(String siteId, List<MonthSegments.Segment> segments, String column, long read) {
        Map<String, Object> params = new HashMap<>();
        params.put("site", siteId);
        Map<String, RollupReader.Counts> pages = new LinkedHashMap<>();
        long[] summary = new long[3];
        jdbc.sql(topSql(segments, RollupReader.PATHS, "path", column, read, params)).params(params).query(rs -> {
            String page = rs.getString(1);
            if (page == null) {
                summary[0] = rs.getLong(2);
                summary[1] = rs.getLong(3);
                summary[2] = rs.getLong(4);
            } else if (rs.getLong(3) > 0) {
                pages.put(page, new RollupReader.Counts(rs.getLong(2), rs.getLong(3), -1));
            }
        });
        return new Top(pages, summary[0], summary[1] == 1, summary[2] == 1);
    }

    /**
     * One statement: the first {@code read} values of each segment by {@code column} (a
     * {@code t<i>}), each of those values' page views and events summed over every segment (a
     * lookup by key in each), and a last row with a null value: the most any other value can
     * have (the sum of each segment's last value read, 0 for a segment read to its end), whether
     * every segment was read to its end, and whether a running total read is one the fold no
     * longer holds ({@link MonthSegments#FOLDED}).
     */
    static String topSql(List<MonthSegments.Segment> segments, MonthSegments.Tables tables, String key, String column, long read,
                         Map<String, Object> params) {
        // The count read is written in, not bound: with LIMIT a parameter, PostgreSQL planned the
        // statement again at each run (0.4 ms of its 1.1), finding no generic plan as cheap.
        List<String> firsts = new ArrayList<>();
        List<String> lookups = new ArrayList<>();
        List<String> views = new ArrayList<>();
        List<String> events = new ArrayList<>();
        List<String> lasts = new ArrayList<>();
        List<String> ends = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            MonthSegments.Segment segment = segments.get(i);
            params.put("from" + i, segment.from());
            params.put("to" + i, segment.to());
            String rows = select(tables, segment.kind()).formatted("", i);
            if (segment.kind() == MonthSegments.Kind.TO_DAY || segment.kind() == MonthSegments.Kind.FROM_DAY) {
                stale.add(":to%d > (SELECT day FROM folded)".formatted(i));
            }
            firsts.add("t%d AS MATERIALIZED (SELECT value, v, e FROM (%s) s ORDER BY %s DESC LIMIT %d)".formatted(i, rows, column, read));
            // LIMIT keeps the lookup a descent per value: pulled up into a join, it was planned as a merge join over every page.
            lookups.add("LEFT JOIN LATERAL (%s AND %s = c.value LIMIT 1) s%d ON true".formatted(rows, key, i));
            views.add("coalesce(s%d.v, 0)".formatted(i));
            events.add("coalesce(s%d.e, 0)".formatted(i));
            lasts.add("(SELECT CASE WHEN count(*) < %d THEN 0 ELSE min(%s) END FROM t%d)".formatted(read, column, i));
            ends.add("(SELECT count(*) < %d FROM t%d)".formatted(read, i));
        }
        List<String> candidates = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            candidates.add("SELECT value FROM t" + i);
        }
        // The fold's day is read only to check running totals (a call costs 0.1-0.2 ms).
        String folded = stale.isEmpty() ? "" : "folded AS MATERIALIZED (SELECT " + MonthSegments.FOLDED + " AS day), ";
        return """
                WITH %s%s, c AS (%s)
                SELECT c.value, %s, %s, 0 FROM c %s
                UNION ALL
                SELECT NULL, %s, CASE WHEN %s THEN 1 ELSE 0 END, CASE WHEN %s THEN 1 ELSE 0 END""".formatted(
                folded, String.join(", ", firsts), String.join(" UNION ", candidates),
                String.join(" + ", views), String.join(" + ", events), String.join(" ", lookups),
                String.join(" + ", lasts), String.join(" AND ", ends), stale.isEmpty() ? "false" : String.join(" OR ", stale));
    }

    private static String select(MonthSegments.Tables tables, MonthSegments.Kind kind) {
        return switch (kind) {
            case MONTH -> tables.monthly();
            case DAYS -> tables.daily();
            case TO_DAY -> tables.toDay();
            case FROM_DAY -> tables.fromDay();
        };
    }
}
