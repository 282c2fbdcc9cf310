package tally.stats.report;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The query's JSON schema names exactly the metrics and dimensions the parser takes. */
class QuerySchemaTest {

    static JsonNode schema() throws Exception {
        try (InputStream in = QuerySchemaTest.class.getClassLoader().getResourceAsStream(ReportController.SCHEMA)) {
            return JsonMapper.builder().build().readTree(in);
        }
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }

    @Test
    void metricsAndDimensionsAreTheParsers() throws Exception {
        JsonNode properties = schema().get("properties");

        assertThat(strings(properties.at("/metrics/items/enum")))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Metric.values()).map(m -> m.apiName).toList());
        List<String> dimensions = new ArrayList<>(Arrays.stream(Dimension.values()).filter(d -> d != Dimension.PROP).map(d -> d.apiName).toList());
        dimensions.add("time");
        assertThat(strings(properties.at("/dimensions/items/anyOf/0/enum"))).containsExactlyInAnyOrderElementsOf(dimensions);
        assertThat(properties.at("/dimensions/items/anyOf/1/pattern").asString()).startsWith("^" + Dimension.PROP.apiName);
        assertThat(strings(properties.at("/include/properties/comparisons/properties/mode/enum")))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Report.Comparison.values()).map(c -> c.apiName).toList());
        assertThat(properties.at("/pagination/properties/limit/maximum").asInt()).isEqualTo(ReportParser.MAX_LIMIT);
        assertThat(strings(schema().get("required"))).containsExactlyInAnyOrder("site_id", "metrics", "date_range");
    }
}
