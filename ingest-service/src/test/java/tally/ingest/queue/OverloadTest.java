package tally.ingest.queue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tally.testing.Await;
import tally.testing.TestDatabase;
import tally.testing.TestDatabases;
import tally.testing.TestHttp;
import tally.testing.TestHttp.Reply;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;

import static org.assertj.core.api.Assertions.assertThat;

/** When Tally cannot keep up it says so at once, with 503 and Retry-After, and accepts again when it can. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tally.keys.secret-key=test-secret",
        "tally.ingest.max-queue-depth=100",
        "tally.ingest.queue-check-interval=20ms",
        "tally.ingest.max-pending-events=50",
        "tally.ingest.max-pending-bytes=2KB",
        "tally.ingest.max-inflight-body-size=4KB",
        "tally.ingest.max-body-size=4KB",
        // The slow client below must hold its connection for as long as the test needs it.
        "server.tomcat.connection-timeout=30s"})
class OverloadTest {

    static final TestDatabase DB = TestDatabases.fresh();
    static final String EVENT = "{\"site_id\":\"s\",\"event_type\":\"v\"}";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DB::url);
    }

    @LocalServerPort
    int port;
    TestHttp http;

    @BeforeEach
    void setUp() {
        http = TestHttp.at(port);
        DB.execute("TRUNCATE events_queue");
    }

    @Test
    void queuePastItsBoundIs503UntilTheProcessorCatchesUp() {
        DB.execute("""
                INSERT INTO events_queue (site_id, event_type, path, user_id, occurred_at)
                SELECT 'backlog', 'v', '/', 'u', now() FROM generate_series(1, 150)""");
        Await.until("the ingest service to see the backlog", Duration.ofSeconds(10),
                () -> http.postJson("/functions/v1/ingest-event", EVENT).status() == 503);

        Reply full = http.postJson("/functions/v1/ingest-event", EVENT);
        assertThat(full.status()).isEqualTo(503);
        assertThat(full.header("Retry-After")).isEqualTo("5");
        assertThat(full.json().get("reason").stringValue()).contains("over the bound of 100").contains("processor is behind");

        DB.execute("DELETE FROM events_queue WHERE site_id = 'backlog'");
        Await.until("ingestion to resume", Duration.ofSeconds(10),
                () -> http.postJson("/functions/v1/ingest-event", EVENT).status() == 202);
    }

    @Test
    void moreEventsThanTheWriterBufferIs503AtOnce() {
        String batch = "[" + String.join(",", Collections.nCopies(51, EVENT)) + "]";
        Reply reply = http.postJson("/api/v1/events", batch);
        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.header("Retry-After")).isEqualTo("1");
        assertThat(reply.json().get("reason").stringValue()).contains("ingest buffer is full");
        assertThat(DB.count("SELECT count(*) FROM events_queue")).isZero();
    }

    @Test
    void moreBytesThanTheWriterBufferIs503AtOnce() {
        String longPath = "{\"site_id\":\"s\",\"event_type\":\"v\",\"path\":\"/" + "p".repeat(100) + "\"}";
        Reply reply = http.postJson("/api/v1/events", "[" + String.join(",", Collections.nCopies(10, longPath)) + "]");
        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.json().get("reason").stringValue()).contains("bytes do not fit");
        assertThat(DB.count("SELECT count(*) FROM events_queue")).isZero();
        assertThat(http.postJson("/functions/v1/ingest-event", EVENT).status()).as("the bound was not leaked").isEqualTo(202);
    }

    @Test
    void requestBytesInFlightAreBounded() throws Exception {
        // A client that declares 4 KB and sends a few bytes holds the whole in-flight budget.
        try (Socket slow = new Socket("localhost", port)) {
            OutputStream out = slow.getOutputStream();
            out.write(("POST /api/v1/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 4096\r\n\r\n[").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Await.until("the slow request to hold the budget", Duration.ofSeconds(10),
                    () -> http.get("/actuator/prometheus").body().contains("tally_ingest_inflight_bytes 4096.0"));
            Reply refused = http.postJson("/functions/v1/ingest-event", EVENT);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.json().get("reason").stringValue()).contains("request bytes in flight");
        }
        Await.until("the budget to be free again", Duration.ofSeconds(15),
                () -> http.postJson("/functions/v1/ingest-event", EVENT).status() == 202);
    }
}
