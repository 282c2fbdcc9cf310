package tally.ingest.queue;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tally.testing.TestHttp;
import tally.testing.TestHttp.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/** With no database to commit to, an event gets a 503 with Retry-After, never a 202. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tally.keys.secret-key=test-secret",
        // Port 9 (discard) on loopback: nothing listens, so every connection is refused.
        "spring.datasource.url=jdbc:postgresql://127.0.0.1:9/tally",
        "tally.ingest.commit-timeout=3s"})
class DatabaseDownTest {

    @LocalServerPort
    int port;

    @Test
    void unreachableDatabaseIs503WithRetryAfter() {
        TestHttp http = TestHttp.at(port);
        for (int i = 0; i < 3; i++) {
            Reply reply = http.postJson("/functions/v1/ingest-event", "{\"site_id\":\"s\",\"event_type\":\"v\"}");
            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.header("Retry-After")).isNotNull();
            assertThat(reply.json().get("error").stringValue()).isEqualTo("service_unavailable");
            assertThat(reply.json().get("reason").stringValue()).contains("database");
        }
    }
}
