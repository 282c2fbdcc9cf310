package tally.common.http;

import org.springframework.http.HttpStatus;

/**
 * 503 with Retry-After: Tally cannot keep or answer this now (database down or slow, queue or
 * writer full) and says so rather than acknowledging what it has not kept.
 */
public final class ServiceUnavailableException extends ApiException {

    private final int retryAfterSeconds;

    public ServiceUnavailableException(String reason, int retryAfterSeconds, Throwable cause) {
        super(reason, null);
        this.retryAfterSeconds = retryAfterSeconds;
        if (cause != null) {
            initCause(cause);
        }
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.SERVICE_UNAVAILABLE;
    }
}
