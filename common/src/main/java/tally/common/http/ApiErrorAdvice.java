package tally.common.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedRuntimeException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.sql.SQLException;
import java.util.Set;

/**
 * The one place where failures become HTTP statuses. Every answer is an {@link ApiError}: a
 * client never sees a stack trace or an HTML page. A database that cannot answer now (down,
 * restarting, out of connections or resources, a lock or serialization conflict) is a 503 with
 * Retry-After, because it is the database's state and not the request's fault; a statement the
 * database rejects as malformed is Tally's bug, a 500 logged with its cause, since retrying it
 * would fail the same way.
 */
@RestControllerAdvice
public class ApiErrorAdvice {

    /** How long clients should wait before retrying when the database is unreachable. */
    static final int DATABASE_RETRY_AFTER_SECONDS = 2;

    private static final Logger log = LoggerFactory.getLogger(ApiErrorAdvice.class);

    @ExceptionHandler(ApiException.class)
    public ResponseEntity<ApiError> api(ApiException e) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status());
        switch (e) {
            case ServiceUnavailableException unavailable ->
                    answer.header(HttpHeaders.RETRY_AFTER, Integer.toString(unavailable.retryAfterSeconds()));
            case TooManyRequestsException tooMany ->
                    answer.header(HttpHeaders.RETRY_AFTER, Integer.toString(tooMany.retryAfterSeconds()));
            default -> { }
        }
        return answer.body(e.toError());
    }

    /** PostgreSQL's SQLSTATE for a regular expression it cannot compile. */
    static final String INVALID_REGULAR_EXPRESSION = "2201B";

    /**
     * The SQLSTATE classes of a statement that is wrong whatever the database's state: data
     * exceptions (22), integrity violations (23), syntax errors and undefined objects (42), and
     * features PostgreSQL does not support (0A).
     */
    static final Set<String> MALFORMED_STATEMENT_CLASSES = Set.of("22", "23", "42", "0A");

    /**
     * A database failure is a 503, but for two kinds of statement that fail wherever they run:
     * a filter's regular expression that Java's syntax accepts and PostgreSQL's does not (a named
     * group, a possessive quantifier), the request's fault and so a 400 (filters are the only
     * regular expressions a request can send); and a malformed statement, Tally's own, a 500.
     */
    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    public ResponseEntity<ApiError> database(NestedRuntimeException e) {
        String state = e.getMostSpecificCause() instanceof SQLException sql ? sql.getSQLState() : null;
        if (INVALID_REGULAR_EXPRESSION.equals(state)) {
            return api(new BadRequestException("filters",
                    "has a regular expression PostgreSQL cannot use: " + e.getMostSpecificCause().getMessage()));
        }
        if (state != null && state.length() == 5 && MALFORMED_STATEMENT_CLASSES.contains(state.substring(0, 2))) {
            return unexpected(e);
        }
        log.warn("database unavailable: {}", e.getMostSpecificCause().getMessage());
        return api(new ServiceUnavailableException("the database is unavailable; retry later",
                DATABASE_RETRY_AFTER_SECONDS, e));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    public ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
        return api(new BadRequestException(e.getParameterName(), "is required"));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    public ResponseEntity<ApiError> missingHeader(MissingRequestHeaderException e) {
        return api(new BadRequestException(e.getHeaderName(), "header is required"));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ResponseEntity<ApiError> badParameter(MethodArgumentTypeMismatchException e) {
        return api(new BadRequestException(e.getName(), "is not a valid value"));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        return api(new BadRequestException(null, "body is not valid JSON"));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    public ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        return api(new UnsupportedMediaTypeException("send application/json"));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    public ResponseEntity<ApiError> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE).contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .body(new ApiError("not_acceptable", "Accept", "answers are application/json"));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
        HttpHeaders headers = new HttpHeaders();
        if (e.getSupportedHttpMethods() != null) {
            headers.setAllow(e.getSupportedHttpMethods());
        }
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).headers(headers)
                .body(ApiError.of("method_not_allowed", e.getMethod() + " is not supported here"));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    public ResponseEntity<ApiError> notFound(NoResourceFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(ApiError.of("not_found", "no such endpoint: /" + e.getResourcePath()));
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ApiError> unexpected(Exception e) {
        log.error("unexpected failure", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(ApiError.of("internal_error", "an unexpected error occurred; it has been logged"));
    }
}
