package tally.common.http;

import org.springframework.http.HttpStatus;

/** 415: a body in a content type Tally does not read. */
public final class UnsupportedMediaTypeException extends ApiException {

    public UnsupportedMediaTypeException(String reason) {
        super(reason, "Content-Type");
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    }
}
