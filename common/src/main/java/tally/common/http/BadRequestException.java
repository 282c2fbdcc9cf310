package tally.common.http;

import org.springframework.http.HttpStatus;

/** 400: input that Tally refuses, naming the field and the reason. */
public final class BadRequestException extends ApiException {

    public BadRequestException(String field, String reason) {
        super(reason, field);
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.BAD_REQUEST;
    }
}
