package tally.stats.report;

import org.junit.jupiter.api.BeforeAll;
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

/** POST /api/v2/retention over the processor's retention rollup, on the real server. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tally.keys.secret-key=test-secret")
class RetentionTest {

    static final TestDatabase DB = TestDatabases.fresh();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DB::url);
    }

    @LocalServerPort
    int port;

    /**
     * The processor's rollup (RawVisits checks it against the raw events), for weekly cohorts:
     * 2025-11-03 of three visitors, two back the next week and one three weeks later;
     * 2025-11-10 of one, never back. A daily cohort today, of one; another site's cohort.
     */
    @BeforeAll
    static void cohorts() {
        DB.execute("""
                INSERT INTO rollup_retention (site_id, unit, cohort, period, visitors) VALUES
                  ('shop', 'week', '2025-11-03', 0, 3), ('shop', 'week', '2025-11-03', 1, 2), ('shop', 'week', '2025-11-03', 3, 1),
                  ('shop', 'week', '2025-11-10', 0, 1), ('shop', 'week', '2025-11-10', 1, 0), ('shop', 'week', '2025-10-27', 0, 9),
                  ('shop', 'day', current_date, 0, 1), ('blog', 'week', '2025-11-03', 0, 5)""");
    }

    Reply retention(String json) {
        return TestHttp.at(port).postJson("/api/v2/retention", json, "apikey", "test-secret");
    }

    @Test
    void eachWeeklyCohortCountsItsVisitorsBackInEachWeekAfter() {
        Reply reply = retention("""
                {"site_id": "shop", "date_range": ["2025-11-03", "2025-11-16"], "period": "week", "periods": 3}""");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("cohorts").toString()).isEqualTo("""
                [{"cohort":"2025-11-03","visitors":3,"returning":[3,2,0,1],"retention":[100.0,66.67,0.0,33.33]},\
                {"cohort":"2025-11-10","visitors":1,"returning":[1,0,0,0],"retention":[100.0,0.0,0.0,0.0]}]""");
        assertThat(reply.json().get("meta").toString())
                .isEqualTo("{\"period\":\"week\",\"periods\":3,\"time_range\":{\"from\":\"2025-11-03\",\"to\":\"2025-11-16\"}}");
    }

    @Test
    void periodsStillToComeAreNull() {
        Reply reply = retention("""
                {"site_id": "shop", "date_range": "day", "period": "day", "periods": 2}""");

        assertThat(reply.json().get("cohorts").toString())
                .endsWith("\"visitors\":1,\"returning\":[1,null,null],\"retention\":[100.0,null,null]}]");
    }

    @Test
    void badPartsAreNamed() {
        Reply period = retention("{\"site_id\": \"shop\", \"date_range\": \"30d\", \"period\": \"year\"}");
        Reply periods = retention("{\"site_id\": \"shop\", \"date_range\": \"30d\", \"periods\": 53}");
        Reply field = retention("{\"site_id\": \"shop\", \"date_range\": \"30d\", \"cohort\": \"week\"}");

        assertThat(period.status()).isEqualTo(400);
        assertThat(period.json().get("field").asString()).isEqualTo("period");
        assertThat(periods.json().get("reason").asString()).contains("from 1 to 52");
        assertThat(field.json().get("reason").asString()).contains("not a retention field");
    }
}
