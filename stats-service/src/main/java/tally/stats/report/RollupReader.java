package tally.stats.report;

import org.apache.datasketches.hll.HllSketch;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tally.common.sketch.UserSketches;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one period's figures from the rollups, grouped by at most one dimension. Counts are sums
 * of daily rows; visitors over several days are the union of the daily sketches (never a sum of
 * daily counts), or the stored estimate when one day or the whole history is asked for. "All"
 * reads the all-time rollups, so its cost does not grow with the site's age.
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
            SELECT e.day::text, e.pageviews, e.events, coalesce(u.estimate, 0)
            FROM (SELECT day, sum(events) FILTER (WHERE event_type = 'page_view') AS pageviews, sum(events) AS events
                  FROM rollup_daily_events WHERE site_id = :site AND day BETWEEN :from AND :to GROUP BY day) e
            LEFT JOIN rollup_daily_users u ON u.site_id = :site AND u.day = e.day
            ORDER BY e.day""";

    static final String BY_PAGE = """
            SELECT path, sum(page_views), sum(events) FROM rollup_daily_paths
            WHERE site_id = :site AND day BETWEEN :from AND :to GROUP BY path""";

    static final String BY_PAGE_ALL_TIME = "SELECT path, page_views, events FROM rollup_all_time_paths WHERE site_id = :site";

    static final String BY_NAME = """
            SELECT event_type, sum(events) FROM rollup_daily_events
            WHERE site_id = :site AND day BETWEEN :from AND :to GROUP BY event_type""";

    static final String DAILY_SKETCHES = "SELECT users FROM rollup_daily_users WHERE site_id = :site AND day BETWEEN :from AND :to";
    static final String DAY_ESTIMATE = "SELECT estimate FROM rollup_daily_users WHERE site_id = :site AND day = :day";
    static final String ALL_TIME_ESTIMATE = "SELECT estimate FROM rollup_all_time_users WHERE site_id = :site";

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
                        groups.put("", new Counts(rs.getLong(1), rs.getLong(2), visitors ? visitors(siteId, range) : -1));
                    });
            return groups;
        }
        switch (dimension.get()) {
            case TIME_DAY -> jdbc.sql(BY_DAY).param("site", siteId).param("from", range.from()).param("to", range.to())
                    .query(rs -> {
                        groups.put(rs.getString(1), new Counts(rs.getLong(2), rs.getLong(3), visitors ? rs.getLong(4) : -1));
                    });
            case PAGE -> (range.wholeHistory() ? jdbc.sql(BY_PAGE_ALL_TIME).param("site", siteId)
                    : jdbc.sql(BY_PAGE).param("site", siteId).param("from", range.from()).param("to", range.to()))
                    .query(rs -> {
                        groups.put(rs.getString(1), new Counts(rs.getLong(2), rs.getLong(3), -1));
                    });
            case NAME -> jdbc.sql(BY_NAME).param("site", siteId).param("from", range.from()).param("to", range.to())
                    .query(rs -> {
                        String name = rs.getString(1);
                        long events = rs.getLong(2);
                        groups.put(name, new Counts(name.equals("page_view") ? events : 0, events, -1));
                    });
        }
        return groups;
    }

    private long visitors(String siteId, DateRange range) {
        if (range.wholeHistory()) {
            return jdbc.sql(ALL_TIME_ESTIMATE).param("site", siteId).query(Long.class).optional().orElse(0L);
        }
        if (range.days() == 1) {
            return jdbc.sql(DAY_ESTIMATE).param("site", siteId).param("day", range.from()).query(Long.class).optional().orElse(0L);
        }
        List<byte[]> sketches = jdbc.sql(DAILY_SKETCHES).param("site", siteId).param("from", range.from())
                .param("to", range.to()).query(byte[].class).list();
        HllSketch union = UserSketches.union(sketches);
        return UserSketches.estimate(union);
    }
}
