package tally.stats.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Answers a {@link Retention} from the processor's visitors (when each was first seen) and
 * visits (when each came): a cohort is the visitors first seen in one period of the range; it
 * returned in period k after if any of its visits started then. Exact, and read from the visits
 * of the cohorts' visitors, so its time grows with the cohorts. Anonymous visitor ids change
 * every day (see the README), so retention past a day counts only visitors that a site
 * identifies with a user_id.
 */
@Component
class RetentionRunner {

    static final String COHORT_SIZES = """
            SELECT date_trunc(:unit, first_seen_at AT TIME ZONE :zone)::date, count(*) FROM visitors
            WHERE site_id = :site AND first_seen_at >= :from AND first_seen_at < :until
            GROUP BY 1""";

    /** Per cohort and period, the cohort's visitors with a visit starting in it. */
    static final String RETURNS = """
            SELECT date_trunc(:unit, c.first_seen_at AT TIME ZONE :zone)::date, date_trunc(:unit, v.started_at AT TIME ZONE :zone)::date,
                   count(DISTINCT c.visitor_id)
            FROM visitors c
            JOIN visits v ON v.site_id = c.site_id AND v.visitor_id = c.visitor_id
            WHERE c.site_id = :site AND c.first_seen_at >= :from AND c.first_seen_at < :until
              AND v.started_at >= c.first_seen_at AND v.started_at < :activeUntil
            GROUP BY 1, 2""";

    /**
     * A cohort: its first day, its size, and how many of it came in each period (0 is the
     * cohort's own) with their percent of it; null for periods still to come.
     */
    record Cohort(String cohort, long visitors, List<Long> returning, List<Double> retention) {
    }

    record RetentionAnswer(List<Cohort> cohorts, Meta meta) {
    }

    record Meta(String period, int periods, @JsonProperty("time_range") ReportAnswer.Range timeRange) {
    }

    private final JdbcClient jdbc;

    RetentionRunner(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The cohorts, in the site's days ({@code zone}); periods after {@code today} are still to come. */
    RetentionAnswer run(Retention retention, LocalDate today, ZoneId zone) {
        Retention.Period period = retention.period();
        LocalDate first = period.start(retention.range().from());
        LocalDate afterLast = period.start(retention.range().to()).plus(1, period.unit);
        LocalDate activeUntil = afterLast.plus(retention.periods(), period.unit);
        Map<LocalDate, Long> sizes = new TreeMap<>();
        jdbc.sql(COHORT_SIZES).param("unit", period.apiName()).param("zone", zone.getId()).param("site", retention.siteId())
                .param("from", at(first, zone)).param("until", at(afterLast, zone))
                .query(rs -> {
                    sizes.put(rs.getObject(1, LocalDate.class), rs.getLong(2));
                });
        Map<LocalDate, Map<Long, Long>> returned = new HashMap<>();
        jdbc.sql(RETURNS).param("unit", period.apiName()).param("zone", zone.getId()).param("site", retention.siteId())
                .param("from", at(first, zone)).param("until", at(afterLast, zone)).param("activeUntil", at(activeUntil, zone))
                .query(rs -> {
                    LocalDate cohort = rs.getObject(1, LocalDate.class);
                    long k = period.unit.between(cohort, rs.getObject(2, LocalDate.class));
                    returned.computeIfAbsent(cohort, c -> new HashMap<>()).put(k, rs.getLong(3));
                });
        List<Cohort> cohorts = new ArrayList<>();
        sizes.forEach((cohort, size) -> {
            List<Long> counts = new ArrayList<>();
            List<Double> shares = new ArrayList<>();
            for (long k = 0; k <= retention.periods(); k++) {
                boolean toCome = cohort.plus(k, period.unit).isAfter(today);
                long count = returned.getOrDefault(cohort, Map.of()).getOrDefault(k, 0L);
                counts.add(toCome ? null : count);
                shares.add(toCome ? null : Math.round(10_000.0 * count / size) / 100.0);
            }
            cohorts.add(new Cohort(cohort.toString(), size, counts, shares));
        });
        return new RetentionAnswer(cohorts, new Meta(period.apiName(), retention.periods(), ReportAnswer.Range.of(retention.range())));
    }

    private static Timestamp at(LocalDate day, ZoneId zone) {
        return Timestamp.from(day.atStartOfDay(zone).toInstant());
    }
}
