package tally.stats.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * The groups of a report's page, in the report's order, then by the dimension's value (which
 * makes the order total). Only the first offset + limit groups are put in order, kept in a heap:
 * sorting each of the thousands of pages a site has, to send ten, was a third of the Java time
 * of a list of top pages.
 *
 * <p>Groups may come without their visitors ({@link Pending}), which are unions of daily sketches:
 * a microsecond and a half each, 60,000 of them for 30 days of 2,000 pages. They are counted only
 * for the groups that can be on the page. Ordered by something else, those are the page's own.
 * Ordered by visitors first, most first, groups are taken in the order of their events, which
 * bound their visitors (each one counted sent at least one of them), until no group left can
 * reach the page. A conversion rate or a percentage grows with the group's visitors, so it is
 * bounded alike. Any other order by visitors (least first, or after another metric) counts them
 * for every group.
 */
final class TopGroups {

    /** Counts the visitors of the groups of some keys. */
    @FunctionalInterface
    interface Pending {
        Map<String, Long> visitors(Collection<String> keys);
    }

    /**
     * How far an estimate may lie above the visitors it counts, as a share: 5 % is three standard
     * errors of {@link tally.common.sketch.UserSketches}, so a group whose estimate would pass its
     * bound further, and reach the page by it, is rarer than one in 700.
     */
    private static final double ESTIMATE_SLACK = 0.05;
    /** The fewest groups whose visitors are counted at once while the page is not full (one query each time). */
    private static final int MIN_BATCH = 8;

    /** A group with the values it is ordered by, computed once rather than at every comparison. */
    private record Ranked(Map.Entry<String, ReportRunner.Figures> group, double[] values) {
    }

    private final List<Metric> byMetrics;
    private final Comparator<Ranked> comparator;
    /** Whether the first order is by a count or share of visitors, most first. */
    private final boolean mostVisitorsFirst;
    /** Whether any order is by a count or share of visitors. */
    private final boolean byVisitors;

    private TopGroups(Report report) {
        List<Report.Order> orders = new ArrayList<>(report.orderBy());
        if (orders.isEmpty()) {
            firstOrder(report).ifPresent(orders::add);
        }
        report.dimensionName().ifPresent(d -> orders.add(new Report.Order(d, false)));
        byMetrics = orders.stream().flatMap(order -> Metric.named(order.key()).stream()).toList();
        Comparator<Ranked> comparator = (a, b) -> 0;
        int nextValue = 0; // the orders by a metric, in turn, are the values of a Ranked
        for (Report.Order order : orders) {
            boolean byMetric = Metric.named(order.key()).isPresent();
            int at = nextValue;
            Comparator<Ranked> next = byMetric
                    ? Comparator.comparingDouble(ranked -> ranked.values()[at])
                    : Comparator.comparing(ranked -> ranked.group().getKey());
            nextValue += byMetric ? 1 : 0;
            comparator = comparator.thenComparing(order.descending() ? next.reversed() : next);
        }
        this.comparator = comparator;
        byVisitors = byMetrics.stream().anyMatch(Metric::countsVisitors);
        mostVisitorsFirst = !orders.isEmpty() && orders.getFirst().descending()
                && Metric.named(orders.getFirst().key()).filter(Metric::countsVisitors).isPresent();
    }

    /**
     * The page of groups, with their visitors. {@code pending} counts those of the groups read
     * without them (visitors -1), or is null when every group has them.
     */
    static List<Map.Entry<String, ReportRunner.Figures>> page(Report report, Map<String, ReportRunner.Figures> groups, Pending pending) {
        TopGroups order = new TopGroups(report);
        return pageOf(report, order.first(groups, (int) Math.min(wanted(report), groups.size()), pending), pending);
    }

    /**
     * The page, from only the groups at the top of the list ({@link TopOfSegments}), or empty if
     * they cannot settle it. No other group has more of the count the first order is by (page
     * views, events or visits), or of the count that bounds it (events bound visitors, as in
     * {@link #firstByBound}), than {@code othersAtMost}. So the top groups' first {@code offset + limit} are
     * the list's if the last of them is above the most another group could have: strictly, for an
     * equal one could pass it on the dimension's value.
     */
    static Optional<List<Map.Entry<String, ReportRunner.Figures>>> pageOfTop(Report report, Map<String, ReportRunner.Figures> top,
                                                                             Pending pending, ReportRunner.Figures othersAtMost) {
        TopGroups order = new TopGroups(report);
        long wanted = wanted(report);
        if (top.size() < wanted) {
            return Optional.empty();
        }
        List<Map.Entry<String, ReportRunner.Figures>> first = order.first(top, (int) wanted, pending);
        return order.ranked(first.getLast()).values()[0] > order.mostOf(othersAtMost) ? Optional.of(pageOf(report, first, pending))
                : Optional.empty();
    }

    /** The order a report's groups go in first: the one asked for, else by time or by the first metric, most first. */
    static Optional<Report.Order> firstOrder(Report report) {
        if (!report.orderBy().isEmpty()) {
            return Optional.of(report.orderBy().getFirst());
        }
        return report.dimension().map(dimension -> dimension.isTime() || dimension.isClock()
                ? new Report.Order(report.dimensionName().orElseThrow(), false)
                : new Report.Order(report.metrics().getFirst().apiName, true));
    }

    private static long wanted(Report report) {
        return (long) report.offset() + report.limit();
    }

    /** The first {@code wanted} groups, in order, with their visitors where the order needs them. */
    private List<Map.Entry<String, ReportRunner.Figures>> first(Map<String, ReportRunner.Figures> groups, int wanted, Pending pending) {
        return pending == null || !byVisitors ? first(groups.entrySet(), wanted)
                : mostVisitorsFirst ? firstByBound(groups, wanted, pending)
                : first(withVisitors(List.copyOf(groups.entrySet()), pending), wanted);
    }

    /** The report's page of its first groups, with their visitors. */
    private static List<Map.Entry<String, ReportRunner.Figures>> pageOf(Report report, List<Map.Entry<String, ReportRunner.Figures>> first,
                                                                        Pending pending) {
        List<Map.Entry<String, ReportRunner.Figures>> page = first.subList(Math.min(report.offset(), first.size()), first.size());
        return pending == null ? page : withVisitors(page, pending);
    }

    /** The first {@code wanted} groups, in order. */
    private List<Map.Entry<String, ReportRunner.Figures>> first(Collection<Map.Entry<String, ReportRunner.Figures>> groups, int wanted) {
        PriorityQueue<Ranked> lastFirst = new PriorityQueue<>(wanted + 1, comparator.reversed());
        for (Map.Entry<String, ReportRunner.Figures> group : groups) {
            keep(lastFirst, ranked(group), wanted);
        }
        return sorted(lastFirst);
    }

    /**
     * The first {@code wanted} groups when the first order is by visitors, most first: groups go
     * by their bound, most first. The first batch counted is as many as the page lacks; once it
     * is full, the next is every group whose bound reaches its last group's value (equal, it could
     * still pass it on a later order), until none does. Counting batches of a fixed size instead
     * counted three times the groups needed for a page of ten.
     */
    private List<Map.Entry<String, ReportRunner.Figures>> firstByBound(Map<String, ReportRunner.Figures> groups, int wanted,
                                                                       Pending pending) {
        // A heap, not a sort: only the groups that can reach the page are taken from it.
        PriorityQueue<Ranked> byBound = new PriorityQueue<>(groups.size() + 1,
                Comparator.comparingDouble((Ranked r) -> r.values()[0]).reversed());
        for (Map.Entry<String, ReportRunner.Figures> group : groups.entrySet()) {
            byBound.add(new Ranked(group, new double[] {mostOf(group.getValue())}));
        }
        PriorityQueue<Ranked> lastFirst = new PriorityQueue<>(wanted + 1, comparator.reversed());
        while (wanted > 0 && !byBound.isEmpty()) {
            boolean full = lastFirst.size() == wanted;
            double last = full ? lastFirst.peek().values()[0] : 0;
            if (full && byBound.peek().values()[0] < last) {
                break;
            }
            int lacking = Math.max(wanted - lastFirst.size(), MIN_BATCH);
            List<Map.Entry<String, ReportRunner.Figures>> next = new ArrayList<>();
            while (!byBound.isEmpty() && (full ? byBound.peek().values()[0] >= last : next.size() < lacking)) {
                next.add(byBound.poll().group());
            }
            for (Map.Entry<String, ReportRunner.Figures> group : withVisitors(next, pending)) {
                keep(lastFirst, ranked(group), wanted);
            }
        }
        return sorted(lastFirst);
    }

    /**
     * The most the first order's value can be for a group: with as many visitors as it has
     * events, and the slack of an estimate.
     */
    private double mostOf(ReportRunner.Figures figures) {
        RollupReader.Counts counts = figures.counts();
        ReportRunner.Figures most = counts.visitors() >= 0 ? figures
                : figures.withVisitors((long) Math.ceil(counts.events() * (1 + ESTIMATE_SLACK)));
        return ReportRunner.valueOf(ReportRunner.metric(byMetrics.getFirst(), most));
    }

    /** The groups with their visitors, counted for those read without them. */
    static List<Map.Entry<String, ReportRunner.Figures>> withVisitors(List<Map.Entry<String, ReportRunner.Figures>> groups,
                                                                      Pending pending) {
        List<String> missing = groups.stream().filter(g -> g.getValue().counts().visitors() < 0).map(Map.Entry::getKey).toList();
        Map<String, Long> counted = missing.isEmpty() ? Map.of() : pending.visitors(missing);
        return groups.stream().map(g -> g.getValue().counts().visitors() >= 0 ? g
                : Map.entry(g.getKey(), g.getValue().withVisitors(counted.getOrDefault(g.getKey(), 0L)))).toList();
    }

    private Ranked ranked(Map.Entry<String, ReportRunner.Figures> group) {
        double[] values = new double[byMetrics.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = ReportRunner.valueOf(ReportRunner.metric(byMetrics.get(i), group.getValue()));
        }
        return new Ranked(group, values);
    }

    private void keep(PriorityQueue<Ranked> lastFirst, Ranked ranked, int wanted) {
        if (lastFirst.size() < wanted) {
            lastFirst.add(ranked);
        } else if (wanted > 0 && comparator.compare(ranked, lastFirst.peek()) < 0) {
            lastFirst.poll();
            lastFirst.add(ranked);
        }
    }

    private List<Map.Entry<String, ReportRunner.Figures>> sorted(PriorityQueue<Ranked> lastFirst) {
        List<Ranked> first = new ArrayList<>(lastFirst);
        first.sort(comparator);
        return first.stream().map(Ranked::group).toList();
    }
}
