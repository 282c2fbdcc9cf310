package tally.stats.report;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tally.common.http.BadRequestException;
import tally.common.http.ServiceUnavailableException;
import tally.stats.sites.SiteDays;

import javax.sql.DataSource;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Answers from the raw events and visits what the rollups do not hold: hours and minutes, filters
 * on several dimensions or on another than the grouping one. Its answers are exact and mean what
 * the rollups' mean, but their cost grows with the events of the range, where the rollups' grows
 * with the days.
 *
 * <p>Event figures count events, each with its own page, name, host, client and country. Where a
 * dimension only visits have (source, channel, referrer, campaign, entry and exit page) groups
 * or filters them, they count the events of the visits that start in the range, as the visits
 * rollup does. Visit figures count visits by their own dimensions; a condition on what events
 * carry (page, name, property) keeps the visits with an event that meets it, and its
 * {@code _not} form those with none.
 */
@Component
class RawReader {

    /** How an hour or minute is named: Plausible's "2026-11-28 13:00:00". */
    static final DateTimeFormatter KEY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** The day an event counts on: the one stored when it was processed; older rows counted on their UTC day. */
    static final String EVENT_DAY = "coalesce(e.day, (e.occurred_at AT TIME ZONE 'UTC')::date)";

    /** Each event with the visit it belongs to. */
    static final String WITH_VISIT = """
            JOIN visits v ON v.site_id = e.site_id AND v.visitor_id = coalesce(e.visitor_id, e.user_id)
                AND e.occurred_at BETWEEN v.started_at AND v.ended_at""";

    /*
     * Which events are read: those of the range's hours in the site's zone (for hours and minutes),
     * of the visits that start in the range, or counted on its days. A stored day is within two
     * days of the UTC one in any zone, so the bounds on occurred_at let the (site_id, occurred_at)
     * index find them; a visit's events end with its end.
     */
    static final String IN_HOURS = "e.occurred_at >= :start AND e.occurred_at < :until";
    /** The visits those hours' events can be in, which bounds the join for the planner. */
    static final String VISITS_IN_HOURS = " AND v.ended_at >= :start AND v.started_at < :until";
    static final String OF_VISITS = "v.day BETWEEN :from AND :to AND e.occurred_at >= :earliest AND e.occurred_at <= :lastEnd";
    /**
     * The latest end among the visits of the range's days: a descent of the (site, day, ended_at)
     * index per day. Read before the report's statement, so that the planner weighs the events
     * the bound holds: as a subquery of that statement, its value was unknown when planned, and
     * the planner guessed a hundredth of the events it holds; with parallel workers it then
     * probed the visits' index once per event read (980 ms against 170 ms by hash, for 269,000
     * events of seven days).
     */
    static final String LAST_VISIT_END = """
            SELECT max(last.ended_at) FROM generate_series(0, :days) AS n
            CROSS JOIN LATERAL (SELECT max(ended_at) AS ended_at FROM visits WHERE site_id = :site AND day = CAST(:from AS date) + n) last""";
    static final String ON_DAYS = "e.occurred_at >= :earliest AND e.occurred_at < :latest AND " + EVENT_DAY + " BETWEEN :from AND :to";

    static final String COUNTS = """
            SELECT %1$s AS k, count(*) FILTER (WHERE e.event_type = 'page_view'), count(*), count(DISTINCT coalesce(e.visitor_id, e.user_id))
            %2$s GROUP BY k""";

    static final String REVENUE = """
            SELECT %1$s AS k, e.revenue_currency, sum(e.revenue_amount)
            %2$s AND e.revenue_amount IS NOT NULL AND e.revenue_currency IS NOT NULL GROUP BY k, e.revenue_currency""";

    /** The events a query counts: FROM and WHERE. */
    static final String EVENTS = """
            FROM events e %2$s
            WHERE e.site_id = :site AND %3$s AND (%4$s) AND (%1$s) IS NOT NULL""";

    static final String VISITS = """
            SELECT %1$s AS k, count(*), count(*) FILTER (WHERE v.page_views = 1 AND v.events = 1),
                   coalesce(sum(floor(extract(epoch FROM v.ended_at - v.started_at))), 0)::bigint, coalesce(sum(v.page_views), 0)
            FROM visits v %2$s
            WHERE v.site_id = :site AND v.day BETWEEN :from AND :to AND (%3$s) AND (%1$s) IS NOT NULL
            GROUP BY k""";

    /** Per visit of the range, whether any of its events meets each event condition (m0, m1...). */
    static final String EVENTS_OF_VISITS = """
            LEFT JOIN (SELECT v.visitor_id, v.started_at, %s
                        FROM events e %s
                        WHERE e.site_id = :site AND %s
                        GROUP BY v.visitor_id, v.started_at) m ON m.visitor_id = v.visitor_id AND m.started_at = v.started_at""";

    /**
     * How long one read of raw rows may take: past it PostgreSQL cancels the statement and the
     * question gets a 503 that says why, instead of holding one of the pool's connections while
     * the dashboard's other questions wait for one.
     */
    static final int TIMEOUT_SECONDS = 20;
    static final String QUERY_CANCELED = "57014";

    private final JdbcClient jdbc;

    RawReader(DataSource dataSource) {
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setQueryTimeout(TIMEOUT_SECONDS);
        this.jdbc = JdbcClient.create(template);
    }

    /** Page views, events and distinct visitors of each group (the range's totals under "" without a grouping). */
    Map<String, RollupReader.Counts> counts(String siteId, Optional<Dimension> grouping, String groupKey, DateRange range,
                                            Optional<Filter> filter, ZoneId zone) {
        Map<String, RollupReader.Counts> groups = new LinkedHashMap<>();
        read(events(COUNTS, siteId, grouping, groupKey, range, filter, zone), rs -> {
            groups.put(rs.getString(1), new RollupReader.Counts(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
        });
        if (grouping.isEmpty()) {
            groups.putIfAbsent("", new RollupReader.Counts(0, 0, 0));
        }
        return groups;
    }

    /** The revenue of each group's events, per currency. */
    Map<String, Map<String, BigDecimal>> revenue(String siteId, Optional<Dimension> grouping, String groupKey, DateRange range,
                                                 Optional<Filter> filter, ZoneId zone) {
        Map<String, Map<String, BigDecimal>> groups = new LinkedHashMap<>();
        read(events(REVENUE, siteId, grouping, groupKey, range, filter, zone), rs -> {
            groups.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getBigDecimal(3));
        });
        return groups;
    }

    /** A select ({@link #COUNTS} or {@link #REVENUE}) over the events a query counts, keyed by its grouping. */
    private JdbcClient.StatementSpec events(String select, String siteId, Optional<Dimension> grouping, String groupKey, DateRange range,
                                            Optional<Filter> filter, ZoneId zone) {
        boolean clock = grouping.map(Dimension::isClock).orElse(false);
        boolean ofVisits = grouping.map(Dimension::onlyInVisits).orElse(false)
                || filter.map(f -> f.anyOn(Dimension::onlyInVisits)).orElse(false);
        String key = grouping.map(d -> d.isClock() ? clockKey("e.occurred_at")
                : d.isTime() ? d.bucketSql(ofVisits ? "v.day" : EVENT_DAY)
                : eventOrVisit(d, groupKey)).orElse("''");
        FilterSql.Condition condition = filter.map(f -> FilterSql.of(f, c -> eventOrVisit(c.dimension(), c.propKey())))
                .orElse(FilterSql.Condition.NONE);
        String which = clock ? (ofVisits ? IN_HOURS + VISITS_IN_HOURS : IN_HOURS) : ofVisits ? OF_VISITS : ON_DAYS;
        String events = EVENTS.formatted(key, ofVisits ? WITH_VISIT : "", which, condition.sql());
        return jdbc.sql(select.formatted(key, events)).params(condition.params()).params(bounds(siteId, range, zone, ofVisits && !clock))
                .param("unit", unit(grouping));
    }

    /** The hour or minute (:unit) of a time in the site's zone, named as {@link #KEY} names it. */
    private static String clockKey(String time) {
        return "to_char(date_trunc(:unit, " + time + " AT TIME ZONE :zone), 'YYYY-MM-DD HH24:MI:SS')";
    }

    private static String unit(Optional<Dimension> grouping) {
        return grouping.orElse(null) == Dimension.TIME_MINUTE ? "minute" : "hour";
    }

    /**
     * Visits, bounces, seconds of duration and page views of each group of visits: grouped by time
     * (a visit in the hour or minute it started, in the site's zone) or by a visit dimension.
     */
    Map<String, VisitReader.VisitCounts> visits(String siteId, Optional<Dimension> grouping, DateRange range, Optional<Filter> filter,
                                                ZoneId zone) {
        String key = grouping.map(d -> d.isClock() ? clockKey("v.started_at") : d.isTime() ? d.bucketSql("v.day") : d.visitColumn())
                .orElse("''");
        List<String> perVisit = new ArrayList<>();
        FilterSql.Condition condition = filter.map(f -> FilterSql.of(f, new FilterSql.Columns() {
            @Override
            public String of(Filter.Condition c) {
                String column = c.dimension().visitColumn();
                return column != null ? column : c.dimension().eventColumn(c.propKey());
            }

            @Override
            public String around(Filter.Condition c, String test) {
                if (c.dimension().visitColumn() != null) {
                    return test;
                }
                perVisit.add("bool_or(" + test + ") AS m" + perVisit.size());
                return "coalesce(m.m" + (perVisit.size() - 1) + ", false)";
            }
        })).orElse(FilterSql.Condition.NONE);
        String events = perVisit.isEmpty() ? "" : EVENTS_OF_VISITS.formatted(String.join(", ", perVisit), WITH_VISIT, OF_VISITS);
        Map<String, VisitReader.VisitCounts> groups = new LinkedHashMap<>();
        read(jdbc.sql(VISITS.formatted(key, events, condition.sql())).params(condition.params())
                .params(bounds(siteId, range, zone, !perVisit.isEmpty())).param("unit", unit(grouping)), rs -> {
                    groups.put(rs.getString(1), new VisitReader.VisitCounts(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
                });
        return groups;
    }

    /** {@link #LAST_VISIT_END} of the range's visits; empty if it has none. */
    private Optional<Timestamp> lastVisitEnd(String siteId, DateRange range) {
        Timestamp[] end = {null};
        read(jdbc.sql(LAST_VISIT_END).param("site", siteId).param("from", range.from())
                .param("days", (int) ChronoUnit.DAYS.between(range.from(), range.to())), rs -> {
                    end[0] = rs.getTimestamp(1);
                });
        return Optional.ofNullable(end[0]);
    }

    /** Runs a read, telling a question that took too long from a database that is down. */
    private static void read(JdbcClient.StatementSpec statement, RowCallbackHandler rows) {
        try {
            statement.query(rows);
        } catch (DataAccessException e) {
            if (e.getMostSpecificCause() instanceof SQLException sql && QUERY_CANCELED.equals(sql.getSQLState())) {
                throw new ServiceUnavailableException("this question reads raw events, and reading them took longer than "
                        + TIMEOUT_SECONDS + " s: ask for fewer days, or filter by the grouping dimension only (the rollups answer that)",
                        TIMEOUT_SECONDS, e);
            }
            throw e;
        }
    }

    /**
     * Refuses a range that starts before the first day of raw events the site keeps (its
     * retention): answered from what is left, it would count part of its days. {@code otherwise}
     * says what the caller can ask instead.
     */
    static void checkKept(String siteId, SiteDays site, DateRange range, String otherwise) {
        if (range.from().isBefore(site.firstRawDay())) {
            throw new BadRequestException("date_range", ("this question is answered from raw events, and %s keeps them from %s on "
                    + "(its retention): start the range then or later, %s").formatted(siteId, site.firstRawDay(), otherwise));
        }
    }

    /** A dimension's value in an event, or for the dimensions only visits have, in its visit. */
    private static String eventOrVisit(Dimension dimension, String propKey) {
        String column = dimension.eventColumn(propKey);
        return column != null ? column : dimension.visitColumn();
    }

    /** A stored day is within this of the UTC day in any zone (offsets reach 14 hours, and the zone may have changed). */
    private static final Duration DAY_SLACK = Duration.ofDays(2);

    /**
     * The range's days, its hours in the zone, and the bounds on occurred_at that hold every event
     * counted on its days; with {@code ofVisits}, also {@code :lastEnd} for {@link #OF_VISITS} (the
     * earliest bound for a range without visits: there is nothing to join).
     */
    private Map<String, Object> bounds(String siteId, DateRange range, ZoneId zone, boolean ofVisits) {
        Map<String, Object> params = new HashMap<>();
        params.put("site", siteId);
        params.put("from", range.from());
        params.put("to", range.to());
        params.put("zone", zone.getId());
        params.put("start", Timestamp.from(range.from().atStartOfDay(zone).toInstant()));
        params.put("until", Timestamp.from(range.to().plusDays(1).atStartOfDay(zone).toInstant()));
        params.put("earliest", Timestamp.from(utcStart(range.from()).minus(DAY_SLACK)));
        params.put("latest", Timestamp.from(utcStart(range.to().plusDays(1)).plus(DAY_SLACK)));
        if (ofVisits) {
            params.put("lastEnd", lastVisitEnd(siteId, range).orElse((Timestamp) params.get("earliest")));
        }
        return params;
    }

    private static Instant utcStart(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
