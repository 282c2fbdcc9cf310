package tally.stats.report;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /api/v2/funnel over raw events, on the real server. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tally.keys.secret-key=test-secret")
class FunnelTest {

    static final TestDatabase DB = TestDatabases.fresh();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DB::url);
    }

    @LocalServerPort
    int port;

    /**
     * On 2025-11-12: a goes home, pricing, signup within 20 minutes (on a phone); b goes home,
     * then pricing 90 minutes later; c sees pricing first, then home, pricing and signup; d only
     * signs up; e came home the day before and sees pricing today; f reads the blog and signs up.
     */
    @BeforeAll
    static void events() {
        DB.execute("""
                INSERT INTO events (id, site_id, event_type, path, user_id, occurred_at, device, received_at) VALUES
                  (1, 'shop', 'page_view', '/', 'a', '2025-11-12 10:00Z', 'Mobile', '2025-11-12 10:00Z'),
                  (2, 'shop', 'page_view', '/pricing', 'a', '2025-11-12 10:10Z', 'Mobile', '2025-11-12 10:10Z'),
                  (3, 'shop', 'signup', '/pricing', 'a', '2025-11-12 10:20Z', 'Mobile', '2025-11-12 10:20Z'),
                  (4, 'shop', 'page_view', '/', 'b', '2025-11-12 10:00Z', NULL, '2025-11-12 10:00Z'),
                  (5, 'shop', 'page_view', '/pricing', 'b', '2025-11-12 11:30Z', NULL, '2025-11-12 11:30Z'),
                  (6, 'shop', 'page_view', '/pricing', 'c', '2025-11-12 10:00Z', NULL, '2025-11-12 10:00Z'),
                  (7, 'shop', 'page_view', '/', 'c', '2025-11-12 10:05Z', NULL, '2025-11-12 10:05Z'),
                  (8, 'shop', 'page_view', '/pricing', 'c', '2025-11-12 10:06Z', NULL, '2025-11-12 10:06Z'),
                  (9, 'shop', 'signup', '/pricing', 'c', '2025-11-12 10:07Z', NULL, '2025-11-12 10:07Z'),
                  (10, 'shop', 'signup', '/', 'd', '2025-11-12 10:00Z', NULL, '2025-11-12 10:00Z'),
                  (11, 'shop', 'page_view', '/', 'e', '2025-11-11 23:50Z', NULL, '2025-11-11 23:50Z'),
                  (12, 'shop', 'page_view', '/pricing', 'e', '2025-11-12 00:01Z', NULL, '2025-11-12 00:01Z'),
                  (13, 'shop', 'page_view', '/blog/first_post', 'f', '2025-11-12 09:00Z', NULL, '2025-11-12 09:00Z'),
                  (14, 'shop', 'signup', '/blog/first_post', 'f', '2025-11-12 09:01Z', NULL, '2025-11-12 09:01Z'),
                  (15, 'other', 'page_view', '/', 'a', '2025-11-12 10:00Z', NULL, '2025-11-12 10:00Z')""");
    }

    Reply funnel(String json) {
        return TestHttp.at(port).postJson("/api/v2/funnel", json, "apikey", "test-secret");
    }

    static List<Long> visitors(Reply reply) {
        return reply.json().get("steps").valueStream().map(step -> step.get("visitors").asLong()).toList();
    }

    @Test
    void eachStepCountsTheVisitorsWhoTookEveryStepBeforeItInOrderWithinTheWindow() {
        Reply reply = funnel("""
                {"site_id": "shop", "date_range": ["2025-11-12", "2025-11-12"],
                 "steps": [{"page": "/"}, {"page": "/pricing"}, {"event": "signup"}]}""");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("steps").toString()).isEqualTo("""
                [{"step":1,"label":"page /","visitors":3,"conversion_rate":100.0,"dropoff":0,"dropoff_rate":0.0},\
                {"step":2,"label":"page /pricing","visitors":2,"conversion_rate":66.67,"dropoff":1,"dropoff_rate":33.33},\
                {"step":3,"label":"event signup","visitors":2,"conversion_rate":66.67,"dropoff":0,"dropoff_rate":0.0}]""");
        assertThat(reply.json().at("/meta/window_seconds").asLong()).isEqualTo(3600);
    }

    @Test
    void aWiderWindowLetsASlowerVisitorThrough() {
        Reply reply = funnel("""
                {"site_id": "shop", "date_range": ["2025-11-12", "2025-11-12"], "window": "2h",
                 "steps": [{"page": "/"}, {"page": "/pricing"}, {"event": "signup"}]}""");

        assertThat(visitors(reply)).containsExactly(3L, 3L, 2L);
    }

    @Test
    void pagesTakeWildcardsAndFiltersKeepTheirEvents() {
        Reply blog = funnel("""
                {"site_id": "shop", "date_range": ["2025-11-12", "2025-11-12"], "steps": [{"page": "/blog/*"}, {"event": "signup"}]}""");
        Reply phones = funnel("""
                {"site_id": "shop", "date_range": ["2025-11-12", "2025-11-12"], "filters": [["is", "visit:device", ["Mobile"]]],
                 "steps": [{"page": "/"}, {"page": "/pricing"}, {"event": "signup"}]}""");
        Reply phonesAndNames = funnel("""
                {"site_id": "shop", "date_range": ["2025-11-12", "2025-11-12"],
                 "filters": [["is", "visit:device", ["Mobile"]], ["is", "event:name", ["page_view", "signup"]]],
                 "steps": [{"page": "/"}, {"page": "/pricing"}, {"event": "signup"}]}""");
        Reply literal = funnel("""
                {"site_id": "shop", "date_range": ["2025-11-12", "2025-11-12"], "steps": [{"page": "/blog/first%post"}, {"event": "signup"}]}""");

        assertThat(visitors(blog)).containsExactly(1L, 1L);
        assertThat(visitors(phones)).containsExactly(1L, 1L, 1L);
        assertThat(visitors(phonesAndNames)).as("filters on two dimensions").containsExactly(1L, 1L, 1L);
        assertThat(visitors(literal)).as("% and _ are literal in a page").containsExactly(0L, 0L);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"site_id\": \"shop\", \"date_range\": \"7d\", \"steps\": [{\"page\": \"/\"}]} | steps | 2 to 8 steps",
            "{\"site_id\": \"shop\", \"date_range\": \"7d\", \"steps\": [{\"page\": \"/\"}, {\"url\": \"/x\"}]} | steps[1] | must be",
            "{\"site_id\": \"shop\", \"date_range\": \"7d\", \"steps\": [{\"page\": \"x\"}, {\"event\": \"a\"}]} | steps[0].page | must start with /",
            "{\"site_id\": \"shop\", \"date_range\": \"7d\", \"steps\": [{\"page\": \"/\"}, {\"event\": \"a\"}], \"window\": \"1w\"} | window | minutes, hours or days",
            "{\"site_id\": \"shop\", \"date_range\": \"7d\", \"steps\": [{\"page\": \"/\"}, {\"event\": \"a\"}], \"window\": \"31d\"} | window | at most 30 days",
            "{\"site_id\": \"shop\", \"date_range\": \"7d\", \"steps\": [{\"page\": \"/\"}, {\"event\": \"a\"}], \"filters\": [[\"is\", \"visit:source\", [\"Google\"]]]} | filters | what each event carries",
            "{\"site_id\": \"shop\", \"date_range\": \"7d\", \"steps\": [{\"page\": \"/\"}, {\"event\": \"a\"}], \"goal\": 1} | goal | not a funnel field",
            "{\"site_id\": \"shop\", \"steps\": [{\"page\": \"/\"}, {\"event\": \"a\"}]} | date_range | is required"})
    void eachBadPartIsNamedWithItsReason(String json, String field, String reason) {
        Reply reply = funnel(json);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("field").asString()).isEqualTo(field);
        assertThat(reply.json().get("reason").asString()).contains(reason);
    }

    @Test
    void aRegularExpressionPostgresqlCannotUseIsTheQuerysFault() {
        Reply reply = funnel("""
                {"site_id": "shop", "date_range": ["2025-11-12", "2025-11-12"], "filters": [["matches", "event:page", ["(?<n>/)"]]],
                 "steps": [{"page": "/"}, {"event": "signup"}]}""");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("field").asString()).isEqualTo("filters");
    }

    @Test
    void aRangeBeforeTheRawEventsTheSiteKeepsIsRefused() {
        DB.execute("INSERT INTO site_settings (site_id, retention_days) VALUES ('kept', 7) ON CONFLICT DO NOTHING");

        Reply tooEarly = funnel("{\"site_id\": \"kept\", \"date_range\": \"30d\", \"steps\": [{\"page\": \"/\"}, {\"event\": \"a\"}]}");
        Reply kept = funnel("{\"site_id\": \"kept\", \"date_range\": \"7d\", \"steps\": [{\"page\": \"/\"}, {\"event\": \"a\"}]}");

        assertThat(tooEarly.status()).isEqualTo(400);
        assertThat(tooEarly.json().get("field").asString()).isEqualTo("date_range");
        assertThat(tooEarly.json().get("reason").asString()).contains("as funnels are counted from raw events");
        assertThat(kept.status()).as(kept.body()).isEqualTo(200);
    }

    @Test
    void withoutTheSecretKeyItIsRefused() {
        assertThat(TestHttp.at(port).postJson("/api/v2/funnel", "{}").status()).isEqualTo(401);
    }
}
