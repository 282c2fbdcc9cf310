package tally.common.http;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The statuses of database failures, from the exceptions PostgreSQL's driver and Spring raise. */
class ApiErrorAdviceTest {

    private final ApiErrorAdvice advice = new ApiErrorAdvice();

    /** What PostgreSQL's driver raises: an SQLException carrying the server's SQLSTATE. */
    private static SQLException postgres(String message, String state) {
        return new SQLException(message, state);
    }

    @Test
    void anUnreachableDatabaseIsA503WithRetryAfter() {
        ResponseEntity<ApiError> answer = advice.database(new CannotGetJdbcConnectionException("no connection",
                postgres("Connection refused", "08001")));

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
        assertThat(answer.getBody().reason()).contains("database is unavailable");
    }

    @Test
    void aServerShuttingDownOrALostTransactionIsA503() {
        assertThat(advice.database(new UncategorizedSQLException("report", "SELECT 1",
                postgres("terminating connection due to administrator command", "57P01"))).getStatusCode().value())
                .isEqualTo(503);
        assertThat(advice.database(new CannotCreateTransactionException("no connection")).getStatusCode().value())
                .isEqualTo(503);
    }

    @Test
    void aMalformedStatementIsA500ThatDoesNotAskForARetry() {
        ResponseEntity<ApiError> undefinedColumn = advice.database(new BadSqlGrammarException("report", "SELECT nope",
                postgres("column \"nope\" does not exist", "42703")));
        ResponseEntity<ApiError> badCast = advice.database(new UncategorizedSQLException("report", "SELECT 'x'::int",
                postgres("invalid input syntax for type integer", "22P02")));
        ResponseEntity<ApiError> violation = advice.database(new DataIntegrityViolationException("duplicate key",
                postgres("duplicate key value violates unique constraint", "23505")));

        for (ResponseEntity<ApiError> answer : List.of(undefinedColumn, badCast, violation)) {
            assertThat(answer.getStatusCode().value()).isEqualTo(500);
            assertThat(answer.getHeaders().containsHeader(HttpHeaders.RETRY_AFTER)).isFalse();
            assertThat(answer.getBody().error()).isEqualTo("internal_error");
        }
    }

    @Test
    void aRegularExpressionPostgresqlCannotCompileIsA400OnTheFilters() {
        ResponseEntity<ApiError> answer = advice.database(new UncategorizedSQLException("report", "SELECT ... ~ ?",
                postgres("invalid regular expression: quantifier operand invalid", "2201B")));

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody().field()).isEqualTo("filters");
        assertThat(answer.getBody().reason()).contains("regular expression");
    }
}
