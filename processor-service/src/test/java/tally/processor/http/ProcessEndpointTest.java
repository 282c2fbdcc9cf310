package tally.processor.http;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tally.testing.TestDatabase;
import tally.testing.TestDatabases;
import tally.testing.TestHttp;
import tally.testing.TestHttp.Reply;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tally.keys.secret-key=test-secret", "tally.keys.public-key=test-public", "tally.processor.scheduled=false"})
class ProcessEndpointTest {

    static final TestDatabase DB = TestDatabases.fresh();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DB::url);
    }

    @LocalServerPort
    int port;

    @Test
    void processesWhatIsQueuedAndAnswersTheSeedsBody() {
        DB.execute("""
                INSERT INTO events_queue (site_id, event_type, path, user_id, occurred_at)
                SELECT 's', 'page_view', '/', 'u' || i, timestamptz '2026-03-01 00:00:00+00' + (i % 3) * interval '1 day'
                FROM generate_series(1, 1450) AS i""");

        Reply reply = TestHttp.at(port).post("/functions/v1/process-events", null, "", "apikey", "test-secret");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("success").booleanValue()).isTrue();
        assertThat(reply.json().get("processed").longValue()).isEqualTo(1450);
        assertThat(reply.json().get("aggregated_days").intValue()).isEqualTo(3);
        assertThat(DB.count("SELECT count(*) FROM events_queue")).isZero();
    }

    @Test
    void needsTheSecretKey() {
        TestHttp http = TestHttp.at(port);
        Reply none = http.post("/functions/v1/process-events", null, "");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("error").stringValue()).isEqualTo("unauthorized");
        assertThat(http.post("/functions/v1/process-events", null, "", "apikey", "test-public").status()).isEqualTo(401);
        assertThat(http.post("/functions/v1/process-events", null, "", "Authorization", "Bearer wrong").status()).isEqualTo(401);
    }
}
