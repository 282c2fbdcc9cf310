package tally.system;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tally.testing.TestHttp;
import tally.testing.TestHttp.Reply;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every curl example of the seed README, replayed in order against the three service jars, with
 * the answers checked field by field. The seed sends its anon key everywhere; Tally asks for the
 * secret key (the seed's service role) to process and to read, so those calls carry it. The drain
 * loop is off so that process-events finds the queue full, as in the seed's manual flow.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedReadmeTest {

    static Tally tally;
    static TestHttp ingest;
    static TestHttp processor;
    static TestHttp stats;

    @BeforeAll
    static void start() {
        tally = new Tally(Map.of("TALLY_PROCESSOR_SCHEDULED", "false"));
        ingest = Tally.http(tally.start(Service.INGEST));
        processor = Tally.http(tally.start(Service.PROCESSOR));
        stats = Tally.http(tally.start(Service.STATS));
    }

    @AfterAll
    static void stop() {
        tally.close();
    }

    @Test
    @Order(1)
    void ingestEventAnswers202WithTheSeedsBody() {
        Reply reply = ingest.postJson("/functions/v1/ingest-event", """
                {
                  "site_id": "site-abc-123",
                  "event_type": "page_view",
                  "path": "/pricing",
                  "user_id": "user-xyz-789",
                  "timestamp": "2025-11-12T19:30:01Z"
                }""", "apikey", Tally.PUBLIC_KEY);

        assertThat(reply.status()).isEqualTo(202);
        JsonNode body = reply.json();
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("success", "queued", "response_time_ms");
        assertThat(body.get("success").booleanValue()).isTrue();
        assertThat(body.get("queued").booleanValue()).isTrue();
        assertThat(body.get("response_time_ms").isFloatingPointNumber()).isTrue();
    }

    @Test
    @Order(2)
    void loadTestOfAThousandConcurrentEventsIsAllAccepted() throws Exception {
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 1; i <= 1000; i++) {
                String body = "{\"site_id\": \"site-load-test\", \"event_type\": \"page_view\", \"path\": \"/test-" + i
                        + "\", \"user_id\": \"user-" + (i % 100) + "\"}";
                statuses.add(pool.submit(() -> ingest.postJson("/functions/v1/ingest-event", body, "apikey", Tally.PUBLIC_KEY).status()));
            }
            for (Future<Integer> status : statuses) {
                assertThat(status.get()).isEqualTo(202);
            }
        }
        assertThat(tally.db.count("SELECT count(*) FROM events_queue")).isEqualTo(1001);
    }

    @Test
    @Order(3)
    void processEventsAggregatesEverythingQueued() {
        // site-abc-123 on 2025-11-12 and site-load-test today (two todays if the run crosses midnight).
        long siteDays = tally.db.count("SELECT count(DISTINCT (site_id, (occurred_at AT TIME ZONE 'UTC')::date)) FROM events_queue");
        assertThat(siteDays).isBetween(2L, 3L);

        Reply reply = processor.post("/functions/v1/process-events", null, "", "apikey", Tally.SECRET_KEY);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.get("success").booleanValue()).isTrue();
        assertThat(body.get("processed").longValue()).isEqualTo(1001);
        assertThat(body.get("aggregated_days").longValue()).isEqualTo(siteDays);
        assertThat(tally.db.count("SELECT count(*) FROM events_queue")).isZero();
    }

    @Test
    @Order(4)
    void getStatsForADate() {
        Reply reply = stats.get("/functions/v1/get-stats?site_id=site-abc-123&date=2025-11-12", "apikey", Tally.SECRET_KEY);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().toString()).isEqualTo("""
                {"site_id":"site-abc-123","date":"2025-11-12","total_views":1,"unique_users":1,\
                "top_paths":[{"path":"/pricing","views":1}]}""");
    }

    @Test
    @Order(5)
    void getStatsForAllTime() {
        Reply reply = stats.get("/functions/v1/get-stats?site_id=site-abc-123", "apikey", Tally.SECRET_KEY);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().toString()).isEqualTo("""
                {"site_id":"site-abc-123","date":null,"total_views":1,"unique_users":1,\
                "top_paths":[{"path":"/pricing","views":1}]}""");
    }

    @Test
    @Order(6)
    void loadTestSiteCountsEveryViewAndEachUserOnce() {
        JsonNode body = stats.get("/functions/v1/get-stats?site_id=site-load-test", "apikey", Tally.SECRET_KEY).json();

        assertThat(body.get("total_views").longValue()).isEqualTo(1000);
        assertThat(body.get("unique_users").longValue()).isEqualTo(100);
        assertThat(body.get("top_paths").size()).isEqualTo(10);
        assertThat(body.get("top_paths").get(0).get("path").stringValue()).isEqualTo("/test-1");
        assertThat(body.get("top_paths").get(0).get("views").longValue()).isEqualTo(1);
    }
}
