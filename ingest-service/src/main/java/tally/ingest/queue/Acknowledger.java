package tally.ingest.queue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tally.common.http.ServiceUnavailableException;
import tally.ingest.IngestProperties;
import tally.ingest.IngestProperties.AckMode;
import tally.ingest.pipeline.Event;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Decides when a request may answer 202. Durable (the default): only once its events are
 * committed; if the commit fails, or does not come within commitTimeout, the request answers
 * 503 and its events are not written (see {@link Submission}). Async (the seed's behaviour):
 * at once, with the write still to come; failures are then only counted and logged, because
 * the client has gone: {@code tally.ingest.async.lost} is what a 202 did not keep.
 *
 * <p>This class is thread-safe.
 */
@Component
public class Acknowledger {

    private static final Logger log = LoggerFactory.getLogger(Acknowledger.class);
    /** Seconds a client should wait after a failed commit: long enough for a database restart to be noticed. */
    private static final int FAILED_RETRY_AFTER_SECONDS = 2;
    /**
     * How long to wait for a commit already under way when the request's own wait is over; a
     * commit in flight cannot be taken back, so the answer must wait for its outcome. Bounded by
     * the JDBC socket timeout, which ends any statement stuck on a dead connection.
     */
    private static final Duration IN_FLIGHT_WAIT = Duration.ofSeconds(30);

    private final GroupCommitWriter writer;
    private final QueueBound queueBound;
    private final AckMode mode;
    private final Duration commitTimeout;
    private final Counter asyncLost;

    public Acknowledger(GroupCommitWriter writer, QueueBound queueBound, IngestProperties properties, MeterRegistry meters) {
        this.writer = writer;
        this.queueBound = queueBound;
        this.mode = properties.ack();
        this.commitTimeout = properties.commitTimeout();
        this.asyncLost = Counter.builder("tally.ingest.async.lost")
                .description("events acknowledged in async mode whose write then failed").register(meters);
    }

    /** Returns when {@code events} may be acknowledged; throws a 503 when they may not. */
    public void acknowledge(List<Event> events) {
        queueBound.check(events.size());
        Submission submission = writer.submit(events);
        if (mode == AckMode.ASYNC) {
            submission.committed.whenComplete((ok, failure) -> {
                if (failure != null) {
                    asyncLost.increment(events.size());
                    log.error("{} events acknowledged in async mode were not written: {}", events.size(), failure.getMessage());
                }
            });
            return;
        }
        try {
            submission.committed.get(commitTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (submission.abandon()) {
                throw new ServiceUnavailableException("the database did not commit within " + commitTimeout.toMillis()
                        + " ms; the events were not stored", FAILED_RETRY_AFTER_SECONDS, null);
            }
            awaitInFlight(submission);
        } catch (ExecutionException e) {
            throw failed(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (!submission.abandon()) {
                awaitInFlight(submission);
                return;
            }
            throw new ServiceUnavailableException("interrupted while waiting for the commit; the events were not stored",
                    FAILED_RETRY_AFTER_SECONDS, e);
        }
    }

    private static void awaitInFlight(Submission submission) {
        try {
            submission.committed.get(IN_FLIGHT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failed(e.getCause());
        } catch (TimeoutException | InterruptedException e) {
            throw new ServiceUnavailableException("the commit did not finish; retry with the same event_id to avoid a duplicate",
                    FAILED_RETRY_AFTER_SECONDS, e);
        }
    }

    /** The cause is logged by the writer; clients learn that it failed, not the database's internals. */
    private static ServiceUnavailableException failed(Throwable cause) {
        return new ServiceUnavailableException("the database could not store the events; retry later",
                FAILED_RETRY_AFTER_SECONDS, cause);
    }
}
