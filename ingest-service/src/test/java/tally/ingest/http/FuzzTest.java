package tally.ingest.http;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tally.testing.TestDatabase;
import tally.testing.TestDatabases;
import tally.testing.TestHttp;
import tally.testing.TestHttp.Reply;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 10,000 generated payloads, most of them wrong in some way, against the real server: none
 * gets a 5xx, every one that gets a 202 is stored, none that gets a 4xx is. Each payload carries
 * its number in a referrer that is never mutated, which is how stored rows are matched to answers.
 * The seed is fixed so a failure can be replayed; change it to explore.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tally.keys.secret-key=test-secret")
class FuzzTest {

    static final TestDatabase DB = TestDatabases.fresh();
    static final int PAYLOADS = 10_000;
    static final long SEED = 20261128L;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DB::url);
    }

    @LocalServerPort
    int port;

    /** Values a field may get: right ones, wrong types, and hostile strings. */
    static final String[] VALUES = {
            "\"ok-1\"", "\"page_view\"", "\"/pricing\"", "\"2026-11-28T10:00:00Z\"", "null", "0", "-1", "1e999", "true",
            "[]", "{}", "[\"a\"]", "{\"a\":{\"b\":1}}", "\"\"", "\" \"", "\"a b\"", "\"x' OR '1'='1\"", "\"../../etc/passwd\"",
            "\"/../x\"", "\"\\u0000\"", "\"\\u001b[31m\"", "\"\\ud800\"", "\"日本語\"", "\"🙂\"", "\"" + "x".repeat(3000) + "\"",
            "\"9999-12-31T23:59:59Z\"", "\"0001-01-01T00:00:00Z\"", "\"yesterday\"", "123456789012345678901234567890",
            "{\"plan\":\"pro\",\"n\":3}", "{\"k\":[1]}"};
    static final String[] FIELDS = {"site_id", "event_type", "path", "user_id", "timestamp", "event_id", "props", "unknown"};

    static String payload(int n, SplittableRandom random) {
        StringBuilder body = new StringBuilder("{\"referrer\":\"https://fuzz.example/").append(n).append('"');
        boolean site = random.nextInt(10) > 0;
        boolean type = random.nextInt(10) > 0;
        if (site) {
            body.append(",\"site_id\":\"fuzz\"");
        }
        if (type) {
            body.append(",\"event_type\":\"v\"");
        }
        int mutations = random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            String field = FIELDS[random.nextInt(FIELDS.length)];
            if ((field.equals("site_id") && site) || (field.equals("event_type") && type)) {
                continue;
            }
            body.append(",\"").append(field).append("\":").append(VALUES[random.nextInt(VALUES.length)]);
        }
        String json = body.append('}').toString();
        return switch (random.nextInt(40)) {
            case 0 -> json.substring(0, random.nextInt(json.length()));
            case 1 -> json + "}";
            case 2 -> "[" + json + "]";
            default -> json;
        };
    }

    @Test
    void noPayloadCausesA5xxAndOnly202sAreStored() throws Exception {
        SplittableRandom random = new SplittableRandom(SEED);
        List<String> payloads = new ArrayList<>(PAYLOADS);
        for (int n = 0; n < PAYLOADS; n++) {
            payloads.add(payload(n, random));
        }
        TestHttp http = TestHttp.at(port);
        List<Future<Integer>> statuses = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(16)) {
            for (String body : payloads) {
                statuses.add(pool.submit(() -> {
                    Reply reply = http.postBytes("/functions/v1/ingest-event", "application/json", body.getBytes(StandardCharsets.UTF_8));
                    if (reply.status() >= 400) {
                        assertThat(reply.json().get("reason").stringValue()).isNotBlank();
                    }
                    return reply.status();
                }));
            }
        }
        Set<String> acknowledged = new HashSet<>();
        int refused = 0;
        for (int n = 0; n < PAYLOADS; n++) {
            int status = statuses.get(n).get();
            assertThat(status).as("payload %d: %s", n, payloads.get(n)).isIn(202, 400);
            if (status == 202) {
                acknowledged.add("https://fuzz.example/" + n);
            } else {
                refused++;
            }
        }
        Set<String> stored = new HashSet<>();
        try (var c = DB.connect(); var s = c.createStatement(); var rs = s.executeQuery("SELECT referrer FROM events_queue")) {
            while (rs.next()) {
                stored.add(rs.getString(1));
            }
        }
        assertThat(stored).isEqualTo(acknowledged);
        assertThat(acknowledged).hasSizeGreaterThan(1000);
        assertThat(refused).isGreaterThan(1000);
    }
}
