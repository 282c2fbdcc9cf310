package tally.processor.rollup;

import org.apache.datasketches.hll.HllSketch;
import tally.common.sketch.UserSketches;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One batch summed in memory before it touches a rollup, so each rollup row is upserted once
 * per batch however many of its events the batch holds. Keys are kept sorted: every
 * transaction then locks rollup rows in the same order, which keeps concurrent processors
 * from deadlocking on each other.
 */
public final class BatchAggregate {

    /** A custom property's dimension in rollup_daily_dimensions is its key after this. */
    public static final String PROP_PREFIX = "prop:";

    /** (site, day, event type). */
    public record TypeKey(String siteId, LocalDate day, String eventType) implements Comparable<TypeKey> {
        @Override
        public int compareTo(TypeKey o) {
            int c = siteId.compareTo(o.siteId);
            if (c == 0) {
                c = day.compareTo(o.day);
            }
            return c != 0 ? c : eventType.compareTo(o.eventType);
        }
    }

    /** (site, day, path). */
    public record PathKey(String siteId, LocalDate day, String path) implements Comparable<PathKey> {
        @Override
        public int compareTo(PathKey o) {
            int c = siteId.compareTo(o.siteId);
            if (c == 0) {
                c = day.compareTo(o.day);
            }
            return c != 0 ? c : path.compareTo(o.path);
        }
    }

    /** (site, day, event type, currency): a row of rollup_daily_revenue. */
    public record RevenueKey(TypeKey type, String currency) implements Comparable<RevenueKey> {
        @Override
        public int compareTo(RevenueKey o) {
            int c = type.compareTo(o.type);
            return c != 0 ? c : currency.compareTo(o.currency);
        }
    }

    /** The sum of the amounts, and how many events carried one. */
    public record RevenueSum(BigDecimal amount, long events) {
        RevenueSum plus(RevenueSum other) {
            return new RevenueSum(amount.add(other.amount), events + other.events);
        }

        RevenueSum negated() {
            return new RevenueSum(amount.negate(), -events);
        }
    }

    /** (site, path), for the all-time rollups. */
    public record SitePath(String siteId, String path) implements Comparable<SitePath> {
        @Override
        public int compareTo(SitePath o) {
            int c = siteId.compareTo(o.siteId);
            return c != 0 ? c : path.compareTo(o.path);
        }
    }

    /** (site, day, dimension, value): a row of rollup_daily_dimensions; dimension "all" has value "". */
    public record DimensionKey(String siteId, LocalDate day, String dimension, String value) implements Comparable<DimensionKey> {
        @Override
        public int compareTo(DimensionKey o) {
            int c = siteId.compareTo(o.siteId);
            if (c == 0) {
                c = day.compareTo(o.day);
            }
            if (c == 0) {
                c = dimension.compareTo(o.dimension);
            }
            return c != 0 ? c : value.compareTo(o.value);
        }
    }

    /** Page views and all events of one path on one day. */
    public record PathCounts(long pageViews, long events) {
        private static final PathCounts PAGE_VIEW = new PathCounts(1, 1);
        private static final PathCounts OTHER_EVENT = new PathCounts(0, 1);

        static PathCounts of(boolean pageView) {
            return pageView ? PAGE_VIEW : OTHER_EVENT;
        }

        PathCounts plus(PathCounts other) {
            return new PathCounts(pageViews + other.pageViews, events + other.events);
        }

        PathCounts negated() {
            return new PathCounts(-pageViews, -events);
        }

        /** The page views and events of {@code keys}, as two arrays in the keys' order, for a statement's parameters. */
        static <K> Object[] columns(Map<K, PathCounts> counts, Set<K> keys) {
            long[] views = new long[keys.size()];
            long[] events = new long[keys.size()];
            int i = 0;
            for (K key : keys) {
                PathCounts c = counts.get(key);
                views[i] = c.pageViews();
                events[i++] = c.events();
            }
            return new Object[] {views, events};
        }
    }

    final SortedMap<TypeKey, Long> eventsByType = new TreeMap<>();
    final SortedMap<RevenueKey, RevenueSum> revenue = new TreeMap<>();
    final SortedMap<PathKey, PathCounts> paths = new TreeMap<>();
    final SortedMap<PathKey, HllSketch> pathVisitors = new TreeMap<>();
    final SortedMap<SiteDay, HllSketch> users = new TreeMap<>();
    final SortedMap<SitePath, PathCounts> allTimePaths = new TreeMap<>();
    /** Keyed by the first day of the month. */
    final SortedMap<PathKey, PathCounts> monthlyPaths = new TreeMap<>();
    final SortedMap<String, HllSketch> allTimeUsers = new TreeMap<>();
    final SortedMap<DimensionKey, PathCounts> dimensionCounts = new TreeMap<>();
    final SortedMap<DimensionKey, HllSketch> dimensionVisitors = new TreeMap<>();

    public static BatchAggregate of(List<KeptEvent> events) {
        BatchAggregate a = new BatchAggregate();
        events.forEach(a::add);
        return a;
    }

    /** Adds one event, for aggregates built from a stream of rows. */
    public void add(KeptEvent e) {
        TypeKey type = new TypeKey(e.siteId(), e.day(), e.eventType());
        eventsByType.merge(type, 1L, Long::sum);
        if (e.revenue() != null) {
            revenue.merge(new RevenueKey(type, e.revenue().currency()), new RevenueSum(e.revenue().amount(), 1), RevenueSum::plus);
        }
        PathCounts one = PathCounts.of(e.isPageView());
        PathKey path = new PathKey(e.siteId(), e.day(), e.path());
        paths.merge(path, one, PathCounts::plus);
        pathVisitors.computeIfAbsent(path, k -> UserSketches.empty()).update(e.visitorId());
        allTimePaths.merge(new SitePath(e.siteId(), e.path()), one, PathCounts::plus);
        monthlyPaths.merge(new PathKey(e.siteId(), e.day().withDayOfMonth(1), e.path()), one, PathCounts::plus);
        users.computeIfAbsent(new SiteDay(e.siteId(), e.day()), k -> UserSketches.empty()).update(e.userId());
        allTimeUsers.computeIfAbsent(e.siteId(), k -> UserSketches.empty()).update(e.userId());
        KeptEvent.Dimensions d = e.dimensions();
        addDimension(e, "all", "", one);
        addDimension(e, "name", e.eventType(), one);
        e.props().forEach((key, value) -> addDimension(e, PROP_PREFIX + key, value, one));
        addDimension(e, "device", d.device(), one);
        addDimension(e, "browser", d.browser(), one);
        addDimension(e, "os", d.os(), one);
        addDimension(e, "country", d.country(), one);
        addDimension(e, "hostname", d.hostname(), one);
    }

    /**
     * The counts of this aggregate taken away: each count negated, no sketch (a sketch cannot
     * subtract). Added to the rollups, it removes events that were added before.
     */
    public BatchAggregate negatedCounts() {
        BatchAggregate minus = new BatchAggregate();
        eventsByType.forEach((key, n) -> minus.eventsByType.put(key, -n));
        revenue.forEach((key, sum) -> minus.revenue.put(key, sum.negated()));
        paths.forEach((key, c) -> minus.paths.put(key, c.negated()));
        allTimePaths.forEach((key, c) -> minus.allTimePaths.put(key, c.negated()));
        monthlyPaths.forEach((key, c) -> minus.monthlyPaths.put(key, c.negated()));
        dimensionCounts.forEach((key, c) -> minus.dimensionCounts.put(key, c.negated()));
        return minus;
    }

    /** The sketches of visitors by site-day, by dimension value and by path, for rebuilding them. */
    public SortedMap<SiteDay, HllSketch> userSketches() {
        return users;
    }

    public SortedMap<DimensionKey, HllSketch> dimensionSketches() {
        return dimensionVisitors;
    }

    public SortedMap<PathKey, HllSketch> pathSketches() {
        return pathVisitors;
    }

    private void addDimension(KeptEvent e, String dimension, String value, PathCounts one) {
        if (value == null) {
            return;
        }
        DimensionKey key = new DimensionKey(e.siteId(), e.day(), dimension, value);
        dimensionCounts.merge(key, one, PathCounts::plus);
        dimensionVisitors.computeIfAbsent(key, k -> UserSketches.empty()).update(e.visitorId());
    }

    /** The site-days the batch has events of. */
    public Set<SiteDay> days() {
        return users.keySet();
    }

    public boolean isEmpty() {
        return users.isEmpty();
    }
}
