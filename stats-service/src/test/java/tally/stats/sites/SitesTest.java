package tally.stats.sites;

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

/** GET /api/v1/sites: every site with processed events, busiest first, behind the secret key. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tally.keys.secret-key=test-secret")
class SitesTest {

    static final TestDatabase DB = TestDatabases.fresh();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DB::url);
    }

    @LocalServerPort
    int port;

    @Test
    void listsEachSiteWithItsEventsAndDaysBusiestFirst() {
        DB.execute("""
                INSERT INTO rollup_daily_events VALUES
                  ('blog', '2025-11-12', 'page_view', 5),
                  ('shop', '2025-11-10', 'page_view', 4), ('shop', '2025-11-13', 'click', 3), ('shop', '2025-11-13', 'page_view', 1)""");

        Reply reply = TestHttp.at(port).get("/api/v1/sites", "apikey", "test-secret");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().toString()).isEqualTo("""
                {"sites":[{"site_id":"shop","events":8,"first_day":"2025-11-10","last_day":"2025-11-13"},\
                {"site_id":"blog","events":5,"first_day":"2025-11-12","last_day":"2025-11-12"}]}""");
    }

    @Test
    void listsASitesPropertyKeysMostUsedFirst() {
        DB.execute("""
                INSERT INTO rollup_daily_dimensions VALUES
                  ('props', '2026-11-01', 'prop:plan', 'pro', 0, 3, '\\x', 1), ('props', '2026-11-02', 'prop:plan', 'free', 0, 2, '\\x', 1),
                  ('props', '2026-11-01', 'prop:seats', '3', 0, 4, '\\x', 1), ('props', '2026-11-01', 'device', 'Mobile', 9, 9, '\\x', 1),
                  ('other', '2026-11-01', 'prop:color', 'red', 0, 1, '\\x', 1)""");

        TestHttp.Reply reply = TestHttp.at(port).get("/api/v1/sites/props/properties", "apikey", "test-secret");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().toString()).isEqualTo("{\"site_id\":\"props\",\"properties\":[\"plan\",\"seats\"]}");
        assertThat(TestHttp.at(port).get("/api/v1/sites/a%20b/properties", "apikey", "test-secret").status()).isEqualTo(400);
    }

    @Test
    void needsTheSecretKey() {
        assertThat(TestHttp.at(port).get("/api/v1/sites").status()).isEqualTo(401);
        assertThat(TestHttp.at(port).get("/api/v1/sites", "apikey", "wrong").status()).isEqualTo(401);
    }
}
