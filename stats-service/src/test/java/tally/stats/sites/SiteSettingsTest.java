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

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneId;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** A site's retention is read, set, cleared, and refused with a named reason when wrong. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tally.keys.secret-key=test-secret")
class SiteSettingsTest {

    static final TestDatabase DB = TestDatabases.fresh();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DB::url);
    }

    @LocalServerPort
    int port;

    HttpResponse<String> put(String site, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/sites/" + site + "/settings"))
                .header("apikey", "test-secret").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void retentionIsSetReadAndCleared() throws Exception {
        Reply before = TestHttp.at(port).get("/api/v1/sites/shop/settings", "apikey", "test-secret");
        assertThat(before.body()).isEqualTo("{\"site_id\":\"shop\",\"retention_days\":null,\"time_zone\":\"UTC\"}");

        assertThat(put("shop", "{\"retention_days\": 90}").body())
                .isEqualTo("{\"site_id\":\"shop\",\"retention_days\":90,\"time_zone\":\"UTC\"}");
        assertThat(DB.count("SELECT retention_days FROM site_settings WHERE site_id = 'shop'")).isEqualTo(90);
        assertThat(TestHttp.at(port).get("/api/v1/sites/shop/settings", "apikey", "test-secret").body())
                .isEqualTo("{\"site_id\":\"shop\",\"retention_days\":90,\"time_zone\":\"UTC\"}");

        assertThat(put("shop", "{\"retention_days\": null}").statusCode()).isEqualTo(200);
        assertThat(DB.count("SELECT count(*) FROM site_settings WHERE site_id = 'shop' AND retention_days IS NULL")).isEqualTo(1);
    }

    /** Kiritimati is 14 hours ahead of UTC: for most of the UTC day, its today is UTC's tomorrow. */
    @Test
    void aTimeZoneKeepsTheRetentionAndMovesTodayForReports() throws Exception {
        put("far", "{\"retention_days\": 30}");

        assertThat(put("far", "{\"time_zone\": \"Pacific/Kiritimati\"}").body())
                .isEqualTo("{\"site_id\":\"far\",\"retention_days\":30,\"time_zone\":\"Pacific/Kiritimati\"}");
        String today = LocalDate.now(ZoneId.of("Pacific/Kiritimati")).toString();
        Reply report = TestHttp.at(port).postJson("/api/v2/query", "{\"site_id\": \"far\", \"metrics\": [\"events\"], \"date_range\": \"day\"}",
                "apikey", "test-secret");
        assertThat(report.json().at("/meta/time_range/from").asString()).isEqualTo(today);
    }

    @Test
    void wrongSettingsAreNamed() throws Exception {
        assertThat(put("shop", "{\"retention_days\": 0}").body()).contains("\"field\":\"retention_days\"");
        assertThat(put("shop", "{\"retention_days\": \"90\"}").body()).contains("\"field\":\"retention_days\"");
        assertThat(put("shop", "{}").body()).contains("\"field\":\"body\"");
        assertThat(put("shop", "{\"time_zone\": \"Mars/Olympus\"}").body()).contains("\"field\":\"time_zone\"");
        assertThat(put("shop", "{\"time_zone\": \"+02:00\"}").body()).contains("\"field\":\"time_zone\"");
        assertThat(put("shop", "{\"retention_days\": 9, \"colour\": 1}").body()).contains("\"field\":\"colour\"");
        assertThat(put("a%20b", "{\"retention_days\": 9}").statusCode()).isEqualTo(400);
        assertThat(TestHttp.at(port).get("/api/v1/sites/shop/settings").status()).isEqualTo(401);
    }
}
