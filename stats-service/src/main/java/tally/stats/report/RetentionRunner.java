package tally.stats.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tally.common.time.Period;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Answers a {@link Retention} from rollup_retention, which the processor keeps as events arrive:
 * a cohort is the visitors first seen in one period of the range (a day, week or month of the
 * site's days); they returned in period k after it if they had an event in it. Exact, and its
 * cost grows with the cohorts and periods asked for, not with the events. Anonymous visitor ids
 * change every day (see the README), so retention past a day counts only visitors that a site
 * identifies with a user_id.
 */
@Component
class RetentionRunner {

    /** Per cohort and period, the cohort's visitors active in it; period 0 is the cohort's own: all of them. */
    static final String RETURNS = """
            SELECT cohort, period, visitors FROM rollup_retention
            WHERE site_id = :site AND unit = :unit AND cohort BETWEEN :first AND :last AND period <= :periods AND visitors > 0""";

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

    /** The cohorts; periods after {@code today} (the site's) are still to come. */
    RetentionAnswer run(Retention retention, LocalDate today) {
        Period period = retention.period();
        Map<LocalDate, Map<Integer, Long>> returned = new TreeMap<>();
        jdbc.sql(RETURNS).param("site", retention.siteId()).param("unit", period.apiName())
                .param("first", period.start(retention.range().from())).param("last", period.start(retention.range().to()))
                .param("periods", retention.periods())
                .query(rs -> {
                    returned.computeIfAbsent(rs.getObject(1, LocalDate.class), c -> new HashMap<>()).put(rs.getInt(2), rs.getLong(3));
                });
        List<Cohort> cohorts = new ArrayList<>();
        returned.forEach((cohort, counts) -> {
            long size = counts.getOrDefault(0, 0L);
            if (size == 0) {
                return;
            }
            List<Long> returning = new ArrayList<>();
            List<Double> shares = new ArrayList<>();
            for (int k = 0; k <= retention.periods(); k++) {
                boolean toCome = cohort.plus(k, period.unit).isAfter(today);
                long count = counts.getOrDefault(k, 0L);
                returning.add(toCome ? null : count);
                shares.add(toCome ? null : Math.round(10_000.0 * count / size) / 100.0);
            }
            cohorts.add(new Cohort(cohort.toString(), size, returning, shares));
        });
        return new RetentionAnswer(cohorts, new Meta(period.apiName(), retention.periods(), ReportAnswer.Range.of(retention.range())));
    }
}
