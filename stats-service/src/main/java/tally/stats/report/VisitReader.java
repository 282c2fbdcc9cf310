package tally.stats.report;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one period's visit figures from rollup_daily_visits (by time) or from whole months of
 * rollup_monthly_visits, running totals and the fewest days: visits, bounces, seconds of
 * duration and page views in visits, summed and keyed like {@link RollupReader}'s
 * groups ("" for the period, the time bucket, or the visit dimension's value). A visit counts on the day
 * it started. Rows that a late event emptied (a visit that moved to another day or source) sum
 * to no visit and are left out. Sums are of float8, as in {@link RollupReader}.
 */
@Component
class VisitReader {

    /** A group's visit figures. */
    record VisitCounts(long visits, long bounces, long duration, long pageviews) {
        static final VisitCounts NONE = new VisitCounts(0, 0, 0, 0);

        VisitCounts plus(VisitCounts other) {
            return new VisitCounts(visits + other.visits, bounces + other.bounces, duration + other.duration, pageviews + other.pageviews);
        }
    }

    /** By time bucket: the daily rows of the range. */
    static final String VISITS = """
            SELECT %s AS k, sum(visits::float8)::bigint, sum(bounces::float8)::bigint, sum(duration::float8)::bigint,
                   sum(page_views::float8)::bigint
            FROM rollup_daily_visits
            WHERE site_id = :site AND dimension = :dimension AND day BETWEEN :from AND :to AND (%s)
            GROUP BY k HAVING sum(visits::float8) <> 0""";

    /**
     * By value or over the range (key '', one group): whole months, running totals and the
     * fewest days ({@link MonthSegments}), each row with the sign of its segment.
     */
    static final MonthSegments.Tables OF_VISITS = new MonthSegments.Tables("""
            SELECT value, %1$svisits AS v, %1$sbounces AS b, %1$sduration AS d, %1$spage_views AS p FROM rollup_monthly_visits
            WHERE site_id = :site AND dimension = :dimension AND month = :from%2$d""", """
            SELECT value, %1$svisits AS v, %1$sbounces AS b, %1$sduration AS d, %1$spage_views AS p FROM rollup_daily_visits
            WHERE site_id = :site AND dimension = :dimension AND %3$s""", """
            SELECT value, %1$svisits AS v, %1$sbounces AS b, %1$sduration AS d, %1$spage_views AS p FROM rollup_month_to_day_visits
            WHERE site_id = :site AND dimension = :dimension AND day = :to%2$d""", """
            SELECT value, %1$svisits AS v, %1$sbounces AS b, %1$sduration AS d, %1$spage_views AS p FROM rollup_month_from_day_visits
            WHERE site_id = :site AND dimension = :dimension AND day = :from%2$d""", """
            SELECT value, %1$svisits AS v, %1$sbounces AS b, %1$sduration AS d, %1$spage_views AS p FROM rollup_six_days_visits
            WHERE site_id = :site AND dimension = :dimension AND day = :to%2$d""");
    static final String SEGMENTS = """
            SELECT %s AS k, sum(v::float8)::bigint, sum(b::float8)::bigint, sum(d::float8)::bigint, sum(p::float8)::bigint
            FROM (%s) s GROUP BY 1 HAVING sum(v::float8) <> 0""";
    /** By value, of a single month or day: a row per value, nothing to sum. */
    static final String OF_ONE_SEGMENT = "SELECT value, v, b, d, p FROM (%s) s WHERE v <> 0";
    /** By value, the segments' rows as they are, for the service to sum (as {@link RollupReader#SUMMED_HERE_UP_TO}). */
    static final String ROWS_OF_SEGMENTS = "SELECT value, v, b, d, p FROM (%s) s";

    private final JdbcClient jdbc;
    private final SiteHistory history;

    VisitReader(JdbcClient jdbc, SiteHistory history) {
        this.jdbc = jdbc;
        this.history = history;
    }

    /**
     * Whether the visits rollup holds a query's visit figures: its filter's conditions are all on
     * one visit dimension, the grouping one unless it groups by day, week or month; and it does not group by hour or minute.
     */
    static boolean hold(Optional<Dimension> grouping, Optional<Filter> filter) {
        if (grouping.map(Dimension::isClock).orElse(false)) {
            return false; // the hour a visit started is in the raw visits only
        }
        return filter.isEmpty() || (filter.get().oneDimension() && filter.get().dimension().visitName != null
                && (grouping.isEmpty() || grouping.get().isTime() || grouping.get() == filter.get().dimension()));
    }

    /**
     * The visit figures of each group, which the rollup {@link #hold}s. Grouped by a visit
     * dimension, the filter (if any) is on the same one; otherwise it picks which values' visits count.
     */
    Map<String, VisitCounts> read(String siteId, Optional<Dimension> dimension, DateRange range, Optional<Filter> filter) {
        boolean byTime = dimension.isPresent() && dimension.get().isTime();
        boolean byValue = dimension.isPresent() && !byTime;
        String rollupDimension = byValue ? dimension.get().visitName : filter.map(f -> f.dimension().visitName).orElse("all");
        FilterSql.Condition condition = filter.map(f -> FilterSql.of(f, "value")).orElse(FilterSql.Condition.NONE);
        Map<String, Object> params = new HashMap<>();
        params.put("site", siteId);
        params.put("dimension", rollupDimension);
        String sql;
        boolean summedHere = false;
        if (byTime) {
            sql = VISITS.formatted(dimension.get().bucketSql(), condition.sql());
            params.putAll(condition.params());
            params.put("from", range.from());
            params.put("to", range.to());
        } else {
            MonthSegments.Union union = MonthSegments.unionAll(range, history.hints(siteId), OF_VISITS, condition, params);
            summedHere = byValue && !union.rowPerValue() && union.rowsPerValue() <= RollupReader.SUMMED_HERE_UP_TO;
            sql = byValue && union.rowPerValue() ? OF_ONE_SEGMENT.formatted(union.sql())
                    : summedHere ? ROWS_OF_SEGMENTS.formatted(union.sql())
                    : SEGMENTS.formatted(byValue ? "value" : "''", union.sql());
        }
        Map<String, VisitCounts> groups = new LinkedHashMap<>();
        jdbc.sql(sql).params(params).query(rs -> {
            groups.merge(rs.getString(1), new VisitCounts(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)), VisitCounts::plus);
        });
        if (summedHere) {
            groups.values().removeIf(counts -> counts.visits() == 0);
        }
        return groups;
    }
}
