package tally.common.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of every 4xx and 5xx answer: what went wrong ({@code error}), which input it was
 * about ({@code field}, absent when it is about the request as a whole) and why ({@code reason}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String field, String reason) {

    public static ApiError of(String error, String reason) {
        return new ApiError(error, null, reason);
    }
}
