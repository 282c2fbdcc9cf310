package tally.stats.report;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tally.common.sketch.UserSketches;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one period's figures from the rollups, grouped by at most one dimension. Counts are sums
 * of daily rows. Visitors are distinct visitor ids (rollup_daily_dimensions): over several days
 * the union of the daily sketches, never a sum of daily counts; for one day the stored estimate.
 * Pages read whole months from the monthly rollup and all time from the all-time one, so their
 * cost grows with the paths, not with the days.
 */
@Component
class RollupReader {

    /** A group's figures; visitors is -1 when not asked for. */
    record Counts(long pageviews, long events, long visitors) {
    }

    static final String HISTORY = "SELECT min(day), max(day) FROM rollup_daily_events WHERE site_id = :site";

    static final String TOTALS = """
            SELECT coalesce(sum(events) FILTER (WHERE event_type = 'page_view'), 0), coalesce(sum(events), 0)
            FROM rollup_daily_events WHERE site_id = :site AND day BETWEEN :from AND :to""";

    static final String BY_DAY = """
            SELECT e.day::text, e.pageviews, e.events, coalesce(v.estimate, 0)
            FROM (SELECT day, sum(events) FILTER (WHERE event_type = 'page_view') AS pageviews, sum(events) AS events
                  FROM rollup_daily_events WHERE site_id = :site AND day BETWEEN :from AND :to GROUP BY day) e
            LEFT JOIN rollup_daily_dimensions v ON v.site_id = :site AND v.day = e.day AND v.dimension = 'all' AND v.value = ''
            ORDER BY e.day""";

    /** One {@link PathSegments.Segment} each, summed by {@link #BY_PAGE}; a subtracted one negates its counts. */
    static final String MONTH_OF_PATHS = "SELECT path, %1$spage_views AS v, %1$sevents AS e FROM rollup_monthly_paths WHERE site_id = ? AND month = ?";
    static final String DAYS_OF_PATHS = "SELECT path, %1$spage_views AS v, %1$sevents AS e FROM rollup_daily_paths WHERE site_id = ? AND day BETWEEN ? AND ?";
    /** Paths with no event left after subtraction had none in the range. */
    static final String BY_PAGE = "SELECT path, sum(v), sum(e) FROM (%s) p GROUP BY path HAVING sum(e) > 0";

    static final String BY_PAGE_ALL_TIME = "SELECT path, page_views, events FROM rollup_all_time_paths WHERE site_id = :site";

    static final String BY_NAME = """
            SELECT event_type, sum(events) FROM rollup_daily_events
            WHERE site_id = :site AND day BETWEEN :from AND :to GROUP BY event_type""";

    static final String BY_DIMENSION = """
            SELECT value, sum(page_views), sum(events) FROM rollup_daily_dimensions
            WHERE site_id = :site AND dimension = :dimension AND day BETWEEN :from AND :to GROUP BY value""";

    /** Each value's daily sketches; or its estimate, when the range is one day. */
    static final String VISITORS = """
            SELECT value, users, estimate FROM rollup_daily_dimensions
            WHERE site_id = :site AND dimension = :dimension AND day BETWEEN :from AND :to""";

    private final JdbcClient jdbc;

    RollupReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The site's first and last day with processed events, or empty if it has none. */
    Optional<DateRange> history(String siteId) {
        return jdbc.sql(HISTORY).param("site", siteId).query((rs, n) -> {
            LocalDate first = rs.getObject(1, LocalDate.class);
            return first == null ? null : new DateRange(first, rs.getObject(2, LocalDate.class), true);
        }).optional();
    }

    /**
     * The figures of each group, keyed by the dimension's value. Without a dimension there is
     * always exactly one group, "", holding the period's totals (zeros for an empty period).
     */
    Map<String, Counts> read(String siteId, Optional<Dimension> dimension, DateRange range, boolean visitors) {
        Map<String, Counts> groups = new LinkedHashMap<>();
        if (dimension.isEmpty()) {
            jdbc.sql(TOTALS).param("site", siteId).param("from", range.from()).param("to", range.to())
                    .query(rs -> {
                        long distinct = visitors ? visitors(siteId, "all", range).getOrDefault("", 0L) : -1;
                        groups.put("", new Counts(rs.getLong(1), rs.getLong(2), distinct));
                    });
            return groups;
        }
        Dimension grouping = dimension.get();
        switch (grouping) {
            case TIME_DAY -> jdbc.sql(BY_DAY).param("site", siteId).param("from", range.from()).param("to", range.to())
                    .query(rs -> {
                        groups.put(rs.getString(1), new Counts(rs.getLong(2), rs.getLong(3), visitors ? rs.getLong(4) : -1));
                    });
            case PAGE -> (range.wholeHistory() ? jdbc.sql(BY_PAGE_ALL_TIME).param("site", siteId) : byPage(siteId, range))
                    .query(rs -> {
                        groups.put(rs.getString(1), new Counts(rs.getLong(2), rs.getLong(3), -1));
                    });
            case NAME -> jdbc.sql(BY_NAME).param("site", siteId).param("from", range.from()).param("to", range.to())
                    .query(rs -> {
                        String name = rs.getString(1);
                        long events = rs.getLong(2);
                        groups.put(name, new Counts(name.equals("page_view") ? events : 0, events, -1));
                    });
            default -> {
                Map<String, Long> distinct = visitors ? visitors(siteId, grouping.rollupName, range) : Map.of();
                jdbc.sql(BY_DIMENSION).param("site", siteId).param("dimension", grouping.rollupName)
                        .param("from", range.from()).param("to", range.to())
                        .query(rs -> {
                            String value = rs.getString(1);
                            groups.put(value, new Counts(rs.getLong(2), rs.getLong(3), visitors ? distinct.getOrDefault(value, 0L) : -1));
                        });
            }
        }
        return groups;
    }

    /** Page views and events per path over the range, from whole months and the fewest days (see {@link PathSegments}). */
    private JdbcClient.StatementSpec byPage(String siteId, DateRange range) {
        List<String> parts = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (PathSegments.Segment segment : PathSegments.of(range)) {
            String sign = segment.subtract() ? "-" : "";
            params.add(siteId);
            params.add(segment.from());
            if (segment.monthly()) {
                parts.add(MONTH_OF_PATHS.formatted(sign));
            } else {
                parts.add(DAYS_OF_PATHS.formatted(sign));
                params.add(segment.to());
            }
        }
        return jdbc.sql(BY_PAGE.formatted(String.join(" UNION ALL ", parts))).params(params);
    }

    /** Distinct visitors per value of a dimension over the range: the union of each value's daily sketches. */
    private Map<String, Long> visitors(String siteId, String dimension, DateRange range) {
        Map<String, List<byte[]>> sketches = new HashMap<>();
        Map<String, Long> estimates = new HashMap<>();
        jdbc.sql(VISITORS).param("site", siteId).param("dimension", dimension).param("from", range.from())
                .param("to", range.to()).query(rs -> {
                    String value = rs.getString(1);
                    sketches.computeIfAbsent(value, v -> new ArrayList<>()).add(rs.getBytes(2));
                    estimates.put(value, rs.getLong(3));
                });
        Map<String, Long> distinct = new HashMap<>();
        sketches.forEach((value, daily) -> distinct.put(value,
                daily.size() == 1 ? estimates.get(value) : UserSketches.estimate(UserSketches.union(daily))));
        return distinct;
    }
}
