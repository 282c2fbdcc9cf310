package tally.stats.report;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads revenue from rollup_daily_revenue: the amounts events carried, summed per currency
 * (Tally keeps no exchange rates), by time bucket or event name, keyed like
 * {@link RollupReader}'s groups. Other groupings and filters are the raw events' ({@link RawReader}).
 */
@Component
class RevenueReader {

    static final String REVENUE = """
            SELECT %s AS k, currency, sum(amount) FROM rollup_daily_revenue
            WHERE site_id = :site AND day BETWEEN :from AND :to AND (%s)
            GROUP BY k, currency HAVING sum(events) > 0""";

    private final JdbcClient jdbc;

    RevenueReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the rollup holds a query's revenue: grouped by nothing, by day, week, month or event name, and filtered by event name. */
    static boolean hold(Optional<Dimension> grouping, Optional<Filter> filter) {
        return grouping.map(d -> d.isTime() || d == Dimension.NAME).orElse(true)
                && !filter.map(f -> f.anyOn(d -> d != Dimension.NAME)).orElse(false);
    }

    /** Each group's revenue per currency, where the rollup {@link #hold}s it; groups without revenue are left out. */
    Map<String, Map<String, BigDecimal>> read(String siteId, Optional<Dimension> grouping, DateRange range, Optional<Filter> filter) {
        String key = grouping.map(d -> d == Dimension.NAME ? "event_type" : d.bucketSql()).orElse("''");
        FilterSql.Condition condition = filter.map(f -> FilterSql.of(f, "event_type")).orElse(FilterSql.Condition.NONE);
        Map<String, Map<String, BigDecimal>> groups = new LinkedHashMap<>();
        jdbc.sql(REVENUE.formatted(key, condition.sql())).params(condition.params()).param("site", siteId)
                .param("from", range.from()).param("to", range.to())
                .query(rs -> {
                    groups.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getBigDecimal(3));
                });
        return groups;
    }
}
