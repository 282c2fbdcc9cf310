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

/** POST /api/v2/retention over the processor's visitors and visits, on the real server. */
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
     * Week of 2025-11-03: a (back the next week and three weeks later), b (back the next week),
     * d (never back); week of 2025-11-10: c (back the same week only); today: g.
     */
    @BeforeAll
    static void visits() {
        DB.execute("""
                INSERT INTO visitors VALUES ('shop', 'a', '2025-11-03 10:00Z', '2025-11-24 10:00Z'),
                  ('shop', 'b', '2025-11-04 10:00Z', '2025-11-12 10:00Z'), ('shop', 'c', '2025-11-11 10:00Z', '2025-11-13 10:00Z'),
                  ('shop', 'd', '2025-11-05 10:00Z', '2025-11-05 10:00Z'), ('shop', 'g', now(), now()),
                  ('blog', 'a', '2025-11-03 10:00Z', '2025-11-03 10:00Z');
                INSERT INTO visits (site_id, visitor_id, started_at, ended_at, day, page_views, events, source, channel)
                SELECT 'shop', v, t::timestamptz, t::timestamptz, t::date, 1, 1, 'Direct / None', 'Direct'
                FROM (VALUES ('a', '2025-11-03 10:00Z'), ('a', '2025-11-10 10:00Z'), ('a', '2025-11-24 10:00Z'),
                             ('b', '2025-11-04 10:00Z'), ('b', '2025-11-12 10:00Z'), ('c', '2025-11-11 10:00Z'),
                             ('c', '2025-11-13 10:00Z'), ('d', '2025-11-05 10:00Z')) x(v, t);
                INSERT INTO visits (site_id, visitor_id, started_at, ended_at, day, page_views, events, source, channel)
                VALUES ('shop', 'g', now(), now(), current_date, 1, 1, 'Direct / None', 'Direct')""");
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
