package tally.ingest.queue;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tally.common.http.ServiceUnavailableException;
import tally.ingest.IngestProperties;

/**
 * Backpressure from the processor: while events_queue holds fewer events than the bound, the
 * ingest service accepts as fast as it can commit, and the growing depth shows in the metrics
 * ({@code tally.ingest.queue.depth}); past the bound it answers 503 with Retry-After, so a
 * processor that has stopped or fallen far behind cannot let the queue fill the disk.
 *
 * <p>The depth is sampled every half second from the queue's id range (max - min + 1, two
 * index lookups however long the queue), an upper bound since the processor drains in id order;
 * when that range passes the bound, the rows are counted (up to the bound) to be sure.
 * Between samples the bound can be overshot by what arrives in half a second, which is why it
 * is a bound on disk use and not an exact count. {@link #check} is thread-safe.
 */
@Component
public class QueueBound {

    private static final Logger log = LoggerFactory.getLogger(QueueBound.class);
    /** Seconds to wait when the queue is full: draining millions of events takes a while. */
    private static final int FULL_RETRY_AFTER_SECONDS = 5;

    static final String QUEUE_SPAN = "SELECT coalesce(max(id) - min(id) + 1, 0) FROM events_queue";
    /** Counts rows, but stops one past the bound: exact below it, cheap above it. */
    static final String CAPPED_COUNT = "SELECT count(*) FROM (SELECT 1 FROM events_queue LIMIT ?) AS q";

    private final JdbcClient jdbc;
    private final long maxDepth;
    private volatile long depth;

    public QueueBound(JdbcClient jdbc, IngestProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.maxDepth = properties.maxQueueDepth();
        Gauge.builder("tally.ingest.queue.depth", this, b -> b.depth)
                .description("events in events_queue, as last sampled by this ingest instance").register(meters);
    }

    @Scheduled(fixedDelayString = "${tally.ingest.queue-check-interval:500ms}")
    void sample() {
        try {
            long span = jdbc.sql(QUEUE_SPAN).query(Long.class).single();
            // An old row left behind (held by a stuck batch) widens the span without the queue
            // being deep; only then is it worth counting.
            depth = span <= maxDepth ? span : jdbc.sql(CAPPED_COUNT).param(maxDepth + 1).query(Long.class).single();
        } catch (DataAccessException e) {
            log.debug("queue depth not sampled: {}", e.getMostSpecificCause().getMessage());
        }
    }

    /** Throws a 503 if accepting {@code events} more would pass the bound. */
    void check(int events) {
        long now = depth;
        if (now + events > maxDepth) {
            throw new ServiceUnavailableException("events_queue holds about " + now + " events, over the bound of " + maxDepth
                    + "; the processor is behind", FULL_RETRY_AFTER_SECONDS, null);
        }
    }
}
