package tally.stats.export;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tally.testing.TestDatabase;
import tally.testing.TestDatabases;
import tally.testing.TestHttp;
import tally.testing.TestHttp.Reply;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Raw events out as CSV and JSON lines: the site's, in the range, oldest first, every column. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tally.keys.secret-key=test-secret")
class ExportTest {

    static final TestDatabase DB = TestDatabases.fresh();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DB::url);
    }

    @LocalServerPort
    int port;

    @BeforeAll
    static void events() {
        DB.execute("""
                INSERT INTO events (id, site_id, event_type, path, user_id, occurred_at, received_at, visitor_id, title,
                                    country, props, revenue_amount, revenue_currency)
                VALUES (1, 'shop', 'page_view', '/a', 'anonymous', '2026-11-02T10:00:00Z', now(), 'v:1', 'A, "quoted"', 'CH', NULL, NULL, NULL),
                       (2, 'shop', 'purchase', '/buy', 'u7', '2026-11-01T23:59:59Z', now(), 'u7', NULL, NULL, '{"plan": "pro"}', 9.99, 'EUR'),
                       (3, 'shop', 'page_view', '/late', 'anonymous', '2026-11-03T00:00:00Z', now(), 'v:2', NULL, NULL, NULL, NULL, NULL),
                       (4, 'blog', 'page_view', '/x', 'anonymous', '2026-11-02T10:00:00Z', now(), 'v:3', NULL, NULL, NULL, NULL, NULL)""");
    }

    Reply export(String query) {
        return TestHttp.at(port).get("/api/v1/export/events?" + query, "apikey", "test-secret");
    }

    @Test
    void csvHasAHeaderAndTheSitesEventsOfTheRangeOldestFirst() {
        Reply reply = export("site_id=shop&from=2026-11-01&to=2026-11-02");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("text/csv");
        assertThat(reply.header("Content-Disposition")).isEqualTo("attachment; filename=\"tally-shop-2026-11-01-2026-11-02.csv\"");
        List<String> lines = reply.body().lines().toList();
        assertThat(lines.getFirst()).startsWith("id,site_id,event_type,path,user_id,visitor_id,occurred_at,").endsWith(",props");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith("2,shop,purchase,/buy,u7,u7,2026-11-01T23:59:59.000000Z,").contains("9.990000,EUR")
                .endsWith("\"{\"\"plan\"\": \"\"pro\"\"}\"");
        assertThat(lines.get(2)).startsWith("1,shop,page_view,/a,anonymous,v:1,2026-11-02T10:00:00.000000Z,")
                .contains("\"A, \"\"quoted\"\"\"").contains(",CH,");
    }

    @Test
    void jsonLinesCarryTypedValuesAndLeaveOutNulls() {
        Reply reply = export("site_id=shop&from=2026-11-01&to=2026-11-03&format=ndjson");

        assertThat(reply.header("Content-Type")).startsWith("application/x-ndjson");
        JsonMapper json = JsonMapper.builder().build();
        List<String> lines = reply.body().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(json.readTree(lines.get(0)).toString()).isEqualTo("""
                {"id":2,"site_id":"shop","event_type":"purchase","path":"/buy","user_id":"u7","visitor_id":"u7",\
                "occurred_at":"2026-11-01T23:59:59.000000Z","revenue_amount":9.99,"revenue_currency":"EUR","props":{"plan":"pro"}}""");
        assertThat(json.readTree(lines.get(2)).get("path").asString()).isEqualTo("/late");
    }

    @Test
    void badParametersAreNamedAndTheKeyIsNeeded() {
        assertThat(export("site_id=shop&from=2026-11-05&to=2026-11-01").json().get("field").asString()).isEqualTo("from");
        assertThat(export("site_id=shop&from=yesterday").json().get("field").asString()).isEqualTo("from");
        assertThat(export("site_id=shop&format=xml").json().get("field").asString()).isEqualTo("format");
        assertThat(export("site_id=shop&from=0001-01-01&to=0001-01-02").json().get("reason").asString()).contains("1970 to 9999");
        assertThat(export("site_id=shop&to=%2B999999999-12-31").status()).isEqualTo(400);
        assertThat(export("site_id=a%20b").status()).isEqualTo(400);
        assertThat(TestHttp.at(port).get("/api/v1/export/events?site_id=shop").status()).isEqualTo(401);
    }
}
