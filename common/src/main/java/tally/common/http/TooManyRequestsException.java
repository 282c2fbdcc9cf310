package tally.common.http;

import org.springframework.http.HttpStatus;

/** 429 with Retry-After: a client or a site is over its configured rate. */
public final class TooManyRequestsException extends ApiException {

    private final int retryAfterSeconds;

    public TooManyRequestsException(String field, String reason, int retryAfterSeconds) {
        super(reason, field);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.TOO_MANY_REQUESTS;
    }
}
