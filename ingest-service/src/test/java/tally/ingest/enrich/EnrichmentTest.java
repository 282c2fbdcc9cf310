package tally.ingest.enrich;

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

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The enrichment pipeline behind the real endpoints, with this host trusted as a proxy (so
 * X-Forwarded-For names the client) and CF-IPCountry trusted: what is stored, what is dropped
 * and counted, and that the address itself is stored nowhere.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tally.keys.secret-key=test-secret", "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1|0:0:0:0:0:0:0:1",
        "tally.ingest.country-header=CF-IPCountry"})
class EnrichmentTest {

    static final TestDatabase DB = TestDatabases.fresh();
    static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1";
    static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

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

    static List<Map<String, String>> queued() throws Exception {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Connection c = DB.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM events_queue ORDER BY id")) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnName(i), rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void aBrowsersPageViewIsStoredWithItsClientSourceCountryAndVisitorButNotItsAddress() throws Exception {
        Reply reply = http.postJson("/api/v1/events", """
                {"site_id": "shop", "event_type": "page_view", "referrer": "https://www.google.com/",
                 "url": "https://shop.example/pricing?utm_campaign=bf", "title": "Pricing", "language": "en-GB",
                 "screen_width": 1440}""", "User-Agent", CHROME, "X-Forwarded-For", "8.8.8.8");

        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.json().get("accepted").asInt()).isEqualTo(1);
        Map<String, String> row = queued().getFirst();
        assertThat(row).containsEntry("path", "/pricing").containsEntry("hostname", "shop.example")
                .containsEntry("title", "Pricing").containsEntry("utm_campaign", "bf")
                .containsEntry("source", "Google").containsEntry("channel", "Organic Search")
                .containsEntry("browser", "Chrome").containsEntry("os", "Windows").containsEntry("device", "Desktop")
                .containsEntry("country", "US").containsEntry("language", "en-GB").containsEntry("screen_width", "1440")
                .containsEntry("user_id", "anonymous");
        assertThat(row.get("visitor_id")).matches("v:[0-9a-f]{16}");
        assertThat(row.values()).noneMatch(value -> value != null && value.contains("8.8.8.8"));
    }

    @Test
    void oneVisitorKeepsOneIdAndOthersGetTheirOwn() throws Exception {
        for (String[] client : new String[][] {{CHROME, "8.8.8.8"}, {CHROME, "8.8.8.8"}, {IPHONE, "8.8.8.8"}, {CHROME, "8.8.4.4"}}) {
            http.postJson("/api/v1/events", "{\"site_id\": \"shop\", \"event_type\": \"page_view\"}",
                    "User-Agent", client[0], "X-Forwarded-For", client[1]);
        }
        http.postJson("/api/v1/events", "{\"site_id\": \"blog\", \"event_type\": \"page_view\"}",
                "User-Agent", CHROME, "X-Forwarded-For", "8.8.8.8");
        http.postJson("/api/v1/events", "{\"site_id\": \"shop\", \"event_type\": \"page_view\", \"user_id\": \"alice\"}",
                "User-Agent", CHROME, "X-Forwarded-For", "8.8.8.8");

        List<String> ids = queued().stream().map(row -> row.get("visitor_id")).toList();
        assertThat(ids.get(0)).isEqualTo(ids.get(1));
        assertThat(ids.subList(1, 5)).doesNotHaveDuplicates();
        assertThat(ids.get(5)).isEqualTo("alice");
        assertThat(DB.count("SELECT count(*) FROM visitor_salts")).isEqualTo(1);
    }

    @Test
    void aTrustedCountryHeaderWinsOverTheAddress() throws Exception {
        http.postJson("/api/v1/events", "{\"site_id\": \"shop\", \"event_type\": \"page_view\"}",
                "User-Agent", IPHONE, "X-Forwarded-For", "8.8.8.8", "CF-IPCountry", "CH");

        assertThat(queued().getFirst()).containsEntry("country", "CH").containsEntry("device", "Mobile");
    }

    @Test
    void botsGetA202ButAreNotStoredAndAreCountedByReason() throws Exception {
        Reply seed = http.postJson("/functions/v1/ingest-event", "{\"site_id\": \"shop\", \"event_type\": \"page_view\"}",
                "User-Agent", GOOGLEBOT);
        Reply batch = http.postJson("/api/v1/events", """
                [{"site_id": "shop", "event_type": "page_view", "user_agent": "HeadlessChrome/131.0.0.0"},
                 {"site_id": "shop", "event_type": "page_view"}]""", "User-Agent", CHROME);

        assertThat(seed.status()).isEqualTo(202);
        assertThat(seed.json().get("queued").asBoolean()).isFalse();
        assertThat(seed.json().get("dropped").asString()).isEqualTo("bot");
        assertThat(batch.status()).isEqualTo(202);
        assertThat(batch.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(batch.json().get("dropped").asInt()).isEqualTo(1);
        assertThat(queued()).hasSize(1);
        String metrics = http.get("/actuator/prometheus").body();
        assertThat(metrics).containsPattern("tally_ingest_dropped_total\\{.*reason=\"bot\".*\\} [1-9]")
                .containsPattern("tally_ingest_dropped_total\\{.*reason=\"headless\".*\\} [1-9]");
    }
}
