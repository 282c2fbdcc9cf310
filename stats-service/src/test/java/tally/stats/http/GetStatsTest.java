package tally.stats.http;

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
import tools.jackson.databind.JsonNode;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** get-stats over rollups written as the processor writes them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tally.keys.secret-key=test-secret")
class GetStatsTest {

    static final TestDatabase DB = TestDatabases.fresh();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DB::url);
    }

    @LocalServerPort
    int port;

    /**
     * Two days of one site, as the processor writes them: users a, b on the 12th; b, c on the
     * 13th; so 3 distinct in all, not 4.
     */
    @BeforeAll
    static void rollups() {
        DB.execute("""
                INSERT INTO rollup_daily_events VALUES
                  ('shop', '2025-11-12', 'page_view', 5), ('shop', '2025-11-12', 'click', 2),
                  ('shop', '2025-11-13', 'page_view', 4);
                INSERT INTO rollup_daily_paths VALUES
                  ('shop', '2025-11-12', '/pricing', 3, 3), ('shop', '2025-11-12', '/', 2, 3),
                  ('shop', '2025-11-12', '/buy', 0, 1), ('shop', '2025-11-13', '/', 4, 4);
                INSERT INTO rollup_all_time_paths VALUES
                  ('shop', '/pricing', 3, 3), ('shop', '/', 6, 7), ('shop', '/buy', 0, 1);
                """);
        DB.execute("INSERT INTO rollup_daily_users VALUES ('shop', '2025-11-12', '\\x" + sketchHex("a", "b")
                + "', 2), ('shop', '2025-11-13', '\\x" + sketchHex("b", "c") + "', 2)");
        DB.execute("INSERT INTO rollup_all_time_users VALUES ('shop', '\\x" + sketchHex("a", "b", "c") + "', 3)");
    }

    static String sketchHex(String... users) {
        var sketch = tally.common.sketch.UserSketches.empty();
        for (String u : users) {
            sketch.update(u);
        }
        return HexFormat.of().formatHex(sketch.toCompactByteArray());
    }

    Reply get(String query) {
        return TestHttp.at(port).get("/functions/v1/get-stats?" + query, "apikey", "test-secret");
    }

    @Test
    void oneDayInTheSeedsShape() {
        Reply reply = get("site_id=shop&date=2025-11-12");
        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.get("site_id").stringValue()).isEqualTo("shop");
        assertThat(body.get("date").stringValue()).isEqualTo("2025-11-12");
        assertThat(body.get("total_views").longValue()).isEqualTo(5);
        assertThat(body.get("unique_users").longValue()).isEqualTo(2);
        assertThat(body.get("top_paths").toString()).isEqualTo("[{\"path\":\"/pricing\",\"views\":3},{\"path\":\"/\",\"views\":2}]");
    }

    @Test
    void allTimeReadsTheAllTimeRollups() {
        JsonNode body = get("site_id=shop").json();
        assertThat(body.get("date").isNull()).isTrue();
        assertThat(body.get("total_views").longValue()).isEqualTo(9);
        assertThat(body.get("unique_users").longValue()).isEqualTo(3);
        assertThat(body.get("top_paths").toString()).isEqualTo("[{\"path\":\"/\",\"views\":6},{\"path\":\"/pricing\",\"views\":3}]");
    }

    @Test
    void unknownSiteHasZeroes() {
        JsonNode body = get("site_id=nobody&date=2025-11-12").json();
        assertThat(body.get("total_views").longValue()).isZero();
        assertThat(body.get("unique_users").longValue()).isZero();
        assertThat(body.get("top_paths").size()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            date=2025-11-12                         | site_id
            site_id=                                | site_id
            site_id=x%27%20OR%201%3D1--             | site_id
            site_id=..%2F..%2Fetc%2Fpasswd          | site_id
            site_id=shop&date=12/11/2025            | date
            site_id=shop&date=2025-13-40            | date
            site_id=shop&date=%27%3B%20DROP%20TABLE | date
            """)
    void badParametersAre400NamingThem(String query, String field) {
        Reply reply = get(query);
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().get("field").stringValue()).isEqualTo(field);
    }

    @Test
    void needsTheSecretKey() {
        Reply reply = TestHttp.at(port).get("/functions/v1/get-stats?site_id=shop");
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("field").stringValue()).isEqualTo("apikey");
    }
}
