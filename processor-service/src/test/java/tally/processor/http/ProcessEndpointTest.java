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
    void foldsTheFinishedDaysNowAndThenHasNothingLeft() {
        DB.execute("""
                INSERT INTO events_queue (site_id, event_type, path, user_id, occurred_at)
                SELECT 'folded', 'page_view', '/', 'u' || i, now() - (i % 3) * interval '1 day' FROM generate_series(1, 30) AS i""");
        TestHttp http = TestHttp.at(port);
        http.post("/functions/v1/process-events", null, "", "apikey", "test-secret");

        Reply first = http.post("/api/v1/fold", null, "", "apikey", "test-secret");
        Reply again = http.post("/api/v1/fold", null, "", "apikey", "test-secret");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("days_folded").intValue()).as("the days before today, of every site here").isPositive();
        assertThat(DB.text("SELECT through FROM folded_days WHERE site_id = 'folded'")).isEqualTo(DB.text("SELECT CURRENT_DATE - 1"));
        assertThat(DB.count("SELECT sum(page_views) FROM rollup_month_to_day_paths WHERE site_id = 'folded' AND day = CURRENT_DATE - 1"))
                .isEqualTo(DB.count("SELECT count(*) FROM events WHERE site_id = 'folded' AND day BETWEEN greatest(date_trunc('month', "
                        + "CURRENT_DATE - 1), CURRENT_DATE - 2) AND CURRENT_DATE - 1"));
        assertThat(again.json().get("days_folded").intValue()).isZero();
        assertThat(http.post("/api/v1/fold", null, "").status()).isEqualTo(401);
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
