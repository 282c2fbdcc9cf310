package tally.stats.report;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The top of a list, read from the top of each of its {@link MonthSegments} rather than from
 * every value: pages by page views, events or visitors, and a visit dimension's values (entry
 * pages, sources, countries...) by visits. Where each segment is a row per value (a month, a
 * running total, one day), a value outside the first n of every segment by a count has at most
 * the sum of their n-th counts; so the values among those firsts, summed over all the segments,
 * hold the list's top where its last value counts more than that (the threshold algorithm of
 * Fagin, Lotem and Naor). Else more are read, and past {@link #MOST_READ} every value is. 30 days
 * to the 15th of a month are then two index descents of a few dozen entries and a lookup per value
 * found, where summing all 2,000 pages of both running totals sent 4,000 rows.
 *
 * <p>A segment subtracted (days 10 to 19 of a month are its totals to the 19th less those to the
 * 9th; seven days are six days' sums and a day, both added) is only looked up, for the values
 * found in the others: its counts can only lower a sum, so the others' bound is that of the
 * segments added. That bound is looser (ten days' counts against 19's), so such a top is read
 * once, four times as many of each segment, and only where the range is a large enough share of
 * the days added ({@link #ADDED_DAYS_PER_DAY_ASKED}). Days after the site's last day hold no rows,
 * whether subtracted from their month (the month to date is the month less them) or added (today,
 * before its first event): they are not read at all, and the statement checks that they are still
 * empty. Daily rows of a few days are read as a segment per day, and a folded month's 1st as its
 * running total to the 1st ({@link MonthSegments#forTops}).
 *
 * <p>A list of pages with their visitors is read from the segments their sketches are unioned
 * from ({@link MonthSegments#ofUnions}), where each is a row per value: the lookups then find
 * each value's sketch rows as well, which {@link SketchUnions} counts the visitors of the values
 * that can reach the page from, with no other statement (a second one cost a round trip, and
 * 0.2 ms of PostgreSQL's time, per list).
 *
 * <p>A list whose answer needs every value (a filter, other metrics, another order, or
 * {@code include.total_rows}) is read whole by {@link ReportRunner}, as is a range some segment of
 * which is daily rows of more than {@link MonthSegments#SINGLE_DAYS} days, or whose running totals the fold no longer holds.
 */
@Component
class TopOfSegments {

    /** The metrics a top of pages can answer: counts whose sum, or bound, is its order. */
    private static final Set<Metric> OF_PAGES = EnumSet.of(Metric.PAGEVIEWS, Metric.EVENTS, Metric.VISITORS);
    /** The metrics a top of a visit dimension's values can answer, ordered by visits. */
    private static final Set<Metric> OF_VISITS = EnumSet.of(Metric.VISITS, Metric.BOUNCE_RATE, Metric.VISIT_DURATION,
            Metric.VIEWS_PER_VISIT);
    /**
     * The first of each segment read, per value of the list asked: most sites' few pages lead
     * every day. Each value read costs a lookup in every segment: a ten-page list reading 40 of each
     * took 1.3 ms of PostgreSQL's time, 20 of each 1.1 ms, and settled just as well on the
     * benchmark's data.
     */
    private static final int READ_PER_WANTED = 2;
    private static final int LEAST_READ = 20;
    /** How many times more each next read takes, when the one before could not settle the list. */
    private static final int READ_GROWTH = 4;
    /** Past this many of each segment, the top is no cheaper than reading every value. */
    private static final int MOST_READ = 1_000;
    /**
     * A range's counts less a subtracted segment's are far below the bound of the segments added,
     * the more so the fewer of their days the range is. In the benchmark's data, the 10th to the
     * 16th as the month to the 16th less its totals to the 9th (seven days of 16) settled in one
     * read of the month's first 80 pages, not 20; the 24th to the 30th (seven of 30) needed 320,
     * which cost more than reading every page (seven days are now six days' sums and a day). So a
     * top with a subtraction is read once, four times larger, and only where the added segments
     * hold at most three days per day of the range.
     */
    private static final int ADDED_DAYS_PER_DAY_ASKED = 3;
    /** What a value's row of a top gives of each segment's sketch row, for a list with visitors ({@link RollupReader#SKETCHED_PATHS}). */
    private static final List<String> SKETCH_COLUMNS = List.of("sketch_day", "version", "estimate", "sketch_table");

    /**
     * Where a list's top is read: the segments' tables, the column a value is looked up by, the
     * counts summed per value, the one a value must have some of to be listed (as the whole list
     * reads them), the one the top is read by, what the tables' selects are bound to besides the
     * segments, and a value's figures from its sums. For a list of pages with their visitors,
     * {@code sketches} are the tables whose rows are also looked up with their sketches' keys
     * ({@link RollupReader#SKETCHED_PATHS}), else null.
     */
    record Source(MonthSegments.Tables tables, String key, List<String> sums, String kept, String by, Map<String, Object> params,
                  Function<long[], ReportRunner.Figures> figures, MonthSegments.Tables sketches) {
        Source withoutSketches() {
            return new Source(tables, key, sums, kept, by, params, figures, null);
        }
    }

    /**
     * The values among the first of each segment, what any other value counts at most, whether
     * every segment was read to its end, and whether the sums are wrong (a running total the fold
     * no longer holds, or days taken as empty that are not).
     */
    private record Top(Map<String, ReportRunner.Figures> values, long othersAtMost, boolean whole, boolean stale, Sketches sketches) {
    }

    /** The keys of each value's sketch rows found by a top, in day order, and the estimate of its last. */
    private record Sketches(Map<String, List<SketchCache.Key>> rows, Map<String, Long> lastEstimates) {
        static final Sketches NONE = new Sketches(Map.of(), Map.of());

        /** Those of some values. */
        Map<String, List<SketchCache.Key>> of(Collection<String> values) {
            Map<String, List<SketchCache.Key>> some = HashMap.newHashMap(values.size());
            values.forEach(value -> {
                List<SketchCache.Key> keys = rows.get(value);
                if (keys != null) {
                    some.put(value, keys);
                }
            });
            return some;
        }
    }

    private final JdbcClient jdbc;
    private final SiteHistory history;
    private final SketchUnions unions;

    TopOfSegments(KeyedReads keyed, SiteHistory history, SketchUnions unions) {
        this.jdbc = keyed.jdbc();
        this.history = history;
        this.unions = unions;
    }

    /**
     * The report's page of values, with their visitors counted by {@code pending}; empty where
     * the report must read every value.
     */
    Optional<List<Map.Entry<String, ReportRunner.Figures>>> page(Report report, TopGroups.Pending pending) {
        long firstRead = Math.max(LEAST_READ, READ_PER_WANTED * ((long) report.offset() + report.limit()));
        Optional<Source> source = firstRead > MOST_READ ? Optional.empty() : sourceOf(report);
        if (source.isEmpty()) {
            return Optional.empty();
        }
        MonthSegments.Hints hints = history.hints(report.siteId());
        // A list with visitors is read from the segments their sketches are unioned from, where
        // each is a row per value: its lookups then find the values' sketch rows too.
        List<MonthSegments.Segment> unioned = source.get().sketches() == null ? List.of()
                : MonthSegments.forTops(MonthSegments.ofUnions(report.range(), hints), hints);
        boolean sketched = !unioned.isEmpty() && unioned.stream().allMatch(s -> s.rowPerValue() || s.emptyBy(hints));
        Source from = sketched ? source.get() : source.get().withoutSketches();
        List<MonthSegments.Segment> segments = new ArrayList<>(sketched ? unioned : MonthSegments.forTops(MonthSegments.of(report.range(), hints), hints));
        // A range to the site's last day is its month minus the days after it, which hold no rows,
        // or (today, before its first event) its days to the last one and those after it: the top
        // reads the others, and its statement checks that those days are still empty.
        List<MonthSegments.Segment> empty = segments.stream().filter(s -> s.emptyBy(hints)).toList();
        segments.removeAll(empty);
        if (segments.stream().anyMatch(s -> !s.rowPerValue())) {
            return Optional.empty();
        }
        boolean subtracts = segments.stream().anyMatch(MonthSegments.Segment::subtract);
        long addedDays = segments.stream().filter(s -> !s.subtract()).mapToLong(s -> s.heldDays(hints)).sum();
        if (subtracts && report.range().days() * ADDED_DAYS_PER_DAY_ASKED < addedDays) {
            return Optional.empty();
        }
        long start = subtracts ? firstRead * READ_GROWTH : firstRead;
        long last = Math.min(subtracts ? start : MOST_READ, MOST_READ); // a top with a subtraction is read once
        for (long read = start; read <= last; read *= READ_GROWTH) {
            Top top = read(report.siteId(), segments, empty, from, read);
            if (top.stale()) {
                return Optional.empty();
            }
            TopGroups.Pending visitors = !sketched ? pending : values -> unions.estimates(report.siteId(), RollupReader.Sketched.PATHS,
                    top.sketches().of(values), top.sketches().lastEstimates());
            if (top.whole()) {
                return Optional.of(TopGroups.page(report, top.values(), visitors));
            }
            long[] most = new long[from.sums().size()];
            Arrays.fill(most, top.othersAtMost());
            Optional<List<Map.Entry<String, ReportRunner.Figures>>> page =
                    TopGroups.pageOfTop(report, top.values(), visitors, from.figures().apply(most));
            if (page.isPresent()) {
                return page;
            }
        }
        return Optional.empty();
    }

    /** Where the top of the report's list is read, or empty if it must read every value. */
    static Optional<Source> sourceOf(Report report) {
        Dimension dimension = report.dimension().orElse(null);
        if (dimension == null || report.filter().isPresent() || report.totalRows() || report.range().wholeHistory()) {
            return Optional.empty();
        }
        Optional<Metric> first = TopGroups.firstOrder(report).filter(Report.Order::descending).flatMap(order -> Metric.named(order.key()));
        if (dimension == Dimension.PAGE && OF_PAGES.containsAll(report.metrics())) {
            return first.filter(OF_PAGES::contains).map(metric -> new Source(RollupReader.PATHS, "path", List.of("v", "e"), "e",
                    metric == Metric.PAGEVIEWS ? "v" : "e", Map.of(), sums -> figures(new RollupReader.Counts(sums[0], sums[1], -1),
                    VisitReader.VisitCounts.NONE), report.metrics().contains(Metric.VISITORS) ? RollupReader.SKETCHED_PATHS : null));
        }
        if (dimension.visitName != null && !dimension.isTime() && OF_VISITS.containsAll(report.metrics())) {
            return first.filter(Metric.VISITS::equals).map(metric -> new Source(VisitReader.OF_VISITS, "value",
                    List.of("v", "b", "d", "p"), "v", "v", Map.of("dimension", dimension.visitName), sums -> figures(
                    new RollupReader.Counts(0, 0, 0), new VisitReader.VisitCounts(sums[0], sums[1], sums[2], sums[3])), null));
        }
        return Optional.empty();
    }

    private static ReportRunner.Figures figures(RollupReader.Counts counts, VisitReader.VisitCounts visits) {
        return new ReportRunner.Figures(counts, visits, Map.of(), ReportRunner.Totals.NONE);
    }

    /** The first {@code read} values of each segment by the source's column, summed over all of them ({@link #topSql}). */
    private Top read(String siteId, List<MonthSegments.Segment> segments, List<MonthSegments.Segment> empty, Source source, long read) {
        Map<String, Object> params = new HashMap<>(source.params());
        params.put("site", siteId);
        Map<String, ReportRunner.Figures> values = new LinkedHashMap<>();
        Sketches sketches = source.sketches() == null ? Sketches.NONE : new Sketches(new HashMap<>(), new HashMap<>());
        long[] summary = new long[3];
        int sums = source.sums().size();
        jdbc.sql(topSql(segments, empty, source, read, params)).params(params).query(rs -> {
            String value = rs.getString(1);
            if (value == null) {
                for (int i = 0; i < summary.length; i++) {
                    summary[i] = rs.getLong(2 + i);
                }
            } else if (rs.getLong(2) > 0) {
                long[] counts = new long[sums];
                for (int i = 0; i < sums; i++) {
                    counts[i] = rs.getLong(3 + i);
                }
                values.put(value, source.figures().apply(counts));
                if (source.sketches() != null) {
                    sketchRows(siteId, value, rs, 3 + sums, segments.size(), sketches);
                }
            }
        });
        return new Top(values, summary[0], summary[1] == 1, summary[2] == 1, sketches);
    }

    /**
     * A value's sketch rows, from its row of the top ({@link #topSql}): from column {@code first}
     * on, each segment's day, version, estimate (null where it has no sketch) and table.
     */
    private static void sketchRows(String siteId, String value, ResultSet rs, int first, int segments, Sketches sketches)
            throws SQLException {
        List<SketchCache.Key> keys = new ArrayList<>(segments);
        long last = 0;
        for (int i = 0; i < segments; i++) {
            int at = first + SKETCH_COLUMNS.size() * i;
            long estimate = rs.getLong(at + 2);
            if (!rs.wasNull()) {
                keys.add(new SketchCache.Key(rs.getString(at + 3), null, siteId, value, rs.getObject(at, LocalDate.class), rs.getLong(at + 1)));
                last = estimate;
            }
        }
        if (!keys.isEmpty()) {
            keys.sort(Comparator.comparing(SketchCache.Key::day));
            sketches.rows().put(value, keys);
            sketches.lastEstimates().put(value, last);
        }
    }

    /**
     * One statement: the first {@code read} values of each segment added by the source's column (a
     * {@code t<i>}), and each of those values' counts summed over every segment (a lookup by key
     * in each, subtracted where the segment is), a row each: the value, its count it must have some
     * of, and its sums. Then a last row with a null value: the most any other value can have (the
     * sum of each added segment's last value read, 0 for one read to its end), whether every added
     * segment was read to its end, and whether a running total read is one the fold no longer holds
     * ({@link MonthSegments#FOLDED}) or an {@code empty} segment (days after the site's last day)
     * holds rows: either makes the sums wrong, and the list is then read whole.
     */
    static String topSql(List<MonthSegments.Segment> segments, List<MonthSegments.Segment> empty, Source source, long read,
                         Map<String, Object> params) {
        // The count read is written in, not bound: a generic plan (KeyedReads) takes an unknown
        // LIMIT for a tenth of the rows, and there are only a few counts read, so a few statements.
        List<String> firsts = new ArrayList<>();
        List<String> candidates = new ArrayList<>();
        List<String> lookups = new ArrayList<>();
        List<String> columns = columns(source);
        List<List<String>> summed = new ArrayList<>();
        columns.forEach(column -> summed.add(new ArrayList<>()));
        List<String> lasts = new ArrayList<>();
        List<String> ends = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            MonthSegments.Segment segment = segments.get(i);
            params.put("from" + i, segment.from());
            params.put("to" + i, segment.to());
            String rows = (source.sketches() == null ? source.tables() : source.sketches()).of(segment, i);
            if (segment.fromFold()) {
                stale.add("NOT " + segment.heldSql(i));
            }
            // LIMIT keeps the lookup a descent per value: pulled up into a join, it was planned as a merge join over every page.
            lookups.add("LEFT JOIN LATERAL (%s AND %s = c.value LIMIT 1) s%d ON true".formatted(rows, source.key(), i));
            for (int c = 0; c < columns.size(); c++) {
                summed.get(c).add("coalesce(s%d.%s, 0)".formatted(i, columns.get(c)));
            }
            if (segment.subtract()) {
                continue; // its counts only lower a value's sum: the values found elsewhere are looked up in it
            }
            firsts.add("t%d AS MATERIALIZED (SELECT value, %s FROM (%s) s ORDER BY %s DESC LIMIT %d)".formatted(i, source.by(), rows,
                    source.by(), read));
            candidates.add("SELECT value FROM t" + i);
            lasts.add("(SELECT CASE WHEN count(*) < %d THEN 0 ELSE min(%s) END FROM t%d)".formatted(read, source.by(), i));
            ends.add("(SELECT count(*) < %d FROM t%d)".formatted(read, i));
        }
        for (int i = segments.size(); i < segments.size() + empty.size(); i++) {
            MonthSegments.Segment segment = empty.get(i - segments.size());
            params.put("from" + i, segment.from());
            params.put("to" + i, segment.to());
            stale.add("EXISTS (%s)".formatted(source.tables().dailyOf(segment, i)));
        }
        List<String> sums = new ArrayList<>(summed.stream().map(terms -> String.join(" + ", terms)).toList());
        List<String> summary = new ArrayList<>(List.of(String.join(" + ", lasts), "CASE WHEN %s THEN 1 ELSE 0 END".formatted(
                String.join(" AND ", ends)), "CASE WHEN %s THEN 1 ELSE 0 END".formatted(stale.isEmpty() ? "false" : String.join(" OR ", stale))));
        while (summary.size() < sums.size()) {
            summary.add("0");
        }
        if (source.sketches() != null) {
            for (int i = 0; i < segments.size(); i++) {
                for (String column : SKETCH_COLUMNS) {
                    sums.add("s%d.%s".formatted(i, column));
                    summary.add("NULL");
                }
            }
        }
        // The fold's day is read only to check running totals (a call costs 0.1-0.2 ms).
        String folded = segments.stream().noneMatch(MonthSegments.Segment::fromFold) ? "" : MonthSegments.FOLDED + ", ";
        return """
                WITH %s%s, c AS (%s)
                SELECT c.value, %s FROM c %s
                UNION ALL
                SELECT NULL, %s""".formatted(folded, String.join(", ", firsts), String.join(" UNION ", candidates),
                String.join(", ", sums), String.join(" ", lookups), String.join(", ", summary));
    }

    /** The columns each row sums, in order: the one a value must have some of, then the source's sums. */
    private static List<String> columns(Source source) {
        List<String> columns = new ArrayList<>(source.sums().size() + 1);
        columns.add(source.kept());
        columns.addAll(source.sums());
        return columns;
    }
}
