package tally.stats.realtime;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tally.testing.TestDatabase;
import tally.testing.TestDatabases;
import tally.testing.TestHttp;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Current visitors, and the live stream delivering processed events within seconds, each once. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tally.keys.secret-key=test-secret")
class RealtimeTest {

    static final TestDatabase DB = TestDatabases.fresh();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DB::url);
    }

    @LocalServerPort
    int port;

    static void processed(long id, String site, String path, String visitor, String occurredAgo) {
        DB.execute("""
                INSERT INTO events (id, site_id, event_type, path, user_id, occurred_at, received_at, visitor_id, country)
                VALUES (%d, '%s', 'page_view', '%s', 'anonymous', now() - interval '%s', now(), '%s', 'CH')"""
                .formatted(id, site, path, occurredAgo, visitor));
    }

    @Test
    void currentVisitorsAreThoseOfTheLastFiveMinutes() {
        processed(1, "live", "/", "v:a", "1 minute");
        processed(2, "live", "/b", "v:a", "2 minutes");
        processed(3, "live", "/", "v:b", "4 minutes");
        processed(4, "live", "/", "v:c", "6 minutes");
        processed(5, "other", "/", "v:d", "1 minute");

        TestHttp.Reply reply = TestHttp.at(port).get("/api/v1/realtime/visitors?site_id=live", "apikey", "test-secret");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("visitors").asLong()).isEqualTo(2);
        assertThat(TestHttp.at(port).get("/api/v1/realtime/visitors?site_id=live").status()).isEqualTo(401);
        assertThat(TestHttp.at(port).get("/api/v1/realtime/visitors?site_id=a%20b", "apikey", "test-secret").status()).isEqualTo(400);
    }

    @Test
    void theStreamSendsEachNewEventOfItsSiteOnce() throws Exception {
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/realtime/events?site_id=stream"))
                .header("apikey", "test-secret").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        assertThat(lines.readLine()).isEqualTo(":streaming stream");

        processed(101, "stream", "/first", "v:x", "1 second");
        processed(102, "elsewhere", "/not-mine", "v:y", "1 second");
        processed(103, "stream", "/second", "v:x", "1 second");

        CompletableFuture<List<String>> data = CompletableFuture.supplyAsync(() -> {
            List<String> found = new ArrayList<>();
            try {
                for (String line; found.size() < 3 && (line = lines.readLine()) != null; ) {
                    if (line.startsWith("data:")) {
                        found.add(line);
                        if (found.size() == 2) {
                            // Later polls read the first two again (they look back seconds); only this one is new.
                            processed(104, "stream", "/third", "v:x", "1 second");
                        }
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return found;
        });
        List<String> events = data.get(10, TimeUnit.SECONDS);
        assertThat(events).hasSize(3);
        assertThat(events.get(0)).contains("\"path\":\"/first\"").contains("\"country\":\"CH\"");
        assertThat(events.get(1)).contains("\"path\":\"/second\"");
        assertThat(events.get(2)).contains("\"path\":\"/third\"");
        assertThat(String.join("", events)).doesNotContain("/not-mine");
        response.body().close();
    }
}
