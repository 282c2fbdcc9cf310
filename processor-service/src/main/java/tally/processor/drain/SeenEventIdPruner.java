package tally.processor.drain;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tally.processor.ProcessorProperties;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

/**
 * Forgets event_ids older than the dedup window, in small chunks so no long transaction
 * competes with the batches. Any processor instance may do it; the work is idempotent.
 */
@Component
class SeenEventIdPruner {

    private static final Logger log = LoggerFactory.getLogger(SeenEventIdPruner.class);
    /** Rows per delete: small enough to keep each transaction short. */
    private static final int CHUNK = 10_000;

    static final String DELETE_EXPIRED = """
            DELETE FROM seen_event_ids WHERE ctid IN (
                SELECT ctid FROM seen_event_ids WHERE seen_at < ? LIMIT ?)""";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration window;

    SeenEventIdPruner(JdbcClient jdbc, Clock clock, ProcessorProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.window = properties.dedupWindow();
    }

    @Scheduled(fixedDelayString = "${tally.processor.prune-interval:10m}", initialDelayString = "${tally.processor.prune-interval:10m}")
    void prune() {
        try {
            Timestamp cutoff = Timestamp.from(clock.instant().minus(window));
            int deleted;
            do {
                deleted = jdbc.sql(DELETE_EXPIRED).params(cutoff, CHUNK).update();
            } while (deleted == CHUNK);
        } catch (DataAccessException e) {
            log.warn("pruning seen event ids failed, will retry: {}", e.getMostSpecificCause().getMessage());
        }
    }
}
