package tally.common.http;

import org.springframework.http.HttpStatus;

/** A failure with its HTTP status and the JSON error a client gets; see the subtypes, one per status. */
public abstract sealed class ApiException extends RuntimeException
        permits BadRequestException, UnauthorizedException, PayloadTooLargeException,
        UnsupportedMediaTypeException, ServiceUnavailableException, TooManyRequestsException {

    private final String field;

    protected ApiException(String reason, String field) {
        super(reason);
        this.field = field;
    }

    public abstract HttpStatus status();

    public ApiError toError() {
        return new ApiError(status().getReasonPhrase().toLowerCase().replace(' ', '_'), field, getMessage());
    }
}
