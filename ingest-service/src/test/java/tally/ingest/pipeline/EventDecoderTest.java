package tally.ingest.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class EventDecoderTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private final JsonBody json = new JsonBody();
    private final EventDecoder decoder = new EventDecoder(Clock.fixed(NOW, ZoneOffset.UTC),
            Duration.ofDays(30), Duration.ofHours(1), json.mapper());

    private Decoded decode(String body) {
        JsonNode node = json.parse(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return decoder.decode(node);
    }

    @Test
    void seedExampleKeepsEveryField() {
        Decoded d = decode("""
                {"site_id":"site-abc-123","event_type":"page_view","path":"/pricing",
                 "user_id":"user-xyz-789","timestamp":"2026-05-31T19:30:01Z"}""");
        assertThat(d).isEqualTo(new Decoded.Valid(new Event("site-abc-123", "page_view", "/pricing", "user-xyz-789",
                Instant.parse("2026-05-31T19:30:01Z"), null, null, null, EventContext.NONE)));
    }

    @Test
    void defaultsAreTheSeeds() {
        Decoded d = decode("{\"site_id\":\"s\",\"event_type\":\"click\"}");
        assertThat(d).isEqualTo(new Decoded.Valid(new Event("s", "click", "/", "anonymous", NOW, null, null, null, EventContext.NONE)));
    }

    @Test
    void nullOptionalFieldsMeanAbsent() {
        Decoded d = decode("{\"site_id\":\"s\",\"event_type\":\"click\",\"path\":null,\"user_id\":null,\"timestamp\":null}");
        assertThat(d).isEqualTo(new Decoded.Valid(new Event("s", "click", "/", "anonymous", NOW, null, null, null, EventContext.NONE)));
    }

    @Test
    void propsAreNormalizedToFlatJson() {
        Decoded d = decode("{\"site_id\":\"s\",\"event_type\":\"signup\",\"props\":{\"plan\":\"pro\",\"seats\":3,\"trial\":true}}");
        assertThat(d).isInstanceOfSatisfying(Decoded.Valid.class, v ->
                assertThat(v.event().propsJson()).isEqualTo("{\"plan\":\"pro\",\"seats\":3,\"trial\":true}"));
    }

    @Test
    void offsetsAreConvertedToInstants() {
        Decoded d = decode("{\"site_id\":\"s\",\"event_type\":\"v\",\"timestamp\":\"2026-06-01T13:30:00+02:00\"}");
        assertThat(d).isInstanceOfSatisfying(Decoded.Valid.class, v ->
                assertThat(v.event().occurredAt()).isEqualTo(Instant.parse("2026-06-01T11:30:00Z")));
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            {"event_type":"v"}                                        | site_id    | is required
            {"site_id":null,"event_type":"v"}                         | site_id    | is required
            {"site_id":"","event_type":"v"}                           | site_id    | must not be empty
            {"site_id":"s"}                                           | event_type | is required
            {"site_id":42,"event_type":"v"}                           | site_id    | must be a string
            {"site_id":["s"],"event_type":"v"}                        | site_id    | must be a string
            {"site_id":"a b","event_type":"v"}                        | site_id    | may contain only letters, digits and '.', '_' or '-'
            {"site_id":"x' OR 1=1--","event_type":"v"}                | site_id    | may contain only letters, digits and '.', '_' or '-'
            {"site_id":"s","event_type":"v;DROP TABLE events"}        | event_type | may contain only letters, digits and '.', '_', ':' or '-'
            {"site_id":"s","event_type":"v","path":"pricing"}         | path       | must start with '/'
            {"site_id":"s","event_type":"v","path":"/a\\u0000b"}      | path       | must not contain control characters
            {"site_id":"s","event_type":"v","path":"/../etc/passwd"}  | path       | must be a normalized URL path: no whitespace, no '.' or '..' segments
            {"site_id":"s","event_type":"v","path":"/a/./b"}          | path       | must be a normalized URL path: no whitespace, no '.' or '..' segments
            {"site_id":"s","event_type":"v","path":"/a/.."}           | path       | must be a normalized URL path: no whitespace, no '.' or '..' segments
            {"site_id":"s","event_type":"v","path":"/a b"}            | path       | must be a normalized URL path: no whitespace, no '.' or '..' segments
            {"site_id":"s","event_type":"v","user_id":""}             | user_id    | must not be empty; omit it for anonymous
            {"site_id":"s","event_type":"v","user_id":"\\ud800"}      | user_id    | must be valid Unicode text
            {"site_id":"s","event_type":"v","timestamp":"yesterday"}  | timestamp  | must be an ISO 8601 date-time with an offset, e.g. 2025-11-12T19:30:01Z
            {"site_id":"s","event_type":"v","timestamp":"2026-06-01T12:00:00"} | timestamp | must be an ISO 8601 date-time with an offset, e.g. 2025-11-12T19:30:01Z
            {"site_id":"s","event_type":"v","timestamp":"2026-06-01T14:00:00Z"} | timestamp | is more than 60 minutes in the future
            {"site_id":"s","event_type":"v","timestamp":"2026-04-01T12:00:00Z"} | timestamp | is more than 30 days in the past
            {"site_id":"s","event_type":"v","event_id":"a/b"}         | event_id   | may contain only letters, digits and '.', '_', ':' or '-'
            {"site_id":"s","event_type":"v","props":[1]}              | props      | must be an object of names to strings, numbers or booleans
            {"site_id":"s","event_type":"v","props":{"a":{"b":1}}}    | props.a    | must be a string, a finite number or a boolean
            {"site_id":"s","event_type":"v","props":{"a":null}}       | props.a    | must be a string, a finite number or a boolean
            {"site_id":"s","event_type":"v","props":{"a b":1}}        | props      | names must be 1-64 letters, digits, '.', '_', ':' or '-'
            """)
    void rejectsNamingFieldAndReason(String body, String field, String reason) {
        assertThat(decode(body)).isEqualTo(new Decoded.Invalid(field, reason));
    }

    @Test
    void rejectsOverLongFieldsWithTheirLength() {
        String longPath = "/" + "a".repeat(Limits.PATH_MAX);
        assertThat(decode("{\"site_id\":\"s\",\"event_type\":\"v\",\"path\":\"" + longPath + "\"}"))
                .isEqualTo(new Decoded.Invalid("path", "must be at most 2048 characters, was 2049"));
        assertThat(decode("{\"site_id\":\"" + "s".repeat(65) + "\",\"event_type\":\"v\"}"))
                .isEqualTo(new Decoded.Invalid("site_id", "must be at most 64 characters, was 65"));
    }

    @Test
    void rejectsTooManyProps() {
        StringBuilder props = new StringBuilder("{");
        for (int i = 0; i <= Limits.PROPS_MAX; i++) {
            props.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
        }
        props.append("}");
        assertThat(decode("{\"site_id\":\"s\",\"event_type\":\"v\",\"props\":" + props + "}"))
                .isEqualTo(new Decoded.Invalid("props", "may have at most 30 entries, had 31"));
    }

    @Test
    void anythingButAnObjectIsNotAnEvent() {
        assertThat(decode("[1]")).isEqualTo(new Decoded.Invalid("event", "must be a JSON object"));
        assertThat(decode("\"s\"")).isEqualTo(new Decoded.Invalid("event", "must be a JSON object"));
    }
}
