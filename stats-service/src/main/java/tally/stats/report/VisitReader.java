package tally.stats.report;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one period's visit figures from rollup_daily_visits: visits, bounces, seconds of
 * duration and page views in visits, summed over the days and keyed like {@link RollupReader}'s
 * groups ("" for the period, the time bucket, or the visit dimension's value). A visit counts on the day
 * it started. Rows that a late event emptied (a visit that moved to another day or source) sum
 * to no visit and are left out.
 */
@Component
class VisitReader {

    /** A group's visit figures. */
    record VisitCounts(long visits, long bounces, long duration, long pageviews) {
        static final VisitCounts NONE = new VisitCounts(0, 0, 0, 0);
    }

    static final String VISITS = """
            SELECT %s AS k, sum(visits), sum(bounces), sum(duration), sum(page_views) FROM rollup_daily_visits
            WHERE site_id = :site AND dimension = :dimension AND day BETWEEN :from AND :to AND (%s)
            GROUP BY k HAVING sum(visits) <> 0""";

    private final JdbcClient jdbc;

    VisitReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Whether the visits rollup holds a query's visit figures: its filter's conditions are all on
     * one visit dimension, the grouping one unless it groups by day, week or month.
     */
    static boolean hold(Optional<Dimension> grouping, Optional<Filter> filter) {
        return filter.isEmpty() || (filter.get().oneDimension() && filter.get().dimension().visitName != null
                && (grouping.isEmpty() || grouping.get().isTime() || grouping.get() == filter.get().dimension()));
    }

    /**
     * The visit figures of each group, which the rollup {@link #hold}s. Grouped by a visit
     * dimension, the filter (if any) is on the same one; otherwise it picks which values' visits count.
     */
    Map<String, VisitCounts> read(String siteId, Optional<Dimension> dimension, DateRange range, Optional<Filter> filter) {
        boolean byValue = dimension.isPresent() && !dimension.get().isTime();
        String key = byValue ? "value" : dimension.map(Dimension::bucketSql).orElse("''");
        String rollupDimension = byValue ? dimension.get().visitName : filter.map(f -> f.dimension().visitName).orElse("all");
        FilterSql.Condition condition = filter.map(f -> FilterSql.of(f, "value")).orElse(FilterSql.Condition.NONE);
        Map<String, VisitCounts> groups = new LinkedHashMap<>();
        jdbc.sql(VISITS.formatted(key, condition.sql())).params(condition.params()).param("site", siteId)
                .param("dimension", rollupDimension).param("from", range.from()).param("to", range.to())
                .query(rs -> {
                    groups.put(rs.getString(1), new VisitCounts(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
                });
        return groups;
    }
}
