package tally.stats.report;

import org.springframework.stereotype.Component;
import tally.stats.sites.SiteZones;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers a checked {@link Report}: reads the period (and the comparison period) from the
 * rollups, orders the groups, keeps the asked-for page, and pairs each group with its
 * comparison. Without an order, days go in time order and other groups by their first metric,
 * most first; ties go by the dimension's value, so pages are stable.
 */
@Component
class ReportRunner {

    private final RollupReader rollups;
    private final VisitReader visits;
    private final RawReader raw;
    private final SiteZones zones;

    ReportRunner(RollupReader rollups, VisitReader visits, RawReader raw, SiteZones zones) {
        this.rollups = rollups;
        this.visits = visits;
        this.raw = raw;
        this.zones = zones;
    }

    /**
     * A group's figures: its event counts, its visits, and two totals of visitors: all of them in
     * the group's time bucket or the whole period (for conversion rates), and those of the period
     * that the filter keeps (for percentages).
     */
    record Figures(RollupReader.Counts counts, VisitReader.VisitCounts visits, Totals totals) {
        static final Figures NONE = new Figures(new RollupReader.Counts(0, 0, 0), VisitReader.VisitCounts.NONE, Totals.NONE);
    }

    /** The period's visitors: all, and those the filter keeps. */
    record Totals(long visitors, long filteredVisitors) {
        static final Totals NONE = new Totals(0, 0);
    }

    ReportAnswer run(Report report) {
        Map<String, Figures> groups = read(report, report.range());
        Optional<DateRange> earlier = report.comparison().map(c -> c.of(report.range()));
        Map<String, Figures> earlierGroups = earlier.map(range -> read(report, range)).orElse(Map.of());

        List<Map.Entry<String, Figures>> ordered = new ArrayList<>(groups.entrySet());
        ordered.sort(order(report));
        List<ReportAnswer.Result> results = new ArrayList<>();
        for (var group : ordered.stream().skip(report.offset()).limit(report.limit()).toList()) {
            List<String> dimensions = report.dimension().isPresent() ? List.of(group.getKey()) : List.of();
            List<Number> metrics = metrics(report, group.getValue());
            ReportAnswer.Comparison comparison = report.comparison().map(mode -> {
                String key = earlierKey(report, mode, group.getKey());
                List<Number> before = metrics(report, earlierGroups.getOrDefault(key, Figures.NONE));
                return new ReportAnswer.Comparison(report.dimension().isPresent() ? List.of(key) : List.of(), before,
                        changes(metrics, before));
            }).orElse(null);
            results.add(new ReportAnswer.Result(dimensions, metrics, comparison));
        }
        return new ReportAnswer(results, new ReportAnswer.Meta(ReportAnswer.Range.of(report.range()),
                earlier.map(ReportAnswer.Range::of).orElse(null), groups.size()), echo(report));
    }

    /**
     * Each group's figures over a range: the event counts if any metric needs them, the visits if
     * any needs those. A group found by one and not the other has zeros there.
     */
    private Map<String, Figures> read(Report report, DateRange range) {
        boolean eventMetrics = report.metrics().stream().anyMatch(m -> !m.ofVisits());
        boolean visitMetrics = report.metrics().stream().anyMatch(Metric::ofVisits);
        boolean conversions = report.metrics().contains(Metric.CONVERSION_RATE);
        boolean percentages = report.metrics().contains(Metric.PERCENTAGE);
        Map<String, RollupReader.Counts> counts = !eventMetrics ? Map.of() : counts(report, report.dimension(), range,
                report.metrics().contains(Metric.VISITORS) || conversions || percentages, report.filter(), report.propKey());
        // Conversion rates are of each time bucket's visitors; percentages of the whole period's that the filter keeps.
        boolean byTime = report.dimension().map(d -> d.isTime() || d.isClock()).orElse(false);
        Map<String, RollupReader.Counts> everyone = !conversions ? Map.of()
                : counts(report, byTime ? report.dimension() : Optional.empty(), range, true, Optional.empty(), null);
        long kept = !percentages ? 0
                : rollups.read(report.siteId(), Optional.empty(), range, true, report.filter(), report.propKey()).get("").visitors();
        java.util.function.Function<String, Totals> totals = key -> new Totals(
                everyone.getOrDefault(byTime ? key : "", RollupReader.Counts.NONE).visitors(), kept);
        Map<String, VisitReader.VisitCounts> visited = visitMetrics
                ? visits.read(report.siteId(), report.dimension(), range, report.filter()) : Map.of();
        Map<String, Figures> groups = new LinkedHashMap<>();
        counts.forEach((key, c) -> groups.put(key, new Figures(c, visited.getOrDefault(key, VisitReader.VisitCounts.NONE), totals.apply(key))));
        visited.forEach((key, v) -> groups.putIfAbsent(key, new Figures(Figures.NONE.counts(), v, totals.apply(key))));
        if (report.dimension().isEmpty()) {
            groups.putIfAbsent("", Figures.NONE);
        }
        return groups;
    }

    /** Event counts by a dimension: hours and minutes from the raw events, the rest from the rollups. */
    private Map<String, RollupReader.Counts> counts(Report report, Optional<Dimension> dimension, DateRange range, boolean visitors,
                                                    Optional<Filter> filter, String propKey) {
        return dimension.isPresent() && dimension.get().isClock()
                ? raw.read(report.siteId(), dimension.get(), range, filter, propKey, zones.of(report.siteId()))
                : rollups.read(report.siteId(), dimension, range, visitors, filter, propKey);
    }

    private static List<Number> metrics(Report report, Figures figures) {
        RollupReader.Counts c = figures.counts();
        VisitReader.VisitCounts v = figures.visits();
        // Each case boxes its own value: a switch of long and double cases would make every metric a double.
        return report.metrics().stream().map(metric -> switch (metric) {
            case VISITORS -> (Number) c.visitors();
            case VISITS -> (Number) v.visits();
            case PAGEVIEWS -> (Number) c.pageviews();
            case EVENTS -> (Number) c.events();
            case VIEWS_PER_VISIT -> (Number) (v.visits() == 0 ? 0.0 : Math.round(100.0 * v.pageviews() / v.visits()) / 100.0);
            case BOUNCE_RATE -> (Number) (v.visits() == 0 ? 0L : Math.round(100.0 * v.bounces() / v.visits()));
            case VISIT_DURATION -> (Number) (v.visits() == 0 ? 0L : Math.round((double) v.duration() / v.visits()));
            case CONVERSION_RATE -> (Number) share(c.visitors(), figures.totals().visitors());
            case PERCENTAGE -> (Number) share(c.visitors(), figures.totals().filteredVisitors());
        }).toList();
    }

    /** A percent of two sketch estimates, two decimals: at most 100, however the two errors fall. */
    private static double share(long part, long whole) {
        return whole == 0 ? 0.0 : Math.min(100.0, Math.round(10_000.0 * part / whole) / 100.0);
    }

    private static List<Double> changes(List<Number> now, List<Number> before) {
        List<Double> changes = new ArrayList<>(now.size());
        for (int i = 0; i < now.size(); i++) {
            double earlier = before.get(i).doubleValue();
            changes.add(earlier == 0 ? null : Math.round(1000.0 * (now.get(i).doubleValue() - earlier) / earlier) / 10.0);
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
            java.time.LocalDateTime at = java.time.LocalDateTime.parse(key, RawReader.KEY);
            return (mode == Report.Comparison.PREVIOUS_PERIOD ? at.minusDays(report.range().days()) : at.minusYears(1)).format(RawReader.KEY);
        }
        if (dimension == null || !dimension.isTime()) {
            return key;
        }
        LocalDate day = LocalDate.parse(key);
        return dimension.bucket(mode == Report.Comparison.PREVIOUS_PERIOD ? day.minusDays(report.range().days()) : day.minusYears(1))
                .toString();
    }

    private static Comparator<Map.Entry<String, Figures>> order(Report report) {
        List<Report.Order> orders = new ArrayList<>(report.orderBy());
        if (orders.isEmpty() && report.dimension().isPresent()) {
            orders.add(report.dimension().get().isTime() || report.dimension().get().isClock()
                    ? new Report.Order(report.dimensionName().orElseThrow(), false)
                    : new Report.Order(report.metrics().getFirst().apiName, true));
        }
        report.dimensionName().ifPresent(d -> orders.add(new Report.Order(d, false)));
        Comparator<Map.Entry<String, Figures>> comparator = (a, b) -> 0;
        for (Report.Order order : orders) {
            Comparator<Map.Entry<String, Figures>> next = Metric.named(order.key())
                    .<Comparator<Map.Entry<String, Figures>>>map(metric -> Comparator.comparingDouble(
                            entry -> metrics(report.withMetrics(List.of(metric)), entry.getValue()).getFirst().doubleValue()))
                    .orElse(Map.Entry.comparingByKey());
            comparator = comparator.thenComparing(order.descending() ? next.reversed() : next);
        }
        return comparator;
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
