package tally.stats.report;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads hours and minutes from the raw events, which are finer than the rollups' days: page
 * views, events and distinct visitors (exact) per hour or minute of the site's time zone, among
 * the events that meet the filter. Its cost grows with the events of the range, which
 * ReportParser bounds (31 days by hour, one by minute); the index on (site_id, occurred_at)
 * finds them.
 */
@Component
class RawReader {

    /** How an hour or minute is named: Plausible's "2026-11-28 13:00:00". */
    static final DateTimeFormatter KEY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** The dimensions each event carries in a column of its own, which a filter can test. */
    static final Set<Dimension> FILTERABLE = Set.of(Dimension.PAGE, Dimension.NAME, Dimension.HOSTNAME, Dimension.DEVICE,
            Dimension.BROWSER, Dimension.OS, Dimension.COUNTRY, Dimension.PROP);

    static final String BY_CLOCK = """
            SELECT to_char(date_trunc(:unit, occurred_at AT TIME ZONE :zone), 'YYYY-MM-DD HH24:MI:SS') AS k,
                   count(*) FILTER (WHERE event_type = 'page_view'), count(*), count(DISTINCT coalesce(visitor_id, user_id))
            FROM events WHERE site_id = :site AND occurred_at >= :from AND occurred_at < :until AND (%s)
            GROUP BY k ORDER BY k""";

    private final JdbcClient jdbc;

    RawReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<String, RollupReader.Counts> read(String siteId, Dimension clock, DateRange range, Optional<Filter> filter, String propKey,
                                          ZoneId zone) {
        FilterSql.Condition condition = filter.map(f -> FilterSql.of(f, column(f.dimension(), propKey))).orElse(FilterSql.Condition.NONE);
        Map<String, RollupReader.Counts> groups = new LinkedHashMap<>();
        jdbc.sql(BY_CLOCK.formatted(condition.sql())).params(condition.params())
                .param("unit", clock == Dimension.TIME_HOUR ? "hour" : "minute").param("zone", zone.getId()).param("site", siteId)
                .param("from", Timestamp.from(range.from().atStartOfDay(zone).toInstant()))
                .param("until", Timestamp.from(range.to().plusDays(1).atStartOfDay(zone).toInstant()))
                .query(rs -> {
                    groups.put(rs.getString(1), new RollupReader.Counts(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                });
        return groups;
    }

    /**
     * The events column a filter on a {@link #FILTERABLE} dimension tests; a property's key keeps to
     * a safe alphabet (ReportParser checks), so it can be a literal.
     */
    static String column(Dimension dimension, String propKey) {
        return switch (dimension) {
            case PAGE -> "path";
            case NAME -> "event_type";
            case PROP -> "(props ->> '" + propKey + "')";
            default -> dimension.rollupName;
        };
    }
}
