package tally.ingest.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tally.testing.TestDatabase;
import tally.testing.TestDatabases;
import tally.testing.TestHttp;
import tally.testing.TestHttp.Reply;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests meant to hurt: each gets a 4xx JSON error naming the problem, nothing is stored, and the service goes on. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tally.keys.secret-key=test-secret", "tally.ingest.max-body-size=64KB", "tally.ingest.max-batch-events=50"})
class HostileRequestsTest {

    static final TestDatabase DB = TestDatabases.fresh();

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

    @AfterEach
    void stillServesAndStoredNothingBad() {
        Reply good = http.postJson("/functions/v1/ingest-event", "{\"site_id\":\"ok\",\"event_type\":\"page_view\"}");
        assertThat(good.status()).isEqualTo(202);
        assertThat(DB.count("SELECT count(*) FROM events_queue WHERE site_id <> 'ok'")).isZero();
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("malformed", "{site_id: s}", "body"),
                Arguments.of("truncated", "{\"site_id\":\"s\",\"event_ty", "body"),
                Arguments.of("empty body", "", "body"),
                Arguments.of("trailing garbage", "{\"site_id\":\"s\",\"event_type\":\"v\"} x", "body"),
                Arguments.of("duplicate keys", "{\"site_id\":\"s\",\"site_id\":\"t\",\"event_type\":\"v\"}", "body"),
                Arguments.of("deep nesting", "{\"site_id\":\"s\",\"event_type\":\"v\",\"props\":" + "[".repeat(500) + "]".repeat(500) + "}", "body"),
                Arguments.of("huge number", "{\"site_id\":\"s\",\"event_type\":\"v\",\"props\":{\"n\":1" + "0".repeat(400) + "}}", "body"),
                Arguments.of("null site", "{\"site_id\":null,\"event_type\":\"v\"}", "site_id"),
                Arguments.of("number site", "{\"site_id\":7,\"event_type\":\"v\"}", "site_id"),
                Arguments.of("object type", "{\"site_id\":\"s\",\"event_type\":{}}", "event_type"),
                Arguments.of("sql in site", "{\"site_id\":\"s'; DROP TABLE events_queue; --\",\"event_type\":\"v\"}", "site_id"),
                Arguments.of("traversal in site", "{\"site_id\":\"../../etc/passwd\",\"event_type\":\"v\"}", "site_id"),
                Arguments.of("traversal in path", "{\"site_id\":\"s\",\"event_type\":\"v\",\"path\":\"/../../etc/passwd\"}", "path"),
                Arguments.of("sql in event_id", "{\"site_id\":\"s\",\"event_type\":\"v\",\"event_id\":\"1 OR 1=1\"}", "event_id"),
                Arguments.of("sql in props name", "{\"site_id\":\"s\",\"event_type\":\"v\",\"props\":{\"a'--\":1}}", "props"),
                Arguments.of("control chars", "{\"site_id\":\"s\",\"event_type\":\"v\",\"user_id\":\"a\\u001bb\"}", "user_id"),
                Arguments.of("over-long user", "{\"site_id\":\"s\",\"event_type\":\"v\",\"user_id\":\"" + "u".repeat(300) + "\"}", "user_id"),
                Arguments.of("array on seed path", "[{\"site_id\":\"s\",\"event_type\":\"v\"}]", "event"),
                Arguments.of("bare string", "\"hello\"", "event"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void badBodiesAre400NamingTheField(String name, String body, String field) {
        Reply reply = http.postJson("/functions/v1/ingest-event", body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().get("error").stringValue()).isEqualTo("bad_request");
        assertThat(reply.json().get("field").stringValue()).isEqualTo(field);
        assertThat(reply.json().get("reason").stringValue()).isNotBlank();
    }

    /**
     * Free text (user ids, paths, referrers, prop values) may hold quotes and SQL keywords, as
     * names and titles do; every statement is parameterised, so they are stored as text and do nothing.
     */
    @Test
    void sqlInFreeTextIsStoredVerbatimAndHarmless() {
        String sql = "x'); DROP TABLE events_queue; --";
        Reply reply = http.postJson("/api/v1/events", "{\"site_id\":\"ok\",\"event_type\":\"v\",\"user_id\":\"" + sql
                + "\",\"path\":\"/q'%20OR%201=1\",\"referrer\":\"" + sql + "\",\"props\":{\"q\":\"" + sql + "\"}}");
        assertThat(reply.status()).isEqualTo(202);
        assertThat(DB.count("SELECT count(*) FROM events_queue WHERE user_id = 'x''); DROP TABLE events_queue; --'"
                + " AND referrer = user_id AND props->>'q' = user_id AND path = '/q''%20OR%201=1'")).isEqualTo(1);
    }

    @Test
    void aClientThatAcceptsNoJsonIsRefusedBeforeAnythingIsStored() {
        Reply reply = http.postJson("/functions/v1/ingest-event", "{\"site_id\":\"html\",\"event_type\":\"v\"}", "Accept", "text/html");
        assertThat(reply.status()).isEqualTo(406);
        assertThat(DB.count("SELECT count(*) FROM events_queue WHERE site_id = 'html'")).isZero();
    }

    @Test
    void requestsTomcatRefusesBeforeRoutingAreJsonToo() {
        Reply reply = http.postJson("/functions/v1/ingest-event%00", "{}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(reply.json().get("error").stringValue()).isEqualTo("bad_request");
    }

    @Test
    void invalidUtf8Is400() {
        byte[] body = "{\"site_id\":\"s\",\"event_type\":\"v\",\"path\":\"/\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1);
        Reply reply = http.postBytes("/functions/v1/ingest-event", "application/json", body);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("field").stringValue()).isEqualTo("body");
    }

    @Test
    void bodyOverTheLimitIs413() {
        String padding = "x".repeat(70 * 1024);
        Reply reply = http.postJson("/functions/v1/ingest-event", "{\"site_id\":\"s\",\"event_type\":\"v\",\"pad\":\"" + padding + "\"}");
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.json().get("reason").stringValue()).contains("65536 bytes");
    }

    @Test
    void batchOverTheEventLimitIs400() {
        String one = "{\"site_id\":\"s\",\"event_type\":\"v\"}";
        Reply reply = http.postJson("/api/v1/events", "[" + String.join(",", java.util.Collections.nCopies(51, one)) + "]");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("field").stringValue()).isEqualTo("events");
    }

    @Test
    void emptyBatchIs400() {
        Reply reply = http.postJson("/api/v1/events", "[]");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("field").stringValue()).isEqualTo("events");
    }

    @Test
    void wrongOrMissingContentTypeIs415() {
        String body = "{\"site_id\":\"s\",\"event_type\":\"v\"}";
        assertThat(http.post("/functions/v1/ingest-event", "application/xml", body).status()).isEqualTo(415);
        Reply missing = http.post("/functions/v1/ingest-event", null, body);
        assertThat(missing.status()).isEqualTo(415);
        assertThat(missing.json().get("field").stringValue()).isEqualTo("Content-Type");
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() {
        Reply unknown = http.get("/functions/v1/nope");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").stringValue()).isEqualTo("not_found");
        Reply wrongMethod = http.get("/functions/v1/ingest-event");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.json().get("error").stringValue()).isEqualTo("method_not_allowed");
    }
}
