package tally.processor.privacy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tally.processor.drain.BatchProcessor;
import tally.processor.drain.RawRollups;
import tally.processor.fold.MonthToDayFold;
import tally.processor.session.RawVisits;
import tally.testing.TestDatabase;
import tally.testing.TestDatabases;
import tally.testing.TestHttp;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DELETE /api/v1/sites/{site}/users/{user} on the real server: the user's events, visits and
 * part in every rollup are gone, and every rollup is again what the events left give.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tally.keys.secret-key=test-secret", "tally.processor.scheduled=false"})
class ForgetUserTest {

    static final TestDatabase DB = TestDatabases.fresh();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DB::url);
    }

    @LocalServerPort
    int port;

    @Autowired
    BatchProcessor processor;

    @Autowired
    MonthToDayFold fold;

    /**
     * 3 sites, 20 users, 40 days over two months, a few events a visit: every user has events on
     * many days, most with a source, so every rollup and sketch holds them.
     */
    @BeforeEach
    void processedEvents() {
        DB.emptyAll();
        DB.execute("""
                INSERT INTO events_queue (site_id, event_type, path, user_id, occurred_at, source, channel, device)
                SELECT 'site-' || (i % 3), CASE WHEN i % 4 = 0 THEN 'signup' ELSE 'page_view' END, '/p' || (i % 9), 'u' || (i % 20),
                       timestamptz '2026-01-20 00:00:00+00' + (i % 40) * interval '1 day' + (i % 7) * interval '11 minutes' + i * interval '1 millisecond',
                       CASE WHEN i % 5 < 3 THEN 'Google' END, CASE WHEN i % 5 < 3 THEN 'Organic Search' END,
                       CASE WHEN i % 2 = 0 THEN 'Mobile' ELSE 'Desktop' END
                FROM generate_series(1, 3000) AS i""");
        while (processor.processOne().drained() > 0) {
            // until the queue is empty
        }
    }

    TestHttp.Reply forget(String site, String user) {
        return TestHttp.at(port).method("DELETE", "/api/v1/sites/" + site + "/users/" + user, "apikey", "test-secret");
    }

    @Test
    void theUsersEventsVisitsAndPartInEveryRollupAreGone() {
        long events = DB.count("SELECT count(*) FROM events WHERE site_id = 'site-1' AND user_id = 'u7'");
        long visits = DB.count("SELECT count(*) FROM visits WHERE site_id = 'site-1' AND visitor_id = 'u7'");
        long elsewhere = DB.count("SELECT count(*) FROM events WHERE site_id <> 'site-1' AND user_id = 'u7'");
        assertThat(events).isPositive();
        assertThat(elsewhere).isPositive();

        TestHttp.Reply reply = forget("site-1", "u7");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("events_deleted").asLong()).isEqualTo(events);
        assertThat(reply.json().get("visits_deleted").asLong()).isEqualTo(visits);
        assertThat(DB.count("SELECT count(*) FROM events WHERE site_id = 'site-1' AND user_id = 'u7'")).isZero();
        assertThat(DB.count("SELECT count(*) FROM visits WHERE site_id = 'site-1' AND visitor_id = 'u7'")).isZero();
        assertThat(DB.count("SELECT count(*) FROM events WHERE site_id <> 'site-1' AND user_id = 'u7'")).isEqualTo(elsewhere);
        RawRollups.assertMatch(DB);
        RawVisits.assertMatch(DB);
        // All of one batch: no late event moved a visit, so every source sketch is exact, the user's removal included.
        assertThat(DB.count("""
                SELECT count(*) FROM rollup_daily_visits r
                WHERE dimension = 'source' AND estimate <> (
                    SELECT count(DISTINCT visitor_id) FROM visits v
                    WHERE v.site_id = r.site_id AND (v.started_at AT TIME ZONE 'UTC')::date = r.day AND v.source = r.value)""")).isZero();
    }

    @Test
    void anUnknownUserIsNothingToForgetAndABadSiteIsRefused() {
        TestHttp.Reply unknown = forget("site-1", "nobody");
        TestHttp.Reply bad = forget("a!b", "u1");
        TestHttp.Reply anonymous = TestHttp.at(port).method("DELETE", "/api/v1/sites/site-1/users/u1");

        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.json().get("events_deleted").asLong()).isZero();
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asString()).isEqualTo("site_id");
        assertThat(anonymous.status()).isEqualTo(401);
        RawRollups.assertMatch(DB);
    }

    /**
     * The running totals go stale from the user's first day (u7 of site-1 has events on January
     * 27th and February 16th; the site's begin on the 20th), not from the site's first: the next
     * fold makes again only the days from the 27th, and they equal the daily rows left.
     */
    @Test
    void theRunningTotalsAreFoldedAgainFromTheUsersFirstDayOnly() {
        fold.foldAll();

        assertThat(forget("site-1", "u7").status()).isEqualTo(200);

        assertThat(DB.text("SELECT refold_from FROM folded_days WHERE site_id = 'site-1'")).isEqualTo("2026-01-27");
        assertThat(DB.text("SELECT refold_from FROM folded_days WHERE site_id = 'site-0'")).isNull();
        LocalDate firstDay = LocalDate.parse("2026-01-27");
        assertThat(fold.foldAll()).isEqualTo(ChronoUnit.DAYS.between(firstDay, LocalDate.now(ZoneOffset.UTC)));
        for (String monthEnd : new String[] {"2026-01-31", "2026-02-28"}) {
            String totals = "SELECT path, page_views, events FROM rollup_month_to_day_paths WHERE site_id = 'site-1' AND day = '%s'"
                    .formatted(monthEnd);
            String sums = """
                    SELECT path, sum(page_views), sum(events) FROM rollup_daily_paths
                    WHERE site_id = 'site-1' AND day BETWEEN date_trunc('month', DATE '%1$s') AND '%1$s'
                    GROUP BY path HAVING sum(events) <> 0""".formatted(monthEnd);
            assertThat(DB.count("SELECT count(*) FROM ((%s EXCEPT %s) UNION ALL (%2$s EXCEPT %1$s)) AS d".formatted(totals, sums)))
                    .as("totals to %s", monthEnd).isZero();
            assertThat(DB.count("SELECT count(*) FROM (" + totals + ") AS t")).isPositive();
        }
    }
}
