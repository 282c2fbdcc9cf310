package tally.stats.report;

import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
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

    ReportRunner(RollupReader rollups) {
        this.rollups = rollups;
    }

    ReportAnswer run(Report report) {
        boolean visitors = report.metrics().contains(Metric.VISITORS);
        Map<String, RollupReader.Counts> groups = rollups.read(report.siteId(), report.dimension(), report.range(), visitors, report.filter());
        Optional<DateRange> earlier = report.comparison().map(c -> c.of(report.range()));
        Map<String, RollupReader.Counts> earlierGroups = earlier
                .map(range -> rollups.read(report.siteId(), report.dimension(), range, visitors, report.filter())).orElse(Map.of());

        List<Map.Entry<String, RollupReader.Counts>> ordered = new ArrayList<>(groups.entrySet());
        ordered.sort(order(report));
        List<ReportAnswer.Result> results = new ArrayList<>();
        for (var group : ordered.stream().skip(report.offset()).limit(report.limit()).toList()) {
            List<String> dimensions = report.dimension().isPresent() ? List.of(group.getKey()) : List.of();
            List<Long> metrics = metrics(report, group.getValue());
            ReportAnswer.Comparison comparison = report.comparison().map(mode -> {
                String key = earlierKey(report, mode, group.getKey());
                List<Long> before = metrics(report, earlierGroups.getOrDefault(key, new RollupReader.Counts(0, 0, 0)));
                return new ReportAnswer.Comparison(report.dimension().isPresent() ? List.of(key) : List.of(), before,
                        changes(metrics, before));
            }).orElse(null);
            results.add(new ReportAnswer.Result(dimensions, metrics, comparison));
        }
        return new ReportAnswer(results, new ReportAnswer.Meta(ReportAnswer.Range.of(report.range()),
                earlier.map(ReportAnswer.Range::of).orElse(null), groups.size()), echo(report));
    }

    private static List<Long> metrics(Report report, RollupReader.Counts counts) {
        return report.metrics().stream().map(metric -> switch (metric) {
            case VISITORS -> counts.visitors();
            case PAGEVIEWS -> counts.pageviews();
            case EVENTS -> counts.events();
        }).toList();
    }

    private static List<Double> changes(List<Long> now, List<Long> before) {
        List<Double> changes = new ArrayList<>(now.size());
        for (int i = 0; i < now.size(); i++) {
            long earlier = before.get(i);
            changes.add(earlier == 0 ? null : Math.round(1000.0 * (now.get(i) - earlier) / earlier) / 10.0);
        }
        return changes;
    }

    /** The group of the comparison period that a group is compared with: the same, or the same day shifted. */
    private static String earlierKey(Report report, Report.Comparison mode, String key) {
        if (report.dimension().orElse(null) != Dimension.TIME_DAY) {
            return key;
        }
        LocalDate day = LocalDate.parse(key);
        return (mode == Report.Comparison.PREVIOUS_PERIOD ? day.minusDays(report.range().days()) : day.minusYears(1)).toString();
    }

    private static Comparator<Map.Entry<String, RollupReader.Counts>> order(Report report) {
        List<Report.Order> orders = new ArrayList<>(report.orderBy());
        if (orders.isEmpty() && report.dimension().isPresent()) {
            orders.add(report.dimension().get() == Dimension.TIME_DAY ? new Report.Order(Dimension.TIME_DAY.apiName, false)
                    : new Report.Order(report.metrics().getFirst().apiName, true));
        }
        report.dimension().ifPresent(d -> orders.add(new Report.Order(d.apiName, false)));
        Comparator<Map.Entry<String, RollupReader.Counts>> comparator = (a, b) -> 0;
        for (Report.Order order : orders) {
            Comparator<Map.Entry<String, RollupReader.Counts>> next = Metric.named(order.key())
                    .<Comparator<Map.Entry<String, RollupReader.Counts>>>map(metric -> Comparator.comparingLong(
                            entry -> metrics(report.withMetrics(List.of(metric)), entry.getValue()).getFirst()))
                    .orElse(Map.Entry.comparingByKey());
            comparator = comparator.thenComparing(order.descending() ? next.reversed() : next);
        }
        return comparator;
    }

    private static ReportAnswer.Echo echo(Report report) {
        return new ReportAnswer.Echo(report.siteId(), report.metrics().stream().map(m -> m.apiName).toList(),
                List.of(report.range().from().toString(), report.range().to().toString()),
                report.dimension().map(d -> List.of(d.apiName)).orElse(List.of()),
                report.orderBy().stream().map(o -> List.of(o.key(), o.descending() ? "desc" : "asc")).toList(),
                new ReportAnswer.Pagination(report.limit(), report.offset()),
                report.comparison().map(c -> c.apiName).orElse(null));
    }
}
