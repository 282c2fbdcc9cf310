package tally.processor.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tally.testing.TestDatabase;
import tally.testing.TestDatabases;
import tally.testing.TestHttp;
import tally.testing.TestHttp.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/** Every wrong request to the processor is a 4xx JSON error, and processes nothing. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tally.keys.secret-key=test-secret", "tally.processor.scheduled=false"})
class HostileRequestsTest {

    static final TestDatabase DB = TestDatabases.fresh();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DB::url);
    }

    @LocalServerPort
    int port;

    @ParameterizedTest(name = "{0} {1} [{2}: {3}] -> {4}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            POST | /functions/v1/process-events       | apikey        | ' OR 1=1 --            | 401
            POST | /functions/v1/process-events       | Authorization | Bearer                 | 401
            POST | /functions/v1/process-events       | Authorization | Basic dGVzdC1zZWNyZXQ= | 401
            POST | /functions/v1/process-events       | X-Other       | test-secret            | 401
            GET  | /functions/v1/process-events       | apikey        | test-secret            | 405
            POST | /functions/v1/../../etc/passwd     | apikey        | test-secret            | 404
            POST | /functions/v1/process-events%00    | apikey        | test-secret            | 400
            GET  | /nothing-here                      | apikey        | test-secret            | 404
            """)
    void answersWithAJsonError(String method, String path, String header, String value, int status) {
        DB.execute("INSERT INTO events_queue (site_id, event_type, path, user_id, occurred_at) VALUES ('s', 'v', '/', 'u', now())");
        Reply reply = TestHttp.at(port).method(method, path, header, value);
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.json().get("error").stringValue()).isNotBlank();
        assertThat(DB.count("SELECT count(*) FROM events")).isZero();
    }
}
