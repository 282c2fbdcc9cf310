package tally.ingest.queue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tally.common.http.ServiceUnavailableException;
import tally.ingest.IngestProperties;
import tally.ingest.pipeline.Event;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Puts accepted events into events_queue with group commits: every request hands its events
 * to this writer, a writer thread takes everything waiting (up to maxEventsPerCommit), writes
 * it with one COPY, which is one transaction and one WAL flush, and then completes every
 * request in the group. Under load a commit carries hundreds of requests, so the cost of the
 * fsync is shared and throughput grows with concurrency instead of being capped by it; when
 * idle a lone request commits at once, with no timer to wait for.
 *
 * <p>Two writer threads by default: while one waits for PostgreSQL to flush, the other gathers
 * the next group. Memory is bounded by two semaphores, one counting the events waiting and one
 * their estimated bytes (async mode answers before the write, so nothing else holds them back):
 * when either is exhausted (the database is slower than the traffic) new requests get a 503 at
 * once rather than a growing queue and a late timeout.
 *
 * <p>{@link #submit} is thread-safe. On stop, the writers drain everything already submitted,
 * so in async mode nothing acknowledged is dropped by a clean shutdown.
 */
@Component
public class GroupCommitWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);
    /** How often an idle writer checks whether it should stop. */
    private static final long IDLE_POLL_MILLIS = 100;
    /** Seconds a client should wait before retrying when the buffer is full: about one slow commit. */
    private static final int FULL_RETRY_AFTER_SECONDS = 1;

    private final DataSource dataSource;
    private final int maxEventsPerCommit;
    private final int maxPendingEvents;
    private final int writerCount;
    private final Semaphore capacity;
    private final Semaphore capacityBytes;
    private final LinkedBlockingQueue<Submission> pending = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private final Timer commitTime;
    private final DistributionSummary eventsPerCommit;
    private final Counter commitFailures;
    private volatile boolean running;

    public GroupCommitWriter(DataSource dataSource, IngestProperties properties, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.maxEventsPerCommit = properties.maxEventsPerCommit();
        this.maxPendingEvents = properties.maxPendingEvents();
        this.writerCount = properties.writers();
        this.capacity = new Semaphore(maxPendingEvents);
        this.capacityBytes = new Semaphore((int) Math.min(Integer.MAX_VALUE, properties.maxPendingBytes().toBytes()));
        this.commitTime = Timer.builder("tally.ingest.commit").description("time to COPY and commit one group").register(meters);
        this.eventsPerCommit = DistributionSummary.builder("tally.ingest.commit.events").description("events per group commit").register(meters);
        this.commitFailures = Counter.builder("tally.ingest.commit.failures").description("group commits that failed").register(meters);
        meters.gauge("tally.ingest.pending.events", capacity, c -> maxPendingEvents - c.availablePermits());
    }

    /**
     * Queues {@code events} for the next group commit. The returned submission's future
     * completes when they are committed, or exceptionally if the commit failed.
     *
     * @throws ServiceUnavailableException if the service is stopping or the buffer is full
     */
    public Submission submit(List<Event> events) {
        if (!running) {
            throw new ServiceUnavailableException("the ingest service is shutting down", FULL_RETRY_AFTER_SECONDS, null);
        }
        if (!capacity.tryAcquire(events.size())) {
            throw new ServiceUnavailableException("the ingest buffer is full (" + (maxPendingEvents - capacity.availablePermits())
                    + " of " + maxPendingEvents + " events waiting for a commit); the database is behind", FULL_RETRY_AFTER_SECONDS, null);
        }
        Submission submission = new Submission(events);
        if (!capacityBytes.tryAcquire(submission.bytes)) {
            capacity.release(events.size());
            throw new ServiceUnavailableException("the ingest buffer is full (" + submission.bytes
                    + " more bytes do not fit in what waits for a commit); the database is behind", FULL_RETRY_AFTER_SECONDS, null);
        }
        pending.add(submission);
        return submission;
    }

    private void writeLoop() {
        List<Submission> group = new ArrayList<>();
        List<Event> rows = new ArrayList<>();
        while (running || !pending.isEmpty()) {
            try {
                Submission first = pending.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                gather(first, group, rows);
                if (!group.isEmpty()) {
                    commit(group, rows);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                group.clear();
                rows.clear();
            }
        }
    }

    /** Takes {@code first} and whatever else is waiting, up to maxEventsPerCommit, skipping abandoned ones. */
    private void gather(Submission first, List<Submission> group, List<Event> rows) {
        Submission next = first;
        while (next != null) {
            if (next.claimForWrite()) {
                group.add(next);
                rows.addAll(next.events);
            } else {
                release(next);
            }
            if (rows.size() >= maxEventsPerCommit) {
                return;
            }
            next = pending.poll();
        }
    }

    private void commit(List<Submission> group, List<Event> rows) {
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(CopyRows.COPY_SQL, new ByteArrayInputStream(CopyRows.encode(rows)));
            commitTime.record(Duration.ofNanos(System.nanoTime() - started));
            eventsPerCommit.record(rows.size());
            for (Submission s : group) {
                s.committed.complete(null);
            }
        } catch (Throwable e) {
            // Errors too (an OutOfMemoryError): no request may wait for a group that will never commit.
            commitFailures.increment();
            log.warn("group commit of {} events from {} requests failed: {}", rows.size(), group.size(), e.getMessage());
            for (Submission s : group) {
                s.committed.completeExceptionally(e);
            }
        } finally {
            for (Submission s : group) {
                release(s);
            }
        }
    }

    private void release(Submission s) {
        capacity.release(s.events.size());
        capacityBytes.release(s.bytes);
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < writerCount; i++) {
            Thread writer = Thread.ofPlatform().name("tally-queue-writer-" + i).start(this::writeLoop);
            writers.add(writer);
        }
    }

    /** Stops taking submissions and returns once the writers have committed all that was queued. */
    @Override
    public void stop() {
        running = false;
        for (Thread writer : writers) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        writers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before and stops after the web server, so no request finds the writer gone. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
