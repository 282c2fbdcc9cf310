package tally.stats.status;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tally.testing.TestDatabase;
import tally.testing.TestDatabases;
import tally.testing.TestHttp;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tally.keys.secret-key=test-secret")
class StatusTest {

    static final TestDatabase DB = TestDatabases.fresh();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DB::url);
    }

    @LocalServerPort
    int port;

    @org.junit.jupiter.api.BeforeEach
    void empty() {
        DB.execute("TRUNCATE events_queue, service_counters");
    }

    @Test
    void reportsQueueDepthLagAndEveryInstancesCounters() {
        DB.execute("""
                INSERT INTO events_queue (site_id, event_type, path, user_id, occurred_at, received_at)
                SELECT 's', 'page_view', '/', 'u', now(), now() - interval '30 seconds' FROM generate_series(1, 7);
                INSERT INTO service_counters (service, instance, name, value) VALUES
                  ('ingest', 'a', 'tally.ingest.accepted', 10), ('ingest', 'b', 'tally.ingest.accepted', 5),
                  ('ingest', 'a', 'tally.ingest.rejected{field=site_id}', 2);
                """);

        TestHttp.Reply reply = TestHttp.at(port).get("/api/v1/status", "apikey", "test-secret");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.get("queue_depth").longValue()).isEqualTo(7);
        assertThat(body.get("oldest_queued_age_seconds").doubleValue()).isGreaterThanOrEqualTo(29.0);
        assertThat(body.get("counters").get("tally.ingest.accepted").longValue()).isEqualTo(15);
        assertThat(body.get("counters").get("tally.ingest.rejected{field=site_id}").longValue()).isEqualTo(2);
    }

    @Test
    void gaugesAreExportedToPrometheus() {
        DB.execute("INSERT INTO events_queue (site_id, event_type, path, user_id, occurred_at) SELECT 's', 'v', '/', 'u', now() FROM generate_series(1, 3)");
        TestHttp.at(port).get("/api/v1/status", "apikey", "test-secret");
        String metrics = TestHttp.at(port).get("/actuator/prometheus").body();
        assertThat(metrics).contains("tally_queue_depth 3.0").contains("tally_queue_lag_seconds");
    }

    @Test
    void processingRateFollowsTheDrainedCounter() {
        DB.execute("INSERT INTO service_counters (service, instance, name, value) VALUES ('processor', 'p', 'tally.processor.drained', 0)");
        TestHttp.at(port).get("/api/v1/status", "apikey", "test-secret");
        DB.execute("UPDATE service_counters SET value = 5000");
        JsonNode body = TestHttp.at(port).get("/api/v1/status", "apikey", "test-secret").json();
        assertThat(body.get("processed_per_second").doubleValue()).isPositive();
    }
}
