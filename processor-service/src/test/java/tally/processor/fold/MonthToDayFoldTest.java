package tally.processor.fold;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tally.processor.drain.BatchProcessor;
import tally.processor.retention.RetentionSweep;
import tally.processor.rollup.SiteDay;
import tally.testing.TestDatabase;
import tally.testing.TestDatabases;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The running totals the fold keeps, checked against plain sums of the daily rollups and distinct
 * counts of the events, with late events and batches racing folds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"tally.keys.secret-key=test-secret", "tally.processor.scheduled=false", "tally.processor.batch-size=300",
                "tally.processor.fold-pages-per-insert=5"}) // 13 pages a day: written in three statements, while the rows stream
class MonthToDayFoldTest {

    static final TestDatabase DB = TestDatabases.fresh();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DB::url);
    }

    @Autowired
    BatchProcessor processor;

    @Autowired
    MonthToDayFold fold;

    @Autowired
    FoldedDays folds;

    @Autowired
    RetentionSweep sweep;

    @Autowired
    TransactionTemplate transaction;

    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @BeforeEach
    void empty() {
        DB.emptyAll();
    }

    /** {@code n} events of 3 sites, 13 paths and 50 users, on the 40 days to today (a month's end among them), from {@code seed}. */
    static void enqueue(int n, int seed) {
        DB.execute("""
                INSERT INTO events_queue (site_id, event_type, path, user_id, occurred_at, referrer)
                SELECT 'site-' || (i %% 3), CASE WHEN i %% 4 = 0 THEN 'click' ELSE 'page_view' END, '/p' || (i * 7 %% 13),
                       'u' || (i * 11 %% 50), now() - ((i * 37 + %d) %% 40) * interval '1 day' - (i %% 600) * interval '1 minute',
                       CASE WHEN i %% 3 = 0 THEN 'https://news.example/' END
                FROM generate_series(1, %d) AS i""".formatted(seed, n));
    }

    void drainAll() {
        while (processor.processOne().drained() > 0) {
            // until the queue is empty
        }
    }

    /**
     * Running total rows that differ from the sums of their month's daily rows up to their day,
     * and from their day to the month's end for months folded whole (or for a page's visitors,
     * from the distinct visitors of its events), and six days' rows from the sums of their day's
     * and the five before, over every site's folded days (for six days' sums, those the fold
     * keeps them for), both ways: a wrong, missing or extra row counts.
     */
    static long mismatches() {
        return mismatches("rollup_month_to_day", "date_trunc('month', d) AND d", "true")
                + mismatches("rollup_month_from_day", "d AND %s".formatted(END_OF_MONTH), END_OF_MONTH + " <= f.through")
                + mismatches("rollup_six_days", "d::date - 5 AND d", "d >= f.six_days_from");
    }

    static final String END_OF_MONTH = "(date_trunc('month', d) + interval '1 month - 1 day')::date";

    /**
     * The mismatches of one kind of running totals (the tables {@code stem}_paths and _visits),
     * each the sums of days {@code span} (SQL of day d) where {@code held}.
     */
    static long mismatches(String stem, String span, String held) {
        String days = """
                FROM folded_days f CROSS JOIN generate_series(date_trunc('month', f.through - 60), f.through, interval '1 day') AS d
                JOIN %%s r ON r.site_id = f.site_id AND r.day BETWEEN %s WHERE %s""".formatted(span, held);
        String expectedPaths = """
                SELECT r.site_id, d::date, path, sum(page_views), sum(events) %s
                GROUP BY 1, 2, 3 HAVING sum(page_views) <> 0 OR sum(events) <> 0""".formatted(days.formatted("rollup_daily_paths"));
        String keptPaths = "SELECT site_id, day, path, page_views, events FROM %s_paths".formatted(stem);
        String expectedVisits = """
                SELECT r.site_id, d::date, dimension, value, sum(visits), sum(bounces), sum(duration), sum(page_views), sum(events) %s
                GROUP BY 1, 2, 3, 4 HAVING sum(visits) <> 0 OR sum(duration) <> 0 OR sum(page_views) <> 0 OR sum(events) <> 0"""
                .formatted(days.formatted("rollup_daily_visits"));
        String keptVisits = "SELECT site_id, day, dimension, value, visits, bounces, duration, page_views, events FROM %s_visits"
                .formatted(stem);
        // 50 users: every sketch is still a list of their hashes, so a union's estimate is the exact count.
        String expectedVisitors = "SELECT r.site_id, d::date, path, count(DISTINCT coalesce(visitor_id, user_id)) %s GROUP BY 1, 2, 3"
                .formatted(days.formatted("events"));
        String keptVisitors = "SELECT site_id, day, path, estimate FROM %s_paths".formatted(stem);
        String bothWays = "SELECT count(*) FROM ((%1$s EXCEPT %2$s) UNION ALL (%2$s EXCEPT %1$s)) x";
        return DB.count(bothWays.formatted(expectedPaths, keptPaths)) + DB.count(bothWays.formatted(expectedVisits, keptVisits))
                + DB.count(bothWays.formatted(expectedVisitors, keptVisitors));
    }

    /**
     * Sketched visit rows of finished days whose visitors differ from the distinct visitors of the
     * visits with their value on their day, both ways: a visitor counted under a value none of
     * their visits has any more, or missing from one.
     */
    static long visitSketchMismatches() {
        return visitSketchMismatches("true");
    }

    /** The same, of the rows whose site_id and day meet {@code rows} (SQL). */
    static long visitSketchMismatches(String rows) {
        String expected = """
                SELECT v.site_id, v.day, d.dimension, d.value, count(DISTINCT v.visitor_id)
                FROM visits v CROSS JOIN LATERAL (VALUES ('source', v.source), ('channel', v.channel), ('referrer', v.referrer),
                    ('utm_source', v.utm_source), ('utm_medium', v.utm_medium), ('utm_campaign', v.utm_campaign),
                    ('utm_content', v.utm_content), ('utm_term', v.utm_term), ('entry_page', v.entry_page),
                    ('exit_page', v.exit_page)) AS d(dimension, value)
                WHERE v.day < CURRENT_DATE AND d.value IS NOT NULL AND (%s)
                GROUP BY 1, 2, 3, 4""".formatted(rows);
        String kept = """
                SELECT site_id, day, dimension, value, estimate FROM rollup_daily_visits
                WHERE day < CURRENT_DATE AND users IS NOT NULL AND (%s)""".formatted(rows);
        return DB.count("SELECT count(*) FROM ((%1$s EXCEPT %2$s) UNION ALL (%2$s EXCEPT %1$s)) x".formatted(expected, kept));
    }

    @Test
    void everyFinishedDayIsFoldedIntoItsMonthsRunningTotals() {
        enqueue(3000, 0);
        drainAll();
        assertThat(visitSketchMismatches()).as("batches leave visitors under the pages their visits ended on before").isPositive();

        int folded = fold.foldAll();

        assertThat(DB.text("SELECT string_agg(DISTINCT through || ' ' || (refold_from IS NULL), ',') FROM folded_days"))
                .isEqualTo(TODAY.minusDays(1) + " true");
        assertThat(DB.count("SELECT count(*) FROM folded_days")).isEqualTo(3);
        assertThat(folded).isEqualTo(DB.count("SELECT sum(CURRENT_DATE - first) FROM (SELECT min(day) AS first FROM rollup_daily_events GROUP BY site_id) s"));
        assertThat(DB.count("SELECT count(*) FROM rollup_month_to_day_paths WHERE day >= CURRENT_DATE")).isZero();
        assertThat(DB.count("SELECT count(*) FROM rollup_month_to_day_paths")).isPositive();
        assertThat(DB.count("SELECT count(*) FROM rollup_month_from_day_paths")).as("a month's end among the days").isPositive();
        assertThat(DB.count("SELECT count(*) FROM rollup_six_days_paths WHERE day >= CURRENT_DATE")).isZero();
        assertThat(DB.count("SELECT count(*) FROM rollup_six_days_visits")).isPositive();
        // 40 days of events: six days' sums to the last two weeks' days only.
        LocalDate sixDaysFrom = TODAY.minusDays(MonthToDayFold.SIX_DAYS_KEPT);
        assertThat(DB.text("SELECT string_agg(DISTINCT six_days_from::text, ',') FROM folded_days")).isEqualTo(sixDaysFrom.toString());
        assertThat(DB.text("SELECT min(day) || ' ' || count(DISTINCT day) FROM rollup_six_days_paths"))
                .isEqualTo(sixDaysFrom + " " + MonthToDayFold.SIX_DAYS_KEPT);
        assertThat(mismatches()).isZero();
        assertThat(visitSketchMismatches()).as("each finished day's visit sketches made again from its visits").isZero();
        assertThat(fold.foldAll()).as("nothing left to fold").isZero();
    }

    /**
     * A processor of the code before V27 (or V31), still running during an upgrade, writes no
     * totals from a day (or six days' sums): it cannot save the state of its fold, so readers
     * never take totals it did not write.
     */
    @Test
    void aFoldOfTheCodeBeforeTheTotalsFromADayCannotSaveItsState() {
        String before = """
                INSERT INTO folded_days (site_id, through, refold_from) VALUES ('site-0', CURRENT_DATE - 1, NULL)
                ON CONFLICT (site_id) DO UPDATE SET through = excluded.through, refold_from = excluded.refold_from""";
        assertThatThrownBy(() -> DB.execute(before)).rootCause().hasMessageContaining("from_day_totals");
        enqueue(300, 0);
        drainAll();
        fold.foldAll();
        assertThatThrownBy(() -> DB.execute(before)).as("nor over a saved one").rootCause().hasMessageContaining("from_day_totals");
        String beforeSixDays = """
                INSERT INTO folded_days (site_id, through, refold_from, from_day_totals) VALUES ('site-0', CURRENT_DATE - 1, NULL, true)
                ON CONFLICT (site_id) DO UPDATE SET through = excluded.through, refold_from = excluded.refold_from""";
        assertThatThrownBy(() -> DB.execute(beforeSixDays)).as("nor one before V31's six days")
                .rootCause().hasMessageContaining("six_days_totals");
    }

    @Test
    void aLateEventMarksItsDayStaleUntilTheNextFoldMakesItAgain() {
        enqueue(3000, 0);
        drainAll();
        fold.foldAll();
        LocalDate late = TODAY.minusDays(30);

        DB.execute("INSERT INTO events_queue (site_id, event_type, path, user_id, occurred_at) VALUES ('site-1', 'page_view', '/late', 'u1', '"
                + late + " 12:00:00+00')");
        drainAll();

        assertThat(DB.text("SELECT refold_from FROM folded_days WHERE site_id = 'site-1'")).isEqualTo(late.toString());
        assertThat(DB.text("SELECT refold_from FROM folded_days WHERE site_id = 'site-0'")).isNull();
        assertThat(mismatches()).as("the stale totals miss the late event").isPositive();

        assertThat(fold.foldAll()).isEqualTo(30);
        assertThat(DB.text("SELECT refold_from FROM folded_days WHERE site_id = 'site-1'")).isNull();
        assertThat(mismatches()).isZero();
        assertThat(visitSketchMismatches()).isZero();
    }

    /**
     * The days whose visits the retention sweep may have deleted keep the sketches batches made:
     * made again from the visits left, they would count no one. The days after are made again.
     */
    @Test
    void daysTheRetentionSweepBeganOnKeepTheirVisitSketches() {
        enqueue(3000, 0);
        drainAll();
        DB.execute("INSERT INTO site_settings (site_id, retention_days) VALUES ('site-1', 10)");
        sweep.sweep();
        String swept = "site_id = 'site-1' AND day < CURRENT_DATE - 11";
        assertThat(DB.count("SELECT count(*) FROM visits WHERE " + swept)).as("swept").isZero();

        fold.foldAll();

        assertThat(DB.count("SELECT count(*) FROM rollup_daily_visits WHERE dimension = 'exit_page' AND users IS NOT NULL AND " + swept))
                .isPositive();
        LocalDate firstWhole = TODAY.minusDays(8);
        assertThat(visitSketchMismatches("site_id <> 'site-1' OR day >= '" + firstWhole + "'")).isZero();
        assertThat(visitSketchMismatches("site_id = 'site-1' AND day < '" + firstWhole + "'")).as("kept as batches left them").isPositive();
    }

    /**
     * A site whose first days lost all their events (a user forgotten) keeps no totals of them:
     * the fold clears from the first stale day, which now comes before the site's first day.
     */
    @Test
    void aSiteWhoseFirstDaysWereEmptiedKeepsNoTotalsOfThem() {
        enqueue(3000, 0);
        drainAll();
        fold.foldAll();
        String firstDays = "site_id = 'site-1' AND day < CURRENT_DATE - 30";
        LocalDate first = LocalDate.parse(DB.text("SELECT min(day) FROM rollup_daily_events WHERE " + firstDays));
        DB.execute("DELETE FROM rollup_daily_events WHERE " + firstDays + "; DELETE FROM rollup_daily_paths WHERE " + firstDays
                + "; DELETE FROM rollup_daily_visits WHERE " + firstDays + "; DELETE FROM events WHERE " + firstDays);

        transaction.executeWithoutResult(status -> {
            folds.hold(List.of("site-1"));
            folds.changed(List.of(new SiteDay("site-1", first)));
        });
        fold.foldAll();

        assertThat(mismatches()).isZero();
        assertThat(DB.count("SELECT count(*) FROM rollup_month_to_day_paths WHERE " + firstDays)).isZero();
    }

    /**
     * Batches of late events race folds, which write visit rows as batches do; whatever the
     * interleaving, no event a batch committed is left out of a total the fold says holds, and
     * neither waits for the other in a circle: after one last fold every total and visit sketch
     * is right.
     */
    @Test
    void batchesRacingFoldsLeaveNoTotalStaleAndUnmarked() throws Exception {
        enqueue(1500, 0);
        drainAll();
        fold.foldAll();
        AtomicBoolean processing = new AtomicBoolean(true);
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            Future<?> batches = threads.submit(() -> {
                for (int round = 1; round <= 12; round++) {
                    enqueue(400, round);
                    drainAll();
                }
                processing.set(false);
            });
            Future<Integer> folds = threads.submit(() -> {
                int folded = 0;
                while (processing.get()) {
                    folded += fold.foldAll();
                }
                return folded;
            });
            batches.get();
            assertThat(folds.get()).as("folds ran between the batches").isPositive();
        }

        fold.foldAll();

        assertThat(mismatches()).isZero();
        assertThat(visitSketchMismatches()).isZero();
        assertThat(DB.count("SELECT count(*) FROM folded_days WHERE refold_from IS NOT NULL")).isZero();
    }
}
