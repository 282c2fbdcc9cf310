package tally.stats.report;

import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Answers a checked {@link Report}: reads the period (and the comparison period) from the
 * rollups, keeps the asked-for page of groups ({@link TopGroups}; for the top pages or visit values,
 * from the top of the rollups' segments only, {@link TopOfSegments}), and pairs each group with its
 * comparison. Without an order, days go in time order and other groups by their first metric,
 * most first; ties go by the dimension's value, so pages are stable.
 */
@Component
class ReportRunner {

    private final RollupReader rollups;
    private final VisitReader visits;
    private final RevenueReader revenue;
    private final RawReader raw;
    private final TopOfSegments tops;

    ReportRunner(RollupReader rollups, VisitReader visits, RevenueReader revenue, RawReader raw, TopOfSegments tops) {
        this.rollups = rollups;
        this.visits = visits;
        this.revenue = revenue;
        this.raw = raw;
        this.tops = tops;
    }

    /**
     * A group's figures: its event counts, its visits, its revenue per currency, and two totals of visitors: all of them in
     * the group's time bucket or the whole period (for conversion rates), and those of the period
     * that the filter keeps (for percentages).
     */
    record Figures(RollupReader.Counts counts, VisitReader.VisitCounts visits, Map<String, BigDecimal> revenue, Totals totals) {
        static final Figures NONE = new Figures(new RollupReader.Counts(0, 0, 0), VisitReader.VisitCounts.NONE, Map.of(), Totals.NONE);

        Figures withVisitors(long visitors) {
            return new Figures(new RollupReader.Counts(counts.pageviews(), counts.events(), visitors), visits, revenue, totals);
        }
    }

    /** The period's visitors: all, and those the filter keeps. */
    record Totals(long visitors, long filteredVisitors) {
        static final Totals NONE = new Totals(0, 0);
    }

    ReportAnswer run(Report report) {
        boolean deferred = defersVisitors(report);
        TopGroups.Pending pending = pending(report, report.range(), deferred);
        Optional<List<Map.Entry<String, Figures>>> top = tops.page(report, pending);
        Map<String, Figures> groups = top.isPresent() ? Map.of() : read(report, report.range(), deferred);
        Optional<DateRange> earlier = report.comparison().map(c -> c.of(report.range()));
        List<Map.Entry<String, Figures>> page = top.orElseGet(() -> TopGroups.page(report, groups, pending));
        Map<String, Figures> earlierGroups = earlier.map(range -> {
            Map<String, Figures> read = read(report, range, deferred);
            return !deferred ? read : withVisitors(report, range, read, page.stream().map(Map.Entry::getKey).toList());
        }).orElse(Map.of());

        List<ReportAnswer.Result> results = new ArrayList<>();
        for (var group : page) {
            List<String> dimensions = report.dimension().isPresent() ? List.of(group.getKey()) : List.of();
            List<Object> metrics = metrics(report, group.getValue());
            ReportAnswer.Comparison comparison = report.comparison().map(mode -> {
                String key = earlierKey(report, mode, group.getKey());
                List<Object> before = metrics(report, earlierGroups.getOrDefault(key, Figures.NONE));
                return new ReportAnswer.Comparison(report.dimension().isPresent() ? List.of(key) : List.of(), before,
                        changes(metrics, before));
            }).orElse(null);
            results.add(new ReportAnswer.Result(dimensions, metrics, comparison));
        }
        return new ReportAnswer(results, new ReportAnswer.Meta(ReportAnswer.Range.of(report.range()),
                earlier.map(ReportAnswer.Range::of).orElse(null), report.totalRows() ? (long) groups.size() : null), echo(report));
    }

    /**
     * Whether the report's visitors per group are counted only for the groups its page can hold
     * ({@link TopGroups}): those of a dimension's values that the rollups hold (where the raw
     * events answer, they come with the counts).
     */
    private static boolean defersVisitors(Report report) {
        return report.countsVisitors() && report.dimension().filter(d -> !d.isTime() && !d.isClock()).isPresent()
                && RollupReader.hold(report.dimension(), report.propKey(), report.filter());
    }

    /** What counts the visitors of groups read without them over a range, or null if none was. */
    private TopGroups.Pending pending(Report report, DateRange range, boolean deferred) {
        return !deferred ? null : keys -> rollups.visitorsOf(report.siteId(), report.dimension().orElseThrow(), report.propKey(), range,
                report.filter(), keys);
    }

    /** The groups, with the visitors of those of some keys counted. */
    private Map<String, Figures> withVisitors(Report report, DateRange range, Map<String, Figures> groups, List<String> keys) {
        Map<String, Figures> filled = new LinkedHashMap<>(groups);
        TopGroups.withVisitors(keys.stream().filter(groups::containsKey).map(key -> Map.entry(key, groups.get(key))).toList(),
                pending(report, range, true)).forEach(group -> filled.put(group.getKey(), group.getValue()));
        return filled;
    }

    /**
     * Each group's figures over a range: the event counts if any metric needs them, the visits and
     * the revenue if any needs those. A group found by one and not another has zeros there.
     * Deferred, the groups' visitors are -1, for {@link TopGroups} to count.
     */
    private Map<String, Figures> read(Report report, DateRange range, boolean deferVisitors) {
        boolean eventMetrics = report.metrics().stream().anyMatch(m -> !m.ofVisits() && m != Metric.REVENUE);
        boolean earnings = report.metrics().contains(Metric.REVENUE);
        boolean visitMetrics = report.metrics().stream().anyMatch(Metric::ofVisits);
        boolean conversions = report.metrics().contains(Metric.CONVERSION_RATE);
        boolean percentages = report.metrics().contains(Metric.PERCENTAGE);
        Map<String, RollupReader.Counts> counts = !eventMetrics ? Map.of()
                : counts(report, report.dimension(), report.propKey(), range, report.countsVisitors() && !deferVisitors, report.filter());
        // Conversion rates are of each time bucket's visitors; percentages of the whole period's that the filter keeps.
        boolean byTime = report.dimension().map(d -> d.isTime() || d.isClock()).orElse(false);
        Map<String, RollupReader.Counts> everyone = !conversions ? Map.of()
                : counts(report, byTime ? report.dimension() : Optional.empty(), null, range, true, Optional.empty());
        long kept = !percentages ? 0 : counts(report, Optional.empty(), null, range, true, report.filter()).get("").visitors();
        Function<String, Totals> totals = key -> new Totals(
                everyone.getOrDefault(byTime ? key : "", RollupReader.Counts.NONE).visitors(), kept);
        // By event:page, visit figures are of the visits that entered on each page (as Plausible's bounce rate of a page),
        // and a condition on the page is one on the page they entered on.
        boolean byPage = report.dimension().orElse(null) == Dimension.PAGE;
        Optional<Dimension> visitGrouping = byPage ? Optional.of(Dimension.ENTRY_PAGE) : report.dimension();
        Optional<Filter> visitFilter = byPage ? report.filter().map(f -> f.moved(Dimension.PAGE, Dimension.ENTRY_PAGE)) : report.filter();
        Map<String, VisitReader.VisitCounts> visited = !visitMetrics ? Map.of()
                : VisitReader.hold(visitGrouping, visitFilter)
                ? visits.read(report.siteId(), visitGrouping, range, visitFilter)
                : raw.visits(report.siteId(), visitGrouping, rawDays(report, range), visitFilter, report.site().zone());
        Map<String, Map<String, BigDecimal>> earned = !earnings ? Map.of()
                : RevenueReader.hold(report.dimension(), report.filter())
                ? revenue.read(report.siteId(), report.dimension(), range, report.filter())
                : raw.revenue(report.siteId(), report.dimension(), report.propKey(), rawDays(report, range), report.filter(),
                report.site().zone());
        Set<String> keys = LinkedHashSet.newLinkedHashSet(counts.size() + visited.size() + earned.size());
        keys.addAll(counts.keySet());
        keys.addAll(earned.keySet());
        // By page with a metric of events, the pages are those the counted events were on: a page that only
        // visits of the filter entered on is not one of them.
        if (!byPage || (!eventMetrics && !earnings)) {
            keys.addAll(visited.keySet());
        }
        Map<String, Figures> groups = LinkedHashMap.newLinkedHashMap(keys.size() + 1);
        keys.forEach(key -> groups.put(key, new Figures(counts.getOrDefault(key, RollupReader.Counts.NONE),
                visited.getOrDefault(key, VisitReader.VisitCounts.NONE), earned.getOrDefault(key, Map.of()), totals.apply(key))));
        if (report.dimension().isEmpty()) {
            groups.putIfAbsent("", Figures.NONE);
        }
        return groups;
    }

    /** Event counts by a dimension: from the rollups where they {@link RollupReader#hold} them, else from the raw events. */
    private Map<String, RollupReader.Counts> counts(Report report, Optional<Dimension> dimension, String groupKey, DateRange range,
                                                    boolean visitors, Optional<Filter> filter) {
        return RollupReader.hold(dimension, groupKey, filter)
                ? rollups.read(report.siteId(), dimension, range, visitors, filter, groupKey)
                : raw.counts(report.siteId(), dimension, groupKey, rawDays(report, range), filter, report.site().zone());
    }

    /**
     * A range to read from the raw events and visits, which hold only the days the site keeps
     * (the rollups keep every day): a range that starts earlier would be answered from part of
     * its events, so it is refused, naming the first day there is.
     */
    private static DateRange rawDays(Report report, DateRange range) {
        RawReader.checkKept(report.siteId(), report.site(), range,
                "or filter by the grouping dimension only, which the rollups answer for every day");
        return range;
    }

    private static List<Object> metrics(Report report, Figures figures) {
        List<Object> values = new ArrayList<>(report.metrics().size());
        for (Metric metric : report.metrics()) {
            values.add(metric(metric, figures));
        }
        return values;
    }

    static Object metric(Metric metric, Figures figures) {
        RollupReader.Counts c = figures.counts();
        VisitReader.VisitCounts v = figures.visits();
        // Each case boxes its own value: a switch of long and double cases would make every metric a double.
        return switch (metric) {
            case VISITORS -> (Object) c.visitors();
            case VISITS -> (Object) v.visits();
            case PAGEVIEWS -> (Object) c.pageviews();
            case EVENTS -> (Object) c.events();
            case VIEWS_PER_VISIT -> (Object) (v.visits() == 0 ? 0.0 : Math.round(100.0 * v.pageviews() / v.visits()) / 100.0);
            case BOUNCE_RATE -> (Object) (v.visits() == 0 ? 0L : Math.round(100.0 * v.bounces() / v.visits()));
            case VISIT_DURATION -> (Object) (v.visits() == 0 ? 0L : Math.round((double) v.duration() / v.visits()));
            case CONVERSION_RATE -> (Object) share(c.visitors(), figures.totals().visitors());
            case PERCENTAGE -> (Object) share(c.visitors(), figures.totals().filteredVisitors());
            case REVENUE -> amounts(figures.revenue());
        };
    }

    /** Amounts per currency, sorted by currency, without trailing zeros (12.5, not 12.500000). */
    private static Map<String, BigDecimal> amounts(Map<String, BigDecimal> revenue) {
        Map<String, BigDecimal> amounts = new TreeMap<>();
        revenue.forEach((currency, amount) -> {
            BigDecimal plain = amount.stripTrailingZeros();
            amounts.put(currency, plain.scale() < 0 ? plain.setScale(0) : plain);
        });
        return amounts;
    }

    /**
     * A metric's value as a number, to order by and compare: revenue in one currency is its
     * amount; in several (which no exchange rate makes one), the sum of the amounts orders them
     * and no change is given.
     */
    static double valueOf(Object metric) {
        return metric instanceof Map<?, ?> amounts
                ? amounts.values().stream().mapToDouble(a -> ((BigDecimal) a).doubleValue()).sum()
                : ((Number) metric).doubleValue();
    }

    /** A percent of two sketch estimates, two decimals: at most 100, however the two errors fall. */
    private static double share(long part, long whole) {
        return whole == 0 ? 0.0 : Math.min(100.0, Math.round(10_000.0 * part / whole) / 100.0);
    }

    private static List<Double> changes(List<Object> now, List<Object> before) {
        List<Double> changes = new ArrayList<>(now.size());
        for (int i = 0; i < now.size(); i++) {
            double earlier = valueOf(before.get(i));
            boolean comparable = !(now.get(i) instanceof Map<?, ?> a) || a.isEmpty() || before.get(i) instanceof Map<?, ?> b
                    && (b.isEmpty() || (a.size() == 1 && a.keySet().equals(b.keySet())));
            changes.add(earlier == 0 || !comparable ? null : Math.round(1000.0 * (valueOf(now.get(i)) - earlier) / earlier) / 10.0);
        }
        return changes;
    }

    /**
     * The group of the comparison period that a group is compared with: the same, or for time the
     * bucket of the same first day shifted by the period (or a year).
     */
    private static String earlierKey(Report report, Report.Comparison mode, String key) {
        Dimension dimension = report.dimension().orElse(null);
        if (dimension != null && dimension.isClock()) {
            LocalDateTime at = LocalDateTime.parse(key, RawReader.KEY);
            return (mode == Report.Comparison.PREVIOUS_PERIOD ? at.minusDays(report.range().days()) : at.minusYears(1)).format(RawReader.KEY);
        }
        if (dimension == null || !dimension.isTime()) {
            return key;
        }
        LocalDate day = LocalDate.parse(key);
        return dimension.bucket(mode == Report.Comparison.PREVIOUS_PERIOD ? day.minusDays(report.range().days()) : day.minusYears(1))
                .toString();
    }

    private static ReportAnswer.Echo echo(Report report) {
        return new ReportAnswer.Echo(report.siteId(), report.metrics().stream().map(m -> m.apiName).toList(),
                List.of(report.range().from().toString(), report.range().to().toString()),
                report.dimensionName().map(List::of).orElse(List.of()),
                report.orderBy().stream().map(o -> List.of(o.key(), o.descending() ? "desc" : "asc")).toList(),
                new ReportAnswer.Pagination(report.limit(), report.offset()),
                report.comparison().map(c -> c.apiName).orElse(null));
    }
}
