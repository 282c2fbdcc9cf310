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
        assertThat(before.body()).isEqualTo("{\"site_id\":\"shop\",\"retention_days\":null}");

        assertThat(put("shop", "{\"retention_days\": 90}").body()).isEqualTo("{\"site_id\":\"shop\",\"retention_days\":90}");
        assertThat(DB.count("SELECT retention_days FROM site_settings WHERE site_id = 'shop'")).isEqualTo(90);
        assertThat(TestHttp.at(port).get("/api/v1/sites/shop/settings", "apikey", "test-secret").body())
                .isEqualTo("{\"site_id\":\"shop\",\"retention_days\":90}");

        assertThat(put("shop", "{\"retention_days\": null}").statusCode()).isEqualTo(200);
        assertThat(DB.count("SELECT count(*) FROM site_settings WHERE site_id = 'shop' AND retention_days IS NULL")).isEqualTo(1);
    }

    @Test
    void wrongSettingsAreNamed() throws Exception {
        assertThat(put("shop", "{\"retention_days\": 0}").body()).contains("\"field\":\"retention_days\"");
        assertThat(put("shop", "{\"retention_days\": \"90\"}").body()).contains("\"field\":\"retention_days\"");
        assertThat(put("shop", "{}").body()).contains("\"field\":\"retention_days\"");
        assertThat(put("shop", "{\"retention_days\": 9, \"colour\": 1}").body()).contains("\"field\":\"colour\"");
        assertThat(put("a%20b", "{\"retention_days\": 9}").statusCode()).isEqualTo(400);
        assertThat(TestHttp.at(port).get("/api/v1/sites/shop/settings").status()).isEqualTo(401);
    }
}
