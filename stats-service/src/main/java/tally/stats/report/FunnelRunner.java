package tally.stats.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers a {@link Funnel} from the raw events, exactly: the events of the range that match a
 * step (and the filter) stream through a cursor sorted by visitor and time, and each visitor's
 * are walked as ClickHouse's windowFunnel does: from every event that matches the first step,
 * take the earliest next step after it, then the earliest step after that, until the window
 * from the first closes; a visitor reached the furthest step any start led to. A funnel reads
 * the events of its days, so its time grows with them, unlike the reports from the rollups.
 */
@Component
class FunnelRunner {

    /** Rows per round trip of the cursor. */
    static final int FETCH = 5000;

    static final String EVENTS = """
            SELECT coalesce(e.visitor_id, e.user_id), e.occurred_at, e.event_type, e.path FROM events e
            WHERE e.site_id = :site AND e.occurred_at >= :from AND e.occurred_at < :until AND (%s) AND (%s)
            ORDER BY coalesce(e.visitor_id, e.user_id), e.occurred_at, e.id""";

    /** The answer: visitors per step, with their share of the first step's and what the step before lost. */
    record FunnelAnswer(List<StepResult> steps, Meta meta) {
    }

    record StepResult(int step, String label, long visitors,
                      @JsonProperty("conversion_rate") double conversionRate,
                      long dropoff, @JsonProperty("dropoff_rate") double dropoffRate) {
    }

    record Meta(@JsonProperty("time_range") ReportAnswer.Range timeRange, @JsonProperty("window_seconds") long windowSeconds) {
    }

    /** One matching event of a visitor: when (epoch milliseconds), and which steps it matches (bit i: step i + 1). */
    record Hit(long at, int steps) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate readOnly;

    FunnelRunner(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
        this.readOnly.setReadOnly(true);
    }

    /** The funnel over its days in the site's time zone. */
    FunnelAnswer run(Funnel funnel, ZoneId zone) {
        Map<String, Object> params = new HashMap<>();
        List<String> stepSql = new ArrayList<>();
        for (int i = 0; i < funnel.steps().size(); i++) {
            Funnel.Step step = funnel.steps().get(i);
            params.put("s" + i, step.sqlValue());
            stepSql.add(step.sql("s" + i));
        }
        FilterSql.Condition filter = funnel.filter().map(f -> FilterSql.of(f, c -> c.dimension().eventColumn(c.propKey())))
                .orElse(FilterSql.Condition.NONE);
        params.putAll(filter.params());
        params.put("site", funnel.siteId());
        params.put("from", Timestamp.from(funnel.range().from().atStartOfDay(zone).toInstant()));
        params.put("until", Timestamp.from(funnel.range().to().plusDays(1).atStartOfDay(zone).toInstant()));
        long window = funnel.window().toMillis();
        long[] reached = new long[funnel.steps().size() + 1];
        readOnly.executeWithoutResult(status -> {
            String[] visitor = {null};
            List<Hit> hits = new ArrayList<>();
            jdbc.sql(EVENTS.formatted(String.join(" OR ", stepSql), filter.sql())).params(params).withFetchSize(FETCH)
                    .query(rs -> {
                        String current = rs.getString(1);
                        if (!current.equals(visitor[0])) {
                            reached[furthest(hits, funnel.steps().size(), window)]++;
                            hits.clear();
                            visitor[0] = current;
                        }
                        hits.add(new Hit(rs.getTimestamp(2).getTime(), steps(funnel, rs.getString(3), rs.getString(4))));
                    });
            reached[furthest(hits, funnel.steps().size(), window)]++;
        });
        return answer(funnel, reached);
    }

    /** How many steps, in order and within the window from the first, a visitor's time-sorted events reached. */
    static int furthest(List<Hit> hits, int steps, long window) {
        int best = 0;
        for (int start = 0; start < hits.size() && best < steps; start++) {
            if ((hits.get(start).steps() & 1) == 0) {
                continue;
            }
            long closes = hits.get(start).at() + window;
            int level = 1;
            for (int i = start + 1; i < hits.size() && level < steps && hits.get(i).at() <= closes; i++) {
                if ((hits.get(i).steps() & (1 << level)) != 0) {
                    level++;
                }
            }
            best = Math.max(best, level);
        }
        return best;
    }

    private static int steps(Funnel funnel, String eventType, String path) {
        int bits = 0;
        for (int i = 0; i < funnel.steps().size(); i++) {
            if (funnel.steps().get(i).matches(eventType, path)) {
                bits |= 1 << i;
            }
        }
        return bits;
    }

    /** Visitors who reached step k are those whose furthest step is k or later. */
    private static FunnelAnswer answer(Funnel funnel, long[] reached) {
        int n = funnel.steps().size();
        long[] atLeast = new long[n + 1];
        for (int k = n; k >= 1; k--) {
            atLeast[k] = reached[k] + (k < n ? atLeast[k + 1] : 0);
        }
        List<StepResult> results = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            long before = k == 1 ? atLeast[1] : atLeast[k - 1];
            results.add(new StepResult(k, funnel.steps().get(k - 1).label(), atLeast[k], percent(atLeast[k], atLeast[1]),
                    before - atLeast[k], percent(before - atLeast[k], before)));
        }
        return new FunnelAnswer(results, new Meta(ReportAnswer.Range.of(funnel.range()), funnel.window().toSeconds()));
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0.0 : Math.round(10_000.0 * part / whole) / 100.0;
    }

}
