package tally.processor.session;

import org.apache.datasketches.hll.HllSketch;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tally.common.sketch.UserSketches;
import tally.processor.rollup.BatchAggregate.DimensionKey;
import tally.processor.rollup.DimensionSketches;
import tally.processor.rollup.SketchUpsert;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * rollup_daily_visits: per site, day a visit counts on (its start's) and each of its dimension
 * values, the visits and what they add up to; rollup_monthly_visits the same per month, without
 * visitors, so that reports over weeks and months read a row per value and month. A batch's
 * {@link Sessions.Changes} become deltas: each removed visit subtracts what it added, each added
 * visit adds. The deltas are upserted first (daily, then monthly), in key order, which creates
 * and locks every row the batch touches; then the added visits' visitors are merged into the
 * sketches of the {@link #SKETCHED} dimensions ({@link SketchUpsert}), rows this transaction
 * already holds. Visitors by the other dimensions are counted per event in
 * rollup_daily_dimensions.
 */
@Component
class DailyVisits {

    /** The dimensions whose visitors are counted here: where visits came from, and the pages they entered and left on. */
    static final Set<String> SKETCHED = Set.of("source", "channel", "referrer", "utm_source", "utm_medium", "utm_campaign",
            "utm_content", "utm_term", "entry_page", "exit_page");

    /** Adds deltas to the rows of a table keyed by site, a day column, dimension and value. */
    static final String ADD_DELTAS = """
            INSERT INTO %1$s AS r (site_id, %2$s, dimension, value, visits, bounces, duration, page_views, events)
            SELECT * FROM unnest(?::text[], ?::date[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])
            ON CONFLICT (site_id, %2$s, dimension, value) DO UPDATE
            SET visits = r.visits + excluded.visits, bounces = r.bounces + excluded.bounces, duration = r.duration + excluded.duration,
                page_views = r.page_views + excluded.page_views, events = r.events + excluded.events""";
    static final String ADD_DAILY = ADD_DELTAS.formatted("rollup_daily_visits", "day");
    static final String ADD_MONTHLY = ADD_DELTAS.formatted("rollup_monthly_visits", "month");

    /** What visits add up to under one dimension value: the delta of a batch, or of one visit. */
    record Totals(long visits, long bounces, long duration, long pageViews, long events) {
        static Totals of(Visit visit, int sign) {
            return new Totals(sign, visit.bounced() ? sign : 0, sign * visit.durationSeconds(),
                    (long) sign * visit.pageViews(), (long) sign * visit.events());
        }

        Totals plus(Totals o) {
            return new Totals(visits + o.visits, bounces + o.bounces, duration + o.duration, pageViews + o.pageViews,
                    events + o.events);
        }

        boolean isZero() {
            return visits == 0 && bounces == 0 && duration == 0 && pageViews == 0 && events == 0;
        }
    }

    private final JdbcClient jdbc;
    private final SketchUpsert<DimensionKey> upsert;

    DailyVisits(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.upsert = DimensionSketches.mergeIntoHeld(jdbc, "rollup_daily_visits");
    }

    /** Applies a batch's visit changes. Call inside the batch transaction, after the visits are replaced. */
    void add(Sessions.Changes changes) {
        SortedMap<DimensionKey, Totals> deltas = new TreeMap<>();
        SortedMap<DimensionKey, HllSketch> visitors = new TreeMap<>();
        for (Visit visit : changes.removed()) {
            Totals minus = Totals.of(visit, -1);
            forEachValue(visit, (dimension, value) ->
                    deltas.merge(new DimensionKey(visit.siteId(), visit.day(), dimension, value), minus, Totals::plus));
        }
        for (Visit visit : changes.added()) {
            Totals plus = Totals.of(visit, 1);
            forEachValue(visit, (dimension, value) -> {
                DimensionKey key = new DimensionKey(visit.siteId(), visit.day(), dimension, value);
                deltas.merge(key, plus, Totals::plus);
                if (SKETCHED.contains(dimension)) {
                    visitors.computeIfAbsent(key, k -> UserSketches.empty()).update(visit.visitorId());
                }
            });
        }
        SortedMap<DimensionKey, Totals> monthly = new TreeMap<>();
        deltas.forEach((key, totals) -> monthly.merge(
                new DimensionKey(key.siteId(), key.day().withDayOfMonth(1), key.dimension(), key.value()), totals, Totals::plus));
        // The daily rows that get a visitor are written even when their delta is zero: the write
        // creates and locks them, and the sketches are then merged into rows this batch holds.
        addDeltas(ADD_DAILY, deltas, visitors.keySet());
        addDeltas(ADD_MONTHLY, monthly, Set.of());
        upsert.add(visitors);
    }

    /** Upserts the deltas that change anything or whose row is to be {@code written}, in key order. */
    private void addDeltas(String sql, SortedMap<DimensionKey, Totals> deltas, Set<DimensionKey> written) {
        deltas.entrySet().removeIf(e -> e.getValue().isZero() && !written.contains(e.getKey()));
        if (deltas.isEmpty()) {
            return;
        }
        Object[] keys = DimensionSketches.keyColumns(deltas.keySet());
        jdbc.sql(sql).params(keys[0], keys[1], keys[2], keys[3],
                deltas.values().stream().mapToLong(Totals::visits).toArray(),
                deltas.values().stream().mapToLong(Totals::bounces).toArray(),
                deltas.values().stream().mapToLong(Totals::duration).toArray(),
                deltas.values().stream().mapToLong(Totals::pageViews).toArray(),
                deltas.values().stream().mapToLong(Totals::events).toArray()).update();
    }

    static final String CLEAR_SKETCHES = """
            UPDATE rollup_daily_visits SET users = NULL, estimate = NULL
            WHERE site_id = ? AND day = ANY (?::date[]) AND users IS NOT NULL""";

    /**
     * Rebuilds the visitor sketches of a site's days from the visits that started on them: after
     * visits were deleted or moved, which a sketch cannot subtract. The rows are the batch's to
     * hold: call inside a transaction that keeps the site's batches out ({@code RollupLock}, or the
     * site's fold lock, held exclusively).
     */
    void rebuildSketches(String siteId, Collection<LocalDate> days, List<Visit> visits) {
        jdbc.sql(CLEAR_SKETCHES).params(siteId, days.stream().map(Object::toString).toArray(String[]::new)).update();
        SortedMap<DimensionKey, HllSketch> visitors = new TreeMap<>();
        for (Visit visit : visits) {
            forEachValue(visit, (dimension, value) -> {
                if (SKETCHED.contains(dimension)) {
                    visitors.computeIfAbsent(new DimensionKey(visit.siteId(), visit.day(), dimension, value),
                            k -> UserSketches.empty()).update(visit.visitorId());
                }
            });
        }
        upsert.add(visitors);
    }

    /** The (dimension, value) rows a visit counts under; a dimension the visit has no value for is skipped. */
    static void forEachValue(Visit visit, BiConsumer<String, String> row) {
        Visit.Origin o = visit.origin();
        String[][] values = {
                {"all", ""}, {"source", o.source()}, {"channel", o.channel()}, {"referrer", o.referrer()},
                {"utm_source", o.utmSource()}, {"utm_medium", o.utmMedium()}, {"utm_campaign", o.utmCampaign()},
                {"utm_content", o.utmContent()}, {"utm_term", o.utmTerm()}, {"entry_page", visit.entryPage()},
                {"exit_page", visit.exitPage()}, {"hostname", o.hostname()}, {"device", o.device()},
                {"browser", o.browser()}, {"os", o.os()}, {"country", o.country()}};
        for (String[] pair : values) {
            if (pair[1] != null) {
                row.accept(pair[0], pair[1]);
            }
        }
    }
}
