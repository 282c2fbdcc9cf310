package tally.ingest.http;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tally.testing.TestDatabase;
import tally.testing.TestDatabases;
import tally.testing.TestHttp;
import tally.testing.TestHttp.Reply;
import tools.jackson.databind.JsonNode;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tally.keys.public-key=test-public", "tally.keys.secret-key=test-secret", "tally.ingest.max-body-size=256KB"})
class IngestEndpointsTest {

    static final TestDatabase DB = TestDatabases.fresh();

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
    void seedSingleEventIsCommittedBeforeThe202() throws Exception {
        Reply reply = http.postJson("/functions/v1/ingest-event", """
                {"site_id":"site-abc-123","event_type":"page_view","path":"/pricing",
                 "user_id":"user-xyz-789","timestamp":"2025-11-12T19:30:01Z"}""", "apikey", "test-public");

        assertThat(reply.status()).isEqualTo(202);
        JsonNode body = reply.json();
        assertThat(body.get("success").booleanValue()).isTrue();
        assertThat(body.get("queued").booleanValue()).isTrue();
        assertThat(body.get("response_time_ms").isNumber()).isTrue();
        assertThat(body.get("response_time_ms").doubleValue()).isPositive();
        try (Connection c = DB.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT site_id, event_type, path, user_id, occurred_at FROM events_queue")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("site-abc-123");
            assertThat(rs.getString(2)).isEqualTo("page_view");
            assertThat(rs.getString(3)).isEqualTo("/pricing");
            assertThat(rs.getString(4)).isEqualTo("user-xyz-789");
            assertThat(rs.getTimestamp(5).toInstant()).isEqualTo(Instant.parse("2025-11-12T19:30:01Z"));
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void the202WaitsForTheCommit() throws Exception {
        try (Connection blocker = DB.connect(); Statement s = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            s.execute("LOCK TABLE events_queue IN ACCESS EXCLUSIVE MODE");
            var answer = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                    http.postJson("/functions/v1/ingest-event", "{\"site_id\":\"held\",\"event_type\":\"v\"}"));
            // While the table is locked the COPY cannot commit, so no answer may come.
            assertThat(answer).failsWithin(java.time.Duration.ofMillis(700))
                    .withThrowableOfType(java.util.concurrent.TimeoutException.class);
            blocker.rollback();
            assertThat(answer.get().status()).isEqualTo(202);
        }
        assertThat(DB.count("SELECT count(*) FROM events_queue WHERE site_id = 'held'")).isEqualTo(1);
    }

    @Test
    void browsersMayPostTextPlainWithoutAKey() {
        Reply reply = http.post("/functions/v1/ingest-event", "text/plain;charset=UTF-8",
                "{\"site_id\":\"blog\",\"event_type\":\"page_view\"}");
        assertThat(reply.status()).isEqualTo(202);
        assertThat(DB.count("SELECT count(*) FROM events_queue WHERE path = '/' AND user_id = 'anonymous'")).isEqualTo(1);
    }

    @Test
    void corsPreflightIsAllowedFromAnyOrigin() {
        Reply reply = http.method("OPTIONS", "/api/v1/events", "Origin", "https://shop.example",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Access-Control-Allow-Origin")).isIn("*", "https://shop.example");
    }

    @Test
    void wrongKeyIs401AndNothingIsStored() {
        Reply reply = http.postJson("/functions/v1/ingest-event", "{\"site_id\":\"s\",\"event_type\":\"v\"}", "apikey", "guess");
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("field").stringValue()).isEqualTo("apikey");
        assertThat(DB.count("SELECT count(*) FROM events_queue")).isZero();
    }

    @Test
    void batchOfThousandsIsOneAnswer() {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 2000; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"site_id\":\"big\",\"event_type\":\"page_view\",\"path\":\"/p")
                    .append(i % 7).append("\",\"user_id\":\"u").append(i % 100).append("\",\"event_id\":\"e-").append(i).append("\"}");
        }
        Reply reply = http.postJson("/api/v1/events", batch.append("]").toString(), "Authorization", "Bearer test-secret");
        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.json().get("accepted").intValue()).isEqualTo(2000);
        assertThat(reply.json().get("rejected").size()).isZero();
        assertThat(DB.count("SELECT count(*) FROM events_queue WHERE site_id = 'big'")).isEqualTo(2000);
        assertThat(DB.count("SELECT count(DISTINCT event_id) FROM events_queue")).isEqualTo(2000);
    }

    @Test
    void batchKeepsGoodEventsAndListsBadOnesByIndex() {
        Reply reply = http.postJson("/api/v1/events", """
                [{"site_id":"mix","event_type":"page_view","referrer":"https://news.example/","props":{"plan":"pro"}},
                 {"site_id":"mix"},
                 {"site_id":"mix","event_type":"click","path":"/buy"},
                 {"site_id":"mix","event_type":"click","timestamp":"soon"}]""");
        assertThat(reply.status()).isEqualTo(202);
        JsonNode body = reply.json();
        assertThat(body.get("accepted").intValue()).isEqualTo(2);
        assertThat(body.get("rejected").get(0).get("index").intValue()).isEqualTo(1);
        assertThat(body.get("rejected").get(0).get("field").stringValue()).isEqualTo("event_type");
        assertThat(body.get("rejected").get(1).get("index").intValue()).isEqualTo(3);
        assertThat(body.get("rejected").get(1).get("field").stringValue()).isEqualTo("timestamp");
        assertThat(DB.count("SELECT count(*) FROM events_queue WHERE site_id = 'mix'")).isEqualTo(2);
        assertThat(DB.count("SELECT count(*) FROM events_queue WHERE props->>'plan' = 'pro' AND referrer = 'https://news.example/'")).isEqualTo(1);
    }

    @Test
    void batchWithNoValidEventIs400WithEveryRejection() {
        Reply reply = http.postJson("/api/v1/events", "[{\"site_id\":\"x\"},{\"event_type\":\"y\"}]");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("field").stringValue()).isEqualTo("events");
        assertThat(reply.json().get("rejected").size()).isEqualTo(2);
        assertThat(DB.count("SELECT count(*) FROM events_queue")).isZero();
    }

    @Test
    void concurrentRequestsAreAllCommitted() throws Exception {
        int requests = 300;
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                int n = i;
                statuses.add(pool.submit(() -> http.postJson("/functions/v1/ingest-event",
                        "{\"site_id\":\"busy\",\"event_type\":\"page_view\",\"user_id\":\"u" + n + "\"}").status()));
            }
            for (Future<Integer> status : statuses) {
                assertThat(status.get()).isEqualTo(202);
            }
        }
        assertThat(DB.count("SELECT count(DISTINCT user_id) FROM events_queue WHERE site_id = 'busy'")).isEqualTo(requests);
    }
}
