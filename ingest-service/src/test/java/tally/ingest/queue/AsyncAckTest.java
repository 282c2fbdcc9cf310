package tally.ingest.queue;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tally.testing.Await;
import tally.testing.TestDatabase;
import tally.testing.TestDatabases;
import tally.testing.TestHttp;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The seed's literal mode: 202 first, the write right after. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tally.keys.secret-key=test-secret", "tally.ingest.ack=async"})
class AsyncAckTest {

    static final TestDatabase DB = TestDatabases.fresh();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DB::url);
    }

    @LocalServerPort
    int port;

    @Test
    void acknowledgesAndThenWrites() {
        TestHttp http = TestHttp.at(port);
        for (int i = 0; i < 20; i++) {
            assertThat(http.postJson("/functions/v1/ingest-event", "{\"site_id\":\"fast\",\"event_type\":\"v\"}").status()).isEqualTo(202);
        }
        Await.until("20 async events in the queue", Duration.ofSeconds(10),
                () -> DB.count("SELECT count(*) FROM events_queue WHERE site_id = 'fast'") == 20);
    }
}
