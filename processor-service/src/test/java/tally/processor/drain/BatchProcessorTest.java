package tally.processor.drain;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tally.processor.rollup.BatchAggregate;
import tally.processor.rollup.DailyUsers;
import tally.processor.rollup.KeptEvent;
import tally.testing.TestDatabase;
import tally.testing.TestDatabases;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The batch transaction against real PostgreSQL, checked against brute-force counts of the raw events. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"tally.keys.secret-key=test-secret", "tally.processor.scheduled=false", "tally.processor.batch-size=500"})
class BatchProcessorTest {

    static final TestDatabase DB = TestDatabases.fresh();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DB::url);
    }

    @Autowired
    BatchProcessor processor;

    @BeforeEach
    void empty() {
        DB.emptyAll();
    }

    /** {@code n} realistic rows: 3 sites, 4 days, 11 paths, 97 users, one in five a click. */
    static void enqueue(int n, String eventIdPrefix) {
        String eventId = eventIdPrefix == null ? "NULL" : "'" + eventIdPrefix + "' || i";
        DB.execute("""
                INSERT INTO events_queue (site_id, event_type, path, user_id, occurred_at, event_id)
                SELECT 'site-' || (i % 3), CASE WHEN i % 5 = 0 THEN 'click' ELSE 'page_view' END,
                       '/p' || (i % 11), 'u' || (i % 97),
                       timestamptz '2026-01-01 00:00:00+00' + (i % 4) * interval '1 day' + (i % 3600) * interval '1 second',
                       EVENT_ID
                FROM generate_series(1, COUNT) AS i""".replace("EVENT_ID", eventId).replace("COUNT", Integer.toString(n)));
    }

    void drainAll() {
        while (processor.processOne().drained() > 0) {
            // until the queue is empty
        }
    }

    @Test
    void aBatchMovesEventsAndUpdatesEveryRollup() {
        enqueue(1200, null);
        drainAll();

        assertThat(DB.count("SELECT count(*) FROM events_queue")).isZero();
        assertThat(DB.count("SELECT count(*) FROM events")).isEqualTo(1200);
        assertRollupsMatchRawEvents();
    }

    /** A backfill: every batch spread over hundreds of site-days, the second round merging into the first's sketches. */
    @Test
    void aBackfillOverManySiteDaysIsCountedExactly() {
        String backfill = """
                INSERT INTO events_queue (site_id, event_type, path, user_id, occurred_at)
                SELECT 'site-' || (i % 2), 'page_view', '/', 'u' || (i % 7),
                       timestamptz '2025-01-01 00:00:00+00' + (i % 700) * interval '1 day'
                FROM generate_series(1, 2800) AS i""";
        DB.execute(backfill);
        // Batches of 500 rows here: the first two together cover the 700 site-days, the second
        // one's merges spanning days that the first inserted.
        assertThat(processor.processOne().siteDays()).hasSize(500);
        DB.execute(backfill);
        drainAll();

        assertThat(DB.count("SELECT count(*) FROM rollup_daily_users")).isEqualTo(700);
        assertRollupsMatchRawEvents();
    }

    @Autowired
    DailyUsers dailyUsers;

    @Autowired
    TransactionTemplate transaction;

    /** More site-days in one aggregate than SketchUpsert.CHUNK (500): inserted, then merged, chunk by chunk. */
    @Test
    void sketchesOfMoreSiteDaysThanOneChunkAreAllWritten() {
        LocalDate first = LocalDate.of(2024, 1, 1);
        for (String user : List.of("a", "b")) {
            List<KeptEvent> events = new ArrayList<>();
            for (int d = 0; d < 1200; d++) {
                events.add(new KeptEvent("site-" + (d % 2), "page_view", "/", user, first.plusDays(d)));
            }
            transaction.executeWithoutResult(status -> dailyUsers.add(BatchAggregate.of(events)));
        }
        assertThat(DB.count("SELECT count(*) FROM rollup_daily_users")).isEqualTo(1200);
        assertThat(DB.count("SELECT count(*) FROM rollup_daily_users WHERE estimate = 2")).isEqualTo(1200);
    }

    @Test
    void whatEnrichmentFoundIsMovedToEventsAsItIs() {
        DB.execute("""
                INSERT INTO events_queue (site_id, event_type, path, user_id, occurred_at, hostname, title, source, channel,
                    utm_source, utm_medium, utm_campaign, utm_content, utm_term, browser, os, device, country, language,
                    screen_width, revenue_amount, revenue_currency, visitor_id, props)
                VALUES ('shop', 'purchase', '/thanks', 'anonymous', now(), 'shop.example', 'Thanks', 'Google', 'Paid',
                    'google', 'cpc', 'bf', 'ad-1', 'shoes', 'Chrome', 'Windows', 'Desktop', 'CH', 'de-CH',
                    1440, 12.5, 'EUR', 'v:0123456789abcdef', '{"plan": "pro", "seats": 3, "trial": false}')""");
        drainAll();

        assertThat(DB.count("""
                SELECT count(*) FROM events WHERE hostname = 'shop.example' AND title = 'Thanks' AND source = 'Google'
                  AND channel = 'Paid' AND utm_source = 'google' AND utm_medium = 'cpc' AND utm_campaign = 'bf'
                  AND utm_content = 'ad-1' AND utm_term = 'shoes' AND browser = 'Chrome' AND os = 'Windows'
                  AND device = 'Desktop' AND country = 'CH' AND language = 'de-CH' AND screen_width = 1440
                  AND revenue_amount = 12.5 AND revenue_currency = 'EUR' AND visitor_id = 'v:0123456789abcdef'""")).isEqualTo(1);
        assertThat(DB.count("""
                SELECT count(*) FROM rollup_daily_dimensions
                WHERE site_id = 'shop' AND page_views = 0 AND events = 1 AND estimate = 1
                  AND (dimension, value) IN (('all', ''), ('device', 'Desktop'), ('browser', 'Chrome'), ('os', 'Windows'),
                                             ('country', 'CH'), ('hostname', 'shop.example'), ('name', 'purchase'),
                                             ('prop:plan', 'pro'), ('prop:seats', '3'), ('prop:trial', 'false'))""")).isEqualTo(10);
        assertThat(DB.count("SELECT count(*) FROM rollup_daily_dimensions")).isEqualTo(10);
    }

    /** 20:00 UTC on New Year's Day is already the 2nd in Tokyo: a site in that zone counts it on the 2nd. */
    @Test
    void eventsCountOnTheirSitesLocalDay() {
        DB.execute("INSERT INTO site_settings (site_id, time_zone) VALUES ('tokyo', 'Asia/Tokyo')");
        DB.execute("""
                INSERT INTO events_queue (site_id, event_type, path, user_id, occurred_at)
                VALUES ('tokyo', 'page_view', '/', 'u', '2026-01-01 20:00Z'), ('utc', 'page_view', '/', 'u', '2026-01-01 20:00Z'),
                       ('tokyo', 'page_view', '/', 'u', '2026-01-31 16:00Z')""");
        drainAll();

        assertThat(DB.count("SELECT count(*) FROM rollup_daily_events WHERE site_id = 'tokyo' AND day = '2026-01-02'")).isEqualTo(1);
        assertThat(DB.count("SELECT count(*) FROM rollup_daily_events WHERE site_id = 'utc' AND day = '2026-01-01'")).isEqualTo(1);
        assertThat(DB.count("SELECT count(*) FROM rollup_daily_dimensions WHERE site_id = 'tokyo' AND day = '2026-01-02'")).isPositive();
        assertThat(DB.count("""
                SELECT count(*) FROM rollup_daily_visits WHERE site_id = 'tokyo' AND dimension = 'all' AND day IN ('2026-01-02', '2026-02-01')""")).isEqualTo(2);
        assertThat(DB.count("SELECT page_views FROM rollup_monthly_paths WHERE site_id = 'tokyo' AND month = '2026-02-01'"))
                .as("the 31st at 16:00 UTC is February in Tokyo").isEqualTo(1);
    }

    @Test
    void repeatedEventIdsAreCountedOnce() {
        enqueue(300, "e-");
        enqueue(300, "e-");
        drainAll();
        enqueue(300, "e-");
        drainAll();

        assertThat(DB.count("SELECT count(*) FROM events")).isEqualTo(300);
        assertThat(DB.count("SELECT count(*) FROM seen_event_ids")).isEqualTo(300);
        assertRollupsMatchRawEvents();
    }

    @Test
    void concurrentProcessorsNeverDoubleCount() throws Exception {
        enqueue(20_000, null);
        enqueue(2_000, "dup-");
        enqueue(2_000, "dup-");
        try (var pool = Executors.newFixedThreadPool(4)) {
            List<Future<Integer>> drained = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                drained.add(pool.submit(() -> {
                    int total = 0;
                    int n;
                    while ((n = processor.processOne().drained()) > 0) {
                        total += n;
                    }
                    return total;
                }));
            }
            int total = 0;
            for (Future<Integer> f : drained) {
                total += f.get();
            }
            assertThat(total).isEqualTo(24_000);
        }
        assertThat(DB.count("SELECT count(*) FROM events_queue")).isZero();
        assertThat(DB.count("SELECT count(*) FROM events")).isEqualTo(22_000);
        assertRollupsMatchRawEvents();
    }

    static void assertRollupsMatchRawEvents() {
        RawRollups.assertMatch(DB);
    }
}
