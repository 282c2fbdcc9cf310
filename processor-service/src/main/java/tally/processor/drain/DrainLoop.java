package tally.processor.drain;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tally.processor.ProcessorProperties;

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
        try {
            while (running && processor.processOne().drained() == processor.batchSize()) {
                // a full batch means more is waiting: go on without a pause
            }
        } catch (DataAccessException e) {
            log.warn("draining paused, will retry: {}", e.getMostSpecificCause().getMessage());
        }
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
