package tally.common.http;

import org.springframework.http.HttpStatus;

/** 413: a body over the documented limit, refused without reading it whole. */
public final class PayloadTooLargeException extends ApiException {

    public PayloadTooLargeException(long limitBytes) {
        super("body is larger than the limit of " + limitBytes + " bytes", null);
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.CONTENT_TOO_LARGE;
    }
}
