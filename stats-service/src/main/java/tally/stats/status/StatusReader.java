package tally.stats.status;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the pipeline's state from PostgreSQL, the one place every instance writes to: the
 * queue's depth and its oldest row, and the counters each ingest and processor instance
 * publishes. The processing rate is the change of the processors' drained total over the last
 * minute, from samples taken every few seconds. The queue depth and lag are also Prometheus
 * gauges ({@code tally.queue.depth}, {@code tally.queue.lag.seconds}).
 *
 * <p>{@link #read()} is thread-safe.
 */
@Component
public class StatusReader {

    /** The window the processing rate is averaged over. */
    private static final Duration RATE_WINDOW = Duration.ofMinutes(1);
    static final String DRAINED = "tally.processor.drained";

    static final String QUEUE_DEPTH = "SELECT count(*) FROM events_queue";
    static final String OLDEST_QUEUED = "SELECT received_at FROM events_queue ORDER BY id LIMIT 1";
    static final String EVENTS_STORED = "SELECT coalesce(sum(events), 0) FROM rollup_daily_events";
    static final String COUNTERS = "SELECT name, sum(value) FROM service_counters GROUP BY name ORDER BY name";

    private record Sample(Instant at, long drained) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private volatile PipelineStatus last;

    public StatusReader(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        Gauge.builder("tally.queue.depth", this, r -> r.last == null ? Double.NaN : r.last.queueDepth())
                .description("events acknowledged and not yet processed").register(meters);
        Gauge.builder("tally.queue.lag.seconds", this, r -> r.last == null ? Double.NaN : r.last.oldestQueuedAgeSeconds())
                .description("age of the oldest queued event").register(meters);
    }

    /** The status now. */
    public PipelineStatus read() {
        Instant now = clock.instant();
        long depth = jdbc.sql(QUEUE_DEPTH).query(Long.class).single();
        double lag = jdbc.sql(OLDEST_QUEUED).query(java.sql.Timestamp.class).optional()
                .map(t -> Math.max(0, Duration.between(t.toInstant(), now).toMillis() / 1000.0)).orElse(0.0);
        long stored = jdbc.sql(EVENTS_STORED).query(Long.class).single();
        Map<String, Long> counters = new LinkedHashMap<>();
        jdbc.sql(COUNTERS).query(rs -> {
            counters.put(rs.getString(1), rs.getLong(2));
        });
        PipelineStatus status = new PipelineStatus(depth, lag, rate(now, counters.getOrDefault(DRAINED, 0L)), stored, counters, now);
        last = status;
        return status;
    }

    /** Keeps the gauges and the rate's samples current even when nobody asks for the status. */
    @Scheduled(fixedDelayString = "${tally.stats.status-interval:5s}")
    void sample() {
        try {
            read();
        } catch (org.springframework.dao.DataAccessException e) {
            // the database is down: the status endpoint says so with a 503 when asked
        }
    }

    private synchronized double rate(Instant now, long drained) {
        samples.addLast(new Sample(now, drained));
        while (samples.size() > 2 && Duration.between(samples.getFirst().at(), now).compareTo(RATE_WINDOW) > 0) {
            samples.removeFirst();
        }
        Sample first = samples.getFirst();
        double seconds = Duration.between(first.at(), now).toMillis() / 1000.0;
        return seconds <= 0 ? 0 : Math.max(0, drained - first.drained()) / seconds;
    }
}
