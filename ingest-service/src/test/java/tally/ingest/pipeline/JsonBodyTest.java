package tally.ingest.pipeline;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tally.common.http.BadRequestException;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonBodyTest {

    private final JsonBody json = new JsonBody();

    @ParameterizedTest
    @ValueSource(strings = {
            "", "{", "{\"site_id\":", "{\"site_id\":\"s\",}", "not json", "{} {}", "{\"a\":1,\"a\":2}",
            "[[[[[[[[[[1]]]]]]]]]]", "{\"n\":1" + "0000000000000000000000000000000000000000000000000000000000000000000" + "}"})
    void refusesWhatIsNotOneStrictJsonValue(String body) {
        assertThatThrownBy(() -> json.parse(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    org.assertj.core.api.Assertions.assertThat(e.toError().field()).isEqualTo("body");
                    org.assertj.core.api.Assertions.assertThat(e.toError().error()).isEqualTo("bad_request");
                });
    }

    @org.junit.jupiter.api.Test
    void refusesInvalidUtf8() {
        byte[] body = {'{', '"', 's', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThatThrownBy(() -> json.parse(body)).isInstanceOf(BadRequestException.class);
    }
}
