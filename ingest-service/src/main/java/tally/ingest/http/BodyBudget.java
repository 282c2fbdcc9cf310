package tally.ingest.http;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import tally.common.http.ServiceUnavailableException;
import tally.ingest.IngestProperties;

import java.util.concurrent.Semaphore;

/**
 * Bounds the request bytes held in memory across all requests at once. Requests run on virtual
 * threads, so nothing else limits how many bodies are read and parsed together; without this
 * a burst of large batches could exhaust the heap. A request that does not fit gets a 503 with
 * Retry-After at once. A body of unknown length (chunked) reserves the whole size limit.
 *
 * <p>This class is thread-safe.
 */
@Component
class BodyBudget {

    /** Seconds to wait: the requests holding the budget finish in milliseconds. */
    private static final int RETRY_AFTER_SECONDS = 1;

    private final Semaphore bytes;
    private final int total;
    private final long maxBody;

    BodyBudget(IngestProperties properties, MeterRegistry meters) {
        this.total = (int) Math.min(Integer.MAX_VALUE, properties.maxInflightBodySize().toBytes());
        this.maxBody = properties.maxBodySize().toBytes();
        this.bytes = new Semaphore(total);
        Gauge.builder("tally.ingest.inflight.bytes", bytes, b -> total - b.availablePermits())
                .description("request body bytes reserved by requests in progress").register(meters);
    }

    /** A share of the budget for one request body; close it when the request is done. */
    Lease reserve(long declaredLength) {
        int wanted = (int) Math.min(total, declaredLength > 0 ? Math.min(declaredLength, maxBody) : maxBody);
        if (!bytes.tryAcquire(wanted)) {
            throw new ServiceUnavailableException("too many request bytes in flight (" + (total - bytes.availablePermits())
                    + " of " + total + "); retry shortly", RETRY_AFTER_SECONDS, null);
        }
        return new Lease(wanted);
    }

    /** Returned when the request is done with its body. */
    final class Lease implements AutoCloseable {
        private final int amount;

        private Lease(int amount) {
            this.amount = amount;
        }

        @Override
        public void close() {
            bytes.release(amount);
        }
    }
}
