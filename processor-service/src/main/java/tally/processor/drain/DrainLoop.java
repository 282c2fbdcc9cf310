package tally.processor.drain;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import tally.processor.ProcessorProperties;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Drains the queue continuously: batch after batch while batches come back full, then a pause
 * of pollInterval, so events reach the reports within about that pause when traffic is light
 * and at full speed when it is not. A database outage is logged and retried at the next tick.
 * On shutdown it finishes the batch it is in and stops.
 */
@Component
class DrainLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DrainLoop.class);

    private final BatchProcessor processor;
    private final boolean scheduled;
    /** Held while a batch runs, so stop() can wait for it to commit before connections close. */
    private final ReentrantLock inBatch = new ReentrantLock();
    private volatile boolean running;

    DrainLoop(BatchProcessor processor, ProcessorProperties properties) {
        this.processor = processor;
        this.scheduled = properties.scheduled();
    }

    @Scheduled(fixedDelayString = "${tally.processor.poll-interval:200ms}")
    void drain() {
        if (!scheduled) {
            return;
        }
        inBatch.lock();
        try {
            while (running && processor.processOne().drained() == processor.batchSize()) {
                // a full batch means more is waiting: go on without a pause
            }
        } catch (DataAccessException | TransactionException e) {
            log.warn("draining paused, will retry: {}", e.getMostSpecificCause().getMessage());
        } finally {
            inBatch.unlock();
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /** Returns once the batch in progress, if any, has committed or rolled back. */
    @Override
    public void stop() {
        running = false;
        inBatch.lock();
        inBatch.unlock();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
