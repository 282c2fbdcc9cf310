package tally.common.http;

import org.springframework.http.HttpStatus;

/** 401: a missing or wrong API key. */
public final class UnauthorizedException extends ApiException {

    public UnauthorizedException(String reason) {
        super(reason, "apikey");
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.UNAUTHORIZED;
    }
}
