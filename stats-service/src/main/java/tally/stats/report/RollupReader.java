package tally.stats.report;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one period's figures from the rollups, grouped by at most one dimension. Counts are sums
 * of daily rows. Visitors are distinct visitor ids, kept as a sketch per day and value
 * ({@link Sketched}): over several days the union of the daily sketches, never a sum of daily
 * counts; for one day the stored estimate. Counts per page and per value of a visit dimension
 * read whole months from the monthly rollups (pages all time from the all-time one), so their
 * cost grows with the values, not with the days. Visitors per value union a sketch per value and
 * day (for pages, a running total's sketch for the days of a month from its 1st, or from a day
 * to its end), for the values
 * asked only ({@link #visitorsOf}).
 *
 * <p>Counts are summed as float8 and cast back, exact below 2^53: PostgreSQL sums bigint into
 * numeric, which took twice as long over the 2,000 entry pages of 30 days.
 */
@Component
class RollupReader {

    /** A group's figures; visitors is -1 when not asked for. */
    record Counts(long pageviews, long events, long visitors) {
        static final Counts NONE = new Counts(0, 0, 0);

        /** The counts of both, without visitors (which are not sums). */
        Counts plus(Counts other) {
            return new Counts(pageviews + other.pageviews, events + other.events, -1);
        }
    }

    static final String TOTALS = """
            SELECT coalesce(sum(events::float8) FILTER (WHERE event_type = 'page_view'), 0)::bigint,
                   coalesce(sum(events::float8), 0)::bigint
            FROM rollup_daily_events WHERE site_id = :site AND day BETWEEN :from AND :to""";

    static final String BY_DAY = """
            SELECT e.day::text, e.pageviews, e.events, coalesce(v.estimate, 0)
            FROM (SELECT day, sum(events::float8) FILTER (WHERE event_type = 'page_view')::bigint AS pageviews,
                         sum(events::float8)::bigint AS events
                  FROM rollup_daily_events WHERE site_id = :site AND day BETWEEN :from AND :to GROUP BY day) e
            LEFT JOIN rollup_daily_dimensions v ON v.site_id = :site AND v.day = e.day AND v.dimension = 'all' AND v.value = ''
            ORDER BY e.day""";

    /** One {@link MonthSegments.Segment} each, summed by {@link #BY_SEGMENTS}; a subtracted one negates its counts. */
    static final MonthSegments.Tables PATHS = new MonthSegments.Tables(
            "SELECT path AS value, %1$spage_views AS v, %1$sevents AS e FROM rollup_monthly_paths WHERE site_id = :site AND month = :from%2$d",
            "SELECT path AS value, %1$spage_views AS v, %1$sevents AS e FROM rollup_daily_paths WHERE site_id = :site AND %3$s",
            "SELECT path AS value, %1$spage_views AS v, %1$sevents AS e FROM rollup_month_to_day_paths WHERE site_id = :site AND day = :to%2$d",
            "SELECT path AS value, %1$spage_views AS v, %1$sevents AS e FROM rollup_month_from_day_paths WHERE site_id = :site AND day = :from%2$d",
            "SELECT path AS value, %1$spage_views AS v, %1$sevents AS e FROM rollup_six_days_paths WHERE site_id = :site AND day = :to%2$d");

    /**
     * {@link #PATHS} with each row's sketch, as {@link SketchUnions} keys it: its day, version and
     * table, and its estimate (null where it has no sketch). Monthly rows have none.
     */
    static final MonthSegments.Tables SKETCHED_PATHS = new MonthSegments.Tables(null,
            sketched("rollup_daily_paths", "%3$s"), sketched("rollup_month_to_day_paths", "day = :to%2$d"),
            sketched("rollup_month_from_day_paths", "day = :from%2$d"), sketched("rollup_six_days_paths", "day = :to%2$d"));

    private static String sketched(String table, String days) {
        return """
                SELECT path AS value, %%1$spage_views AS v, %%1$sevents AS e, day AS sketch_day, xmin::text::bigint AS version,
                       CASE WHEN users IS NOT NULL THEN estimate END AS estimate, '%1$s' AS sketch_table
                FROM %1$s WHERE site_id = :site AND %2$s""".formatted(table, days);
    }

    static final String BY_PAGE_ALL_TIME = "SELECT path, page_views, events FROM rollup_all_time_paths WHERE site_id = :site";

    static final String BY_NAME = """
            SELECT event_type, sum(events::float8)::bigint FROM rollup_daily_events
            WHERE site_id = :site AND day BETWEEN :from AND :to AND (%s) GROUP BY event_type""";

    /** Grouped by an event dimension's values (in rollup_daily_dimensions). */
    static final String BY_DIMENSION = """
            SELECT value, sum(page_views::float8)::bigint, sum(events::float8)::bigint FROM rollup_daily_dimensions
            WHERE site_id = :site AND dimension = :dimension AND day BETWEEN :from AND :to AND (%s) GROUP BY value
            HAVING sum(events::float8) <> 0""";

    /** A visit dimension's values, from whole months, running totals and the fewest days as pages are. */
    static final MonthSegments.Tables VISIT_VALUES = new MonthSegments.Tables("""
            SELECT value, %1$spage_views AS v, %1$sevents AS e FROM rollup_monthly_visits
            WHERE site_id = :site AND dimension = :dimension AND month = :from%2$d""", """
            SELECT value, %1$spage_views AS v, %1$sevents AS e FROM rollup_daily_visits
            WHERE site_id = :site AND dimension = :dimension AND %3$s""", """
            SELECT value, %1$spage_views AS v, %1$sevents AS e FROM rollup_month_to_day_visits
            WHERE site_id = :site AND dimension = :dimension AND day = :to%2$d""", """
            SELECT value, %1$spage_views AS v, %1$sevents AS e FROM rollup_month_from_day_visits
            WHERE site_id = :site AND dimension = :dimension AND day = :from%2$d""", """
            SELECT value, %1$spage_views AS v, %1$sevents AS e FROM rollup_six_days_visits
            WHERE site_id = :site AND dimension = :dimension AND day = :to%2$d""");
    /**
     * Page views and events per value of the segments' rows. A value with no event left (after a
     * segment's subtraction, or a late event that emptied a visit's row) had none in the range.
     */
    static final String BY_SEGMENTS = """
            SELECT value, sum(v::float8)::bigint, sum(e::float8)::bigint FROM (%s) s GROUP BY value HAVING sum(e::float8) > 0""";
    /** The same, of a single month or day: a row per value, nothing to sum. */
    static final String OF_ONE_SEGMENT = "SELECT value, v, e FROM (%s) s WHERE e > 0";
    /** The segments' rows as they are, for the service to sum. */
    static final String ROWS_OF_SEGMENTS = "SELECT value, v, e FROM (%s) s";
    /**
     * Up to this many rows per value, the segments' rows are summed here rather than by
     * PostgreSQL's hash aggregate. With the running totals, most ranges are one to three rows per
     * value (a month, from a day, to a day, today). For 30 days to the 15th of a month (2,000
     * pages, two rows each), sending the 4,000 rows took PostgreSQL 1.7-2.0 ms per list where
     * summing them took 2.9-3.7 ms, and the service about the same time either way; for 30 rows
     * per value, summing here took twice as long.
     */
    static final int SUMMED_HERE_UP_TO = 3;

    /**
     * Some values' daily sketch rows, in day order, for the union's estimate depends a little on
     * the order it merges in: each row's value (twice: it is also the group), day, version,
     * estimate and table, from which {@link SketchUnions} counts. The days are listed rather than a range, so
     * that the index finds each day's values (for 30 days of ten pages, a millisecond instead of
     * ten scanning the month's 60,000 rows).
     */
    static final String VISITORS = """
            SELECT %1$s, %1$s, day, xmin::text::bigint, estimate, '%2$s' FROM %2$s
            WHERE %3$s AND %5$s AND (%4$s) AND users IS NOT NULL
            ORDER BY day""";
    /** The rows of the listed values on the days from parameter {@code from} to {@code to}, a descent per day and value. */
    static String listedDays(String column, String from, String to) {
        return """
                day = ANY (ARRAY(SELECT generate_series(:%2$s::date, :%3$s::date, interval '1 day')::date)) AND %1$s = ANY (:values)"""
                .formatted(column, from, to);
    }
    /**
     * Past this many values, the range's rows are read in one scan and those of other values
     * skipped in Java: faster than a descent per day and value, or than testing each row's value
     * against the list in SQL (all 2,000 pages of 30 days: about 155 ms, against 170 and 240).
     */
    static final int MANY_VALUES = 200;

    /**
     * Pages' sketch rows as {@link MonthSegments#ofUnions} segments, as {@link #VISITORS} gives them:
     * a month's running total to a day where the range starts on the 1st, from a day where it runs
     * to the end of a folded month, six days' sums, daily rows for the rest.
     * For the pages listed, or (past {@link #MANY_VALUES}) all of them.
     */
    static final MonthSegments.Tables LISTED_PATH_SKETCHES = pathSketches(listedDays("path", "from%2$d", "to%2$d"), "path = ANY (:values)");
    static final MonthSegments.Tables ALL_PATH_SKETCHES = pathSketches("%3$s", "true");
    static final String IN_DAY_ORDER = "SELECT * FROM (%s) s ORDER BY 3";

    private static MonthSegments.Tables pathSketches(String days, String paths) {
        return new MonthSegments.Tables(null, """
                SELECT path, path, day, xmin::text::bigint, estimate, 'rollup_daily_paths' FROM rollup_daily_paths
                WHERE site_id = :site AND %s AND users IS NOT NULL""".formatted(days), """
                SELECT path, path, day, xmin::text::bigint, estimate, 'rollup_month_to_day_paths' FROM rollup_month_to_day_paths
                WHERE site_id = :site AND day = :to%%2$d AND %s AND users IS NOT NULL""".formatted(paths), """
                SELECT path, path, day, xmin::text::bigint, estimate, 'rollup_month_from_day_paths' FROM rollup_month_from_day_paths
                WHERE site_id = :site AND day = :from%%2$d AND %s AND users IS NOT NULL""".formatted(paths), """
                SELECT path, path, day, xmin::text::bigint, estimate, 'rollup_six_days_paths' FROM rollup_six_days_paths
                WHERE site_id = :site AND day = :to%%2$d AND %s AND users IS NOT NULL""".formatted(paths));
    }

    /*
     * By time bucket (Dimension.bucketSql) or over the range ("''"): the rows of the filtered
     * dimension's rollup whose value meets the condition ("true" for no filter).
     */
    static final String FILTERED_PATHS_BY_DAY = """
            SELECT %s AS k, sum(page_views::float8)::bigint, sum(events::float8)::bigint FROM rollup_daily_paths
            WHERE site_id = :site AND day BETWEEN :from AND :to AND (%s) GROUP BY k""";
    static final String FILTERED_EVENTS = """
            SELECT %s AS k, coalesce(sum(events::float8) FILTER (WHERE event_type = 'page_view'), 0)::bigint, sum(events::float8)::bigint
            FROM rollup_daily_events
            WHERE site_id = :site AND day BETWEEN :from AND :to AND (%s) GROUP BY k""";
    static final String FILTERED_DIMENSION = """
            SELECT %s AS k, sum(page_views::float8)::bigint, sum(events::float8)::bigint FROM %s
            WHERE site_id = :site AND dimension = :dimension AND day BETWEEN :from AND :to AND (%s) GROUP BY k""";
    static final String FILTERED_VISITORS = """
            SELECT %1$s AS bucket, %2$s, day AS sketch_day, xmin::text::bigint, estimate, '%3$s' FROM %3$s
            WHERE %4$s AND day BETWEEN :from AND :to AND (%5$s) AND users IS NOT NULL
            ORDER BY sketch_day""";

    /** A rollup's rows of visitor sketches per value of a dimension: its table, their value's column, their dimension's name in it if any. */
    record Sketched(String table, String column, String dimension) {
        static final Sketched EVERYONE = new Sketched("rollup_daily_dimensions", "value", "all");
        static final Sketched PATHS = new Sketched("rollup_daily_paths", "path", null);

        static Sketched of(Dimension dimension, String propKey) {
            return dimension == Dimension.PAGE ? PATHS
                    : new Sketched(dimension.table(), "value", dimension.tableName(propKey));
        }

        /** SQL selecting the site's rows, with the :site and :dimension parameters. */
        String rows() {
            return dimension == null ? "site_id = :site" : "site_id = :site AND dimension = :dimension";
        }

        FilterSql.Condition condition(Optional<Filter> filter) {
            return filter.map(f -> FilterSql.of(f, column)).orElse(FilterSql.Condition.NONE);
        }
    }

    private final JdbcClient jdbc;
    private final JdbcClient keyed;
    private final SketchUnions unions;
    private final SiteHistory history;

    RollupReader(JdbcClient jdbc, KeyedReads keyed, SketchUnions unions, SiteHistory history) {
        this.jdbc = jdbc;
        this.keyed = keyed.jdbc();
        this.unions = unions;
        this.history = history;
    }

    /**
     * The figures of each group, keyed by the dimension's value. Without a dimension there is
     * always exactly one group, "", holding the period's totals (zeros for an empty period). The
     * rollups {@link #hold} the query: the rows of the filtered dimension's rollup that match are summed.
     * Grouped by a dimension's values, visitors are -1: {@link #visitorsOf} counts them for the
     * values asked, for their unions are the costly part.
     *
     * @param propKey the key of the custom property the grouping is by, or null
     */
    Map<String, Counts> read(String siteId, Optional<Dimension> dimension, DateRange range, boolean visitors, Optional<Filter> filter,
                             String propKey) {
        if (filter.isPresent() && dimension.isPresent() && dimension.get() == filter.get().dimension()) {
            return grouped(siteId, dimension.get(), range, filter, propKey);
        }
        if (filter.isEmpty() && dimension.isEmpty()) {
            Map<String, Counts> groups = new LinkedHashMap<>();
            // Read before the totals, not in their row callback, which would hold two connections at once.
            long distinct = visitors ? visitors(siteId, Sketched.EVERYONE, range, Optional.empty(), List.of("")).getOrDefault("", 0L) : -1;
            jdbc.sql(TOTALS).param("site", siteId).param("from", range.from()).param("to", range.to())
                    .query(rs -> {
                        groups.put("", new Counts(rs.getLong(1), rs.getLong(2), distinct));
                    });
            return groups;
        }
        if (filter.isEmpty() && dimension.get() == Dimension.TIME_DAY) {
            Map<String, Counts> groups = new LinkedHashMap<>();
            jdbc.sql(BY_DAY).param("site", siteId).param("from", range.from()).param("to", range.to())
                    .query(rs -> {
                        groups.put(rs.getString(1), new Counts(rs.getLong(2), rs.getLong(3), visitors ? rs.getLong(4) : -1));
                    });
            return groups;
        }
        if (dimension.isEmpty() || dimension.get().isTime()) {
            return overTime(siteId, dimension, range, visitors, filter);
        }
        return grouped(siteId, dimension.get(), range, Optional.empty(), propKey);
    }

    /**
     * Whether the rollups hold a query's event figures: its filter's conditions are all on one
     * dimension, the grouping one unless it groups by day, week or month (each rollup holds one
     * dimension); it does not group by hours or minutes.
     */
    static boolean hold(Optional<Dimension> grouping, String groupKey, Optional<Filter> filter) {
        if (grouping.isPresent() && grouping.get().isClock()) {
            return false;
        }
        return filter.isEmpty() || (filter.get().oneDimension()
                && (grouping.isEmpty() || grouping.get().isTime()
                    || (grouping.get() == filter.get().dimension() && Objects.equals(groupKey, filter.get().propKey()))));
    }

    /**
     * The period's totals ("" key) or its time buckets, of the rows of the filtered dimension's
     * rollup that meet the filter (of every event without one). Visitors are the union of the
     * matching daily sketches in each bucket.
     */
    private Map<String, Counts> overTime(String siteId, Optional<Dimension> time, DateRange range, boolean visitors, Optional<Filter> filter) {
        String key = time.map(Dimension::bucketSql).orElse("''");
        Dimension filtered = filter.map(Filter::dimension).orElse(null);
        String propKey = filter.map(Filter::propKey).orElse(null);
        FilterSql.Condition condition = filter.map(f -> FilterSql.of(f, column(f.dimension()))).orElse(FilterSql.Condition.NONE);
        Map<String, Counts> groups = new LinkedHashMap<>();
        Map<String, Long> distinct = !visitors ? Map.of()
                : bucketVisitors(siteId, filtered == null ? Sketched.EVERYONE : Sketched.of(filtered, propKey), range, filter, key);
        if (filtered == Dimension.PAGE && time.isEmpty()) {
            Counts sums = bySegments(siteId, null, range, PATHS, condition).values().stream().reduce(new Counts(0, 0, -1), Counts::plus);
            groups.put("", new Counts(sums.pageviews(), sums.events(), visitors ? distinct.getOrDefault("", 0L) : -1));
            return groups;
        }
        String sql = filtered == null || filtered == Dimension.NAME ? FILTERED_EVENTS.formatted(key, condition.sql())
                : filtered == Dimension.PAGE ? FILTERED_PATHS_BY_DAY.formatted(key, condition.sql())
                : FILTERED_DIMENSION.formatted(key, filtered.table(), condition.sql());
        jdbc.sql(sql).params(condition.params())
                .param("site", siteId).param("dimension", filtered == null ? "" : filtered.tableName(propKey))
                .param("from", range.from()).param("to", range.to())
                .query(rs -> {
                    String bucket = rs.getString(1);
                    groups.put(bucket, new Counts(rs.getLong(2), rs.getLong(3), visitors ? distinct.getOrDefault(bucket, 0L) : -1));
                });
        if (time.isEmpty()) {
            groups.putIfAbsent("", new Counts(0, 0, visitors ? 0 : -1));
        }
        return groups;
    }

    /** Groups by a dimension other than time, keeping the values that meet the filter, if any; without visitors (-1). */
    private Map<String, Counts> grouped(String siteId, Dimension grouping, DateRange range, Optional<Filter> filter, String propKey) {
        FilterSql.Condition condition = filter.map(f -> FilterSql.of(f, column(grouping))).orElse(FilterSql.Condition.NONE);
        Map<String, Counts> groups = new LinkedHashMap<>();
        switch (grouping) {
            case PAGE -> {
                if (!range.wholeHistory() || filter.isPresent()) {
                    return bySegments(siteId, null, range, PATHS, condition);
                }
                jdbc.sql(BY_PAGE_ALL_TIME).param("site", siteId).query(rs -> {
                    String path = rs.getString(1);
                    groups.put(path, new Counts(rs.getLong(2), rs.getLong(3), -1));
                });
            }
            case NAME -> jdbc.sql(BY_NAME.formatted(condition.sql())).params(condition.params()).param("site", siteId)
                    .param("from", range.from()).param("to", range.to())
                    .query(rs -> {
                        String name = rs.getString(1);
                        long events = rs.getLong(2);
                        groups.put(name, new Counts(name.equals("page_view") ? events : 0, events, -1));
                    });
            default -> {
                if (grouping.onlyInVisits()) {
                    return bySegments(siteId, grouping.tableName(), range, VISIT_VALUES, condition);
                }
                jdbc.sql(BY_DIMENSION.formatted(condition.sql())).params(condition.params())
                        .param("site", siteId).param("dimension", grouping.tableName(propKey))
                        .param("from", range.from()).param("to", range.to())
                        .query(rs -> {
                            String value = rs.getString(1);
                            groups.put(value, new Counts(rs.getLong(2), rs.getLong(3), -1));
                        });
            }
        }
        return groups;
    }

    /** The column a filter on a dimension tests in the rollup its counts are read from. */
    private static String column(Dimension dimension) {
        return switch (dimension) {
            case PAGE -> "path";
            case NAME -> "event_type";
            default -> "value";
        };
    }

    /** Visitors of the matching values per bucket ({@code key}, SQL over day): the union of the bucket's daily sketches. */
    private Map<String, Long> bucketVisitors(String siteId, Sketched sketched, DateRange range, Optional<Filter> filter, String key) {
        FilterSql.Condition condition = sketched.condition(filter);
        return unions.estimates(siteId, sketched, jdbc.sql(FILTERED_VISITORS.formatted(key, sketched.column(), sketched.table(), sketched.rows(),
                        condition.sql())).params(condition.params())
                .param("site", siteId).param("dimension", sketched.dimension())
                .param("from", range.from()).param("to", range.to()), group -> true);
    }

    /**
     * Page views and events per value over the range, from whole months, running totals and the
     * fewest days of the {@code tables} ({@link MonthSegments}): summed by PostgreSQL, or here up
     * to {@link #SUMMED_HERE_UP_TO} rows per value. Values with no event left are not groups.
     *
     * @param dimension the rows' dimension, for rollups that have one, or null
     */
    private Map<String, Counts> bySegments(String siteId, String dimension, DateRange range, MonthSegments.Tables tables,
                                           FilterSql.Condition condition) {
        Map<String, Object> params = new HashMap<>();
        params.put("site", siteId);
        if (dimension != null) {
            params.put("dimension", dimension);
        }
        MonthSegments.Union union = MonthSegments.unionAll(range, history.hints(siteId), tables, condition, params);
        boolean summedHere = !union.rowPerValue() && union.rowsPerValue() <= SUMMED_HERE_UP_TO;
        String sql = union.rowPerValue() ? OF_ONE_SEGMENT : summedHere ? ROWS_OF_SEGMENTS : BY_SEGMENTS;
        Map<String, Counts> groups = new LinkedHashMap<>();
        jdbc.sql(sql.formatted(union.sql())).params(params).query(rs -> {
            groups.merge(rs.getString(1), new Counts(rs.getLong(2), rs.getLong(3), -1), Counts::plus);
        });
        if (summedHere) {
            groups.values().removeIf(counts -> counts.events() <= 0);
        }
        return groups;
    }

    /**
     * Distinct visitors of some values of a dimension over the range, that the filter (on that
     * dimension, as {@link #hold} requires) keeps: the union of each value's daily sketches.
     *
     * @param propKey the key of the custom property the dimension is, or null
     */
    Map<String, Long> visitorsOf(String siteId, Dimension dimension, String propKey, DateRange range, Optional<Filter> filter,
                                 Collection<String> values) {
        return visitors(siteId, Sketched.of(dimension, propKey), range, filter, values);
    }

    /**
     * Distinct visitors per value over the range: the union of each value's daily sketches, and
     * for pages of the running totals of the months it covers from their 1st or to their end
     * ({@link MonthSegments#ofUnions}).
     */
    private Map<String, Long> visitors(String siteId, Sketched sketched, DateRange range, Optional<Filter> filter,
                                       Collection<String> values) {
        FilterSql.Condition condition = sketched.condition(filter);
        boolean many = values.size() > MANY_VALUES;
        Set<String> asked = many ? Set.copyOf(values) : null;
        // The listed values' rows are found by their keys (day and value), a plan for any of them.
        JdbcClient reads = many ? jdbc : keyed;
        if (sketched.equals(Sketched.PATHS)) {
            Map<String, Object> params = new HashMap<>();
            params.put("site", siteId);
            params.put("values", values.toArray(String[]::new));
            MonthSegments.Union union = MonthSegments.unionAll(MonthSegments.ofUnions(range, history.hints(siteId)),
                    many ? ALL_PATH_SKETCHES : LISTED_PATH_SKETCHES, condition, params);
            return unions.estimates(siteId, sketched, reads.sql(IN_DAY_ORDER.formatted(union.sql())).params(params),
                    value -> !many || asked.contains(value));
        }
        String rows = many ? "day BETWEEN :from AND :to" : listedDays(sketched.column(), "from", "to");
        return unions.estimates(siteId, sketched, reads.sql(VISITORS.formatted(sketched.column(), sketched.table(), sketched.rows(), condition.sql(), rows))
                .params(condition.params())
                .param("site", siteId).param("dimension", sketched.dimension()).param("values", values.toArray(String[]::new))
                .param("from", range.from()).param("to", range.to()), value -> !many || asked.contains(value));
    }
}
