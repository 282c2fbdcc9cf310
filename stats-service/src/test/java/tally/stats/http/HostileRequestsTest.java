package tally.stats.http;

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

/** Every wrong request to the stats service is a 4xx JSON error. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tally.keys.secret-key=test-secret"})
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
            GET  | /functions/v1/get-stats?site_id=s        | apikey        | ' OR 1=1 --            | 401
            GET  | /functions/v1/get-stats?site_id=s        | Authorization | Bearer                 | 401
            GET  | /api/v1/status                           | apikey        | ../../etc/passwd       | 401
            POST | /functions/v1/get-stats?site_id=s        | apikey        | test-secret            | 405
            GET  | /functions/v1/get-stats?site_id=s&date=0 | apikey        | test-secret            | 400
            GET  | /functions/v1/get-stats?site_id=%00      | apikey        | test-secret            | 400
            GET  | /functions/v1/../../etc/passwd           | apikey        | test-secret            | 404
            GET  | /nothing-here                            | apikey        | test-secret            | 404
            """)
    void answersWithAJsonError(String method, String path, String header, String value, int status) {
        Reply reply = TestHttp.at(port).method(method, path, header, value);
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.json().get("error").stringValue()).isNotBlank();
    }
}
