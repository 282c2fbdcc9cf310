package tally.ingest.enrich;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tally.testing.TestDatabase;
import tally.testing.TestDatabases;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Anonymous visitor ids: shared by instances within a day, new the next day, and the old salt gone. */
class VisitorIdsTest {

    static final TestDatabase DB = TestDatabases.fresh();
    static final JdbcClient JDBC = JdbcClient.create(new DriverManagerDataSource(DB.url(), DB.user(), DB.password()));

    static VisitorIds at(String instant) {
        return new VisitorIds(JDBC, Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    @Test
    void instancesShareADaysSaltAndTheNextDayForgetsIt() {
        VisitorIds morning = at("2026-11-28T08:00:00Z");
        VisitorIds evening = at("2026-11-28T23:59:59Z");
        String id = morning.of("shop", "8.8.8.8", "Chrome");

        assertThat(id).matches("v:[0-9a-f]{16}");
        assertThat(evening.of("shop", "8.8.8.8", "Chrome")).isEqualTo(id);
        assertThat(morning.of("blog", "8.8.8.8", "Chrome")).isNotEqualTo(id);
        assertThat(morning.of("shop", "8.8.4.4", "Chrome")).isNotEqualTo(id);
        assertThat(morning.of("shop", "8.8.8.8", "Firefox")).isNotEqualTo(id);

        VisitorIds nextDay = at("2026-11-29T00:00:01Z");
        assertThat(nextDay.of("shop", "8.8.8.8", "Chrome")).isNotEqualTo(id);
        assertThat(DB.count("SELECT count(*) FROM visitor_salts")).isEqualTo(1);
        assertThat(DB.count("SELECT count(*) FROM visitor_salts WHERE day = '2026-11-29'")).isEqualTo(1);
    }
}
