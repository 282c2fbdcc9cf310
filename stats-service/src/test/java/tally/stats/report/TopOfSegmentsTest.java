package tally.stats.report;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tally.testing.TestDatabase;
import tally.testing.TestDatabases;
import tally.testing.TestHttp;
import tally.testing.TestHttp.Reply;
import tools.jackson.databind.json.JsonMapper;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The top pages, entry pages and sources read from the top of each segment's running totals
 * ({@link TopOfSegments}) are those of every value summed: over May and June of a site of 80
 * pages, whose leaders in May trail in June, folded through June as the processor folds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tally.keys.secret-key=test-secret")
class TopOfSegmentsTest {

    static final TestDatabase DB = TestDatabases.fresh();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final LocalDate MAY = LocalDate.parse("2024-05-01");
    static final LocalDate JUNE_END = LocalDate.parse("2024-06-30");
    static final int PAGES = 80;
    static final int SOURCES = 30;
    static final int REFERRERS = 200;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DB::url);
    }

    @LocalServerPort
    int port;
    @Autowired
    TopOfSegments tops;
    @Autowired
    RollupReader rollups;
    @Autowired
    KeyedReads keyed;
    @Autowired
    JdbcClient jdbc;

    /**
     * Page i is seen about 80 - i times a day in May and i + 1 times in June, on two days in
     * three, by a few of 300 visitors: the daily rows, the monthly ones, the running totals to
     * and from each day with their visitors' sketches, and the six days' sums, folded through June 30.
     */
    @BeforeAll
    static void rollups() {
        Random random = new Random(5);
        Map<String, Set<String>> users = new HashMap<>();
        List<String> days = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (LocalDate day = MAY; !day.isAfter(JUNE_END); day = day.plusDays(1)) {
            days.add("('many', '%s', 'page_view', 1)".formatted(day));
            for (int i = 0; i < PAGES; i++) {
                if (random.nextInt(3) == 0) {
                    continue;
                }
                int weight = day.getMonthValue() == 5 ? PAGES - i : i + 1;
                int views = random.nextInt(weight + 1);
                Set<String> seen = new TreeSet<>();
                for (int u = Math.min(views, 1 + random.nextInt(8)); u > 0; u--) {
                    seen.add("u" + random.nextInt(300));
                }
                users.put(day + page(i), seen);
                paths.add("('many', '%s', '%s', %d, %d, %s)".formatted(day, page(i), views, views + random.nextInt(4),
                        ReportQueryTest.visitors(seen.toArray(String[]::new))));
            }
        }
        DB.execute("INSERT INTO rollup_daily_events VALUES " + String.join(", ", days));
        DB.execute("INSERT INTO rollup_daily_paths VALUES " + String.join(", ", paths));
        DB.execute("""
                INSERT INTO rollup_monthly_paths SELECT site_id, date_trunc('month', day)::date, path, sum(page_views), sum(events)
                FROM rollup_daily_paths WHERE site_id = 'many' GROUP BY 1, 2, 3;
                INSERT INTO rollup_month_to_day_paths SELECT 'many', d, path, sum(page_views), sum(events), '\\x', 0
                FROM generate_series('%1$s'::date, '%2$s'::date, interval '1 day') AS d
                JOIN rollup_daily_paths r ON r.site_id = 'many' AND r.day BETWEEN date_trunc('month', d) AND d GROUP BY 2, 3;
                INSERT INTO rollup_month_from_day_paths SELECT 'many', d, path, sum(page_views), sum(events), '\\x', 0
                FROM generate_series('%1$s'::date, '%2$s'::date, interval '1 day') AS d
                JOIN rollup_daily_paths r ON r.site_id = 'many' AND r.day BETWEEN d AND %3$s GROUP BY 2, 3;
                INSERT INTO rollup_six_days_paths SELECT 'many', d, path, sum(page_views), sum(events), '\\x', 0
                FROM generate_series('%1$s'::date, '%2$s'::date, interval '1 day') AS d
                JOIN rollup_daily_paths r ON r.site_id = 'many' AND r.day BETWEEN d::date - 5 AND d GROUP BY 2, 3;
                INSERT INTO folded_days VALUES ('many', '%2$s', NULL, true, true)""".formatted(MAY, JUNE_END, ReportQueryTest.endOfMonth("d")));
        // The running totals' visitors (a placeholder above): the union of the page's visitors to the day, and from it.
        List<String> toDay = new ArrayList<>();
        List<String> fromDay = new ArrayList<>();
        List<String> sixDays = new ArrayList<>();
        for (LocalDate day = MAY; !day.isAfter(JUNE_END); day = day.plusDays(1)) {
            for (int i = 0; i < PAGES; i++) {
                toDay.add(sketchRow(day, page(i), usersOf(users, page(i), day.withDayOfMonth(1), day)));
                fromDay.add(sketchRow(day, page(i), usersOf(users, page(i), day, day.withDayOfMonth(day.lengthOfMonth()))));
                sixDays.add(sketchRow(day, page(i), usersOf(users, page(i), day.minusDays(5), day)));
            }
        }
        visits(random);
        String setVisitors = """
                UPDATE %s t SET users = u.users, estimate = u.estimate FROM (VALUES %s) AS u(day, path, users, estimate)
                WHERE t.site_id = 'many' AND t.day = u.day AND t.path = u.path""";
        DB.execute(setVisitors.formatted("rollup_month_to_day_paths", String.join(", ", toDay)));
        DB.execute(setVisitors.formatted("rollup_month_from_day_paths", String.join(", ", fromDay)));
        DB.execute(setVisitors.formatted("rollup_six_days_paths", String.join(", ", sixDays)));
    }

    /**
     * Visits by entry page (the pages), by source (30 sources) and by referrer (200) in the rows of
     * the days, the months, the running totals and the six days' sums, weighted as the pages are: some days' rows have
     * no visits left, as a late event that moved a visit leaves them. Over a range across May and
     * June, the referrers in the middle lead neither month and sum about as much as those that
     * lead one: the first 20 or 40 of each month do not hold the top, and a top must read further.
     */
    private static void visits(Random random) {
        List<String> rows = new ArrayList<>();
        for (LocalDate day = MAY; !day.isAfter(JUNE_END); day = day.plusDays(1)) {
            for (int i = 0; i < PAGES; i++) {
                if (random.nextInt(3) == 0) {
                    continue;
                }
                int weight = day.getMonthValue() == 5 ? PAGES - i : i + 1;
                rows.add(visitRow(random, day, "entry_page", page(i), weight));
                if (i < SOURCES) {
                    rows.add(visitRow(random, day, "source", "s%02d".formatted(i), weight));
                }
            }
            for (int i = 0; i < REFERRERS; i++) {
                if (random.nextInt(3) != 0) {
                    rows.add(visitRow(random, day, "referrer", "r%03d".formatted(i), day.getMonthValue() == 5 ? REFERRERS - i : i + 1));
                }
            }
        }
        DB.execute("INSERT INTO rollup_daily_visits (site_id, day, dimension, value, visits, bounces, duration, page_views, events) VALUES "
                + String.join(", ", rows));
        DB.execute("""
                INSERT INTO rollup_monthly_visits SELECT site_id, date_trunc('month', day)::date, dimension, value, sum(visits), sum(bounces),
                  sum(duration), sum(page_views), sum(events)
                FROM rollup_daily_visits WHERE site_id = 'many' GROUP BY 1, 2, 3, 4;
                INSERT INTO rollup_month_to_day_visits SELECT 'many', d, dimension, value, sum(visits), sum(bounces), sum(duration),
                  sum(page_views), sum(events)
                FROM generate_series('%1$s'::date, '%2$s'::date, interval '1 day') AS d
                JOIN rollup_daily_visits r ON r.site_id = 'many' AND r.day BETWEEN date_trunc('month', d) AND d GROUP BY 2, 3, 4;
                INSERT INTO rollup_month_from_day_visits SELECT 'many', d, dimension, value, sum(visits), sum(bounces), sum(duration),
                  sum(page_views), sum(events)
                FROM generate_series('%1$s'::date, '%2$s'::date, interval '1 day') AS d
                JOIN rollup_daily_visits r ON r.site_id = 'many' AND r.day BETWEEN d AND %3$s GROUP BY 2, 3, 4;
                INSERT INTO rollup_six_days_visits SELECT 'many', d, dimension, value, sum(visits), sum(bounces), sum(duration),
                  sum(page_views), sum(events)
                FROM generate_series('%1$s'::date, '%2$s'::date, interval '1 day') AS d
                JOIN rollup_daily_visits r ON r.site_id = 'many' AND r.day BETWEEN d::date - 5 AND d GROUP BY 2, 3, 4""".formatted(
                MAY, JUNE_END, ReportQueryTest.endOfMonth("d")));
    }

    /** A day's visits of a value, about {@code weight} of them or none, with their bounces, seconds, page views and events. */
    private static String visitRow(Random random, LocalDate day, String dimension, String value, int weight) {
        int visits = random.nextInt(weight + 1);
        int pageViews = visits + random.nextInt(3);
        return "('many', '%s', '%s', '%s', %d, %d, %d, %d, %d)".formatted(day, dimension, value, visits, random.nextInt(visits + 1),
                visits * random.nextInt(100), pageViews, pageViews + random.nextInt(2));
    }

    /**
     * Every range the running totals give a row per page (a month, two, to a day, from a day,
     * both, a day, one less another) and every order a top can be read by: the page is the one of every page
     * summed (asked with total_rows, which reads them all), and was read from the top.
     */
    @Test
    void theTopOfTheSegmentsIsTheTopOfEveryPage() {
        String[] questions = {"\"metrics\": [\"pageviews\", \"events\"]", "\"metrics\": [\"events\"]",
                "\"metrics\": [\"visitors\", \"pageviews\"]", "\"metrics\": [\"pageviews\", \"events\"], \"order_by\": [[\"events\", \"desc\"]]",
                "\"metrics\": [\"visitors\", \"pageviews\"], \"order_by\": [[\"pageviews\", \"desc\"], [\"visitors\", \"asc\"]]"};
        assertThat(askEveryRange(8, "event:page", questions)).isEqualTo(190);
    }

    /** The same of visits by entry page, by source (fewer than a top reads of each segment) and by referrer. */
    @Test
    void theTopOfTheSegmentsIsTheTopOfEveryVisitValue() {
        String[] questions = {"\"metrics\": [\"visits\", \"bounce_rate\", \"visit_duration\"]", "\"metrics\": [\"visits\", \"views_per_visit\"]",
                "\"metrics\": [\"bounce_rate\", \"visits\"], \"order_by\": [[\"visits\", \"desc\"], [\"bounce_rate\", \"asc\"]]"};
        assertThat(askEveryRange(9, "visit:entry_page", questions) + askEveryRange(10, "visit:source", questions)
                + askEveryRange(11, "visit:referrer", questions)).isEqualTo(342);
    }

    /**
     * Asks each question of a list by the dimension over 38 ranges whose segments are each a row
     * per value, added or subtracted, with random pages: the answer is that of every value summed (asked with
     * total_rows, which reads them all), and was read from the top. Returns how many were asked.
     */
    private int askEveryRange(long seed, String dimension, String... questions) {
        Random random = new Random(seed);
        List<String> ranges = new ArrayList<>(List.of("2024-05-01\", \"2024-05-31", "2024-05-01\", \"2024-06-30",
                "2024-06-01\", \"2024-06-20", "2024-05-20\", \"2024-05-31", "2024-06-07\", \"2024-06-07", "2024-05-16\", \"2024-06-15"));
        for (int i = 0; i < 20; i++) {
            ranges.add("%s\", \"%s".formatted(MAY.plusDays(1 + random.nextInt(29)), JUNE_END.minusDays(1 + random.nextInt(28))));
        }
        // Days of a month from after its 1st to before its end: its totals to the last day less those to the day before the
        // first, which hold at most three days per day of the range.
        for (int i = 0; i < 8; i++) {
            LocalDate from = (i % 2 == 0 ? MAY : JUNE_END.withDayOfMonth(1)).plusDays(1 + random.nextInt(6));
            ranges.add("%s\", \"%s".formatted(from, from.plusDays(4 + random.nextInt(5))));
        }
        // Seven days: the six days' sums to the last and the first day's rows, early and late in a month and across two.
        for (LocalDate last : List.of(LocalDate.parse("2024-05-09"), LocalDate.parse("2024-05-30"), LocalDate.parse("2024-06-03"),
                JUNE_END.minusDays(random.nextInt(10)))) {
            ranges.add("%s\", \"%s".formatted(last.minusDays(6), last));
        }
        int asked = 0;
        for (String range : ranges) {
            for (String question : questions) {
                String json = """
                        {"site_id": "many", %s, "date_range": ["%s"], "dimensions": ["%s"],
                         "pagination": {"limit": %d, "offset": %d}""".formatted(question, range, dimension, 1 + random.nextInt(12),
                        random.nextInt(16));
                Reply top = query(json + "}");
                Reply all = query(json + ", \"include\": {\"total_rows\": true}}");

                assertThat(top.status()).as(json).isEqualTo(200);
                assertThat(top.json().get("results")).as(json).isEqualTo(all.json().get("results"));
                assertThat(top.json().get("results").size()).as(json).isPositive();
                assertThat(top.json().at("/meta").has("total_rows")).as(json).isFalse();
                assertThat(all.json().at("/meta/total_rows").asLong()).as(json).isPositive();
                assertThat(readFromTheTop(json + "}")).as(json).isTrue();
                asked++;
            }
        }
        return asked;
    }

    /**
     * June 21 to 28 are June's totals to the 28th less those to the 20th: the first of 28 days bound
     * eight days' counts too loosely to settle a top, and the list is read whole. Seven days are not
     * (the six days' sums and a day), nor are eight days early in a month.
     */
    @Test
    void aFewDaysLateInAMonthAreReadWhole() {
        String json = """
                {"site_id": "many", "metrics": ["pageviews"], "date_range": ["2024-06-21", "2024-06-28"], "dimensions": ["event:page"],
                 "pagination": {"limit": 10}""";

        assertThat(readFromTheTop(json + "}")).isFalse();
        assertThat(readFromTheTop(json.replace("2024-06-21", "2024-06-22") + "}")).isTrue();
        assertThat(readFromTheTop("""
                {"site_id": "many", "metrics": ["pageviews"], "date_range": ["2024-06-03", "2024-06-10"], "dimensions": ["event:page"],
                 "pagination": {"limit": 10}}""")).isTrue();
        assertThat(query(json + "}").json().get("results")).isEqualTo(query(json + ", \"include\": {\"total_rows\": true}}").json().get("results"));
    }

    /**
     * June's running totals made wrong from the 10th, as a late event leaves them until the fold
     * has made them again: a top over them is not read from them, and the answer is the daily rows'.
     */
    @Test
    void runningTotalsTheFoldNoLongerHoldsAreNotReadFromTheTop() {
        String json = """
                {"site_id": "stale", "metrics": ["pageviews"], "date_range": ["2024-06-01", "2024-06-15"], "dimensions": ["event:page"],
                 "pagination": {"limit": 2}}""";
        DB.execute("""
                INSERT INTO rollup_daily_events VALUES ('stale', '2024-06-01', 'page_view', 1), ('stale', '2024-06-15', 'page_view', 1);
                INSERT INTO rollup_daily_paths VALUES ('stale', '2024-06-01', '/a', 5, 5), ('stale', '2024-06-15', '/b', 7, 7),
                  ('stale', '2024-06-15', '/c', 1, 1);
                INSERT INTO rollup_month_to_day_paths VALUES ('stale', '2024-06-15', '/a', 5, 5, '\\x00', 0),
                  ('stale', '2024-06-15', '/b', 7, 7, '\\x00', 0), ('stale', '2024-06-15', '/c', 1, 1, '\\x00', 0);
                INSERT INTO folded_days VALUES ('stale', '2024-06-30', NULL, true, true)""");
        assertThat(readFromTheTop(json)).isTrue();
        // As the processor leaves them after a late event on the 10th: the daily row changed, the running totals not yet.
        DB.execute("""
                UPDATE rollup_daily_paths SET page_views = 15, events = 15 WHERE site_id = 'stale' AND path = '/c';
                UPDATE folded_days SET refold_from = '2024-06-10' WHERE site_id = 'stale'""");

        assertThat(readFromTheTop(json)).isFalse();
        assertThat(query(json).json().get("results").toString())
                .isEqualTo("[{\"dimensions\":[\"/c\"],\"metrics\":[15]},{\"dimensions\":[\"/b\"],\"metrics\":[7]}]");
    }

    /**
     * A site whose last day is June 15, folded through the 14th: a range to that day is May from
     * the 16th plus June less its days after the 15th, which hold no rows (or seven days to it, the
     * six to the 14th and the 15th). Its top is read from May's
     * running total and June's month, and is the top of every page and entry page. A row after the
     * 15th, which the site's hints (kept a few seconds) do not know of yet, makes the top's sums
     * wrong: that top is not read, and the answer is the days' own.
     */
    @Test
    void aRangeToTheSitesLastDayIsReadFromTheTopWhileTheDaysAfterItAreEmpty() {
        copyOfMany("recent", LocalDate.parse("2024-06-15"), LocalDate.parse("2024-06-14"));
        assertTopsOfPagesAndEntryPagesAreThoseOfEveryValue("recent", "2024-06-15", "2024-05-16", "2024-05-25", "2024-06-01", "2024-06-09",
                "2024-06-10");
        String json = "{\"site_id\": \"recent\", \"metrics\": [\"pageviews\"], \"date_range\": [\"2024-05-16\", \"2024-06-15\"], "
                + "\"dimensions\": [\"event:page\"], \"pagination\": {\"limit\": 3}}";
        String answer = query(json).json().get("results").toString();
        // As the processor leaves a late page's row of the 20th: in the day's rows and the month's.
        DB.execute("""
                INSERT INTO rollup_daily_paths VALUES ('recent', '2024-06-20', '/late', 100000, 100000, NULL, 0);
                INSERT INTO rollup_monthly_paths VALUES ('recent', '2024-06-01', '/late', 100000, 100000)""");

        assertThat(readFromTheTop(json)).isFalse();
        assertThat(query(json).json().get("results").toString()).isEqualTo(answer).doesNotContain("/late");
    }

    /**
     * A site whose last day is June 1, folded through it, asked on June 2 before its first event:
     * 30 days are May from the 4th, June 1 (June's running total to it) and June 2; seven days the
     * six to June 1 and June 2. The totals are read from their tops, June 2 is checked to be empty,
     * and each top is that of every value. A row of the 2nd that the hints do not know of yet is
     * counted: that top is not read, and the answer is the days' own.
     */
    @Test
    void aRangeToADayWithoutRowsYetIsReadFromTheTopOfItsOtherDays() {
        copyOfMany("second", LocalDate.parse("2024-06-01"), LocalDate.parse("2024-06-01"));
        assertTopsOfPagesAndEntryPagesAreThoseOfEveryValue("second", "2024-06-02", "2024-05-04", "2024-05-27", "2024-06-01");
        String json = "{\"site_id\": \"second\", \"metrics\": [\"pageviews\"], \"date_range\": [\"2024-05-04\", \"2024-06-02\"], "
                + "\"dimensions\": [\"event:page\"], \"pagination\": {\"limit\": 3}}";
        DB.execute("INSERT INTO rollup_daily_paths VALUES ('second', '2024-06-02', '/late', 100000, 100000, NULL, 0)");

        assertThat(readFromTheTop(json)).isFalse();
        assertThat(query(json).json().at("/results/0/dimensions/0").asString()).isEqualTo("/late");
    }

    /**
     * The top is read on connections that plan a statement once for any site, day and page (the
     * lists above are answered through them), while the service's other connections plan a range
     * of days for its days.
     */
    @Test
    void theTopIsPlannedOnceAndRangesForTheirDays() {
        assertThat(keyed.jdbc().sql("SHOW plan_cache_mode").query(String.class).single()).isEqualTo("force_generic_plan");
        assertThat(jdbc.sql("SHOW plan_cache_mode").query(String.class).single()).isEqualTo("force_custom_plan");
        assertThat(keyed.jdbc().sql("SHOW max_parallel_workers_per_gather").query(String.class).single()).isEqualTo("0");
        assertThat(TestHttp.at(port).get("/actuator/prometheus").body()).contains("hikaricp_connections{pool=\"tally-stats-db-keyed\"}");
    }

    /**
     * Ten pages by page views and by visitors, and ten entry pages by visits, over the ranges from
     * each of {@code froms} to {@code to}: each is the top of every value summed (asked with
     * total_rows, which reads them all), and was read from the top.
     */
    private void assertTopsOfPagesAndEntryPagesAreThoseOfEveryValue(String site, String to, String... froms) {
        String[] questions = {"\"metrics\": [\"pageviews\", \"events\"], \"dimensions\": [\"event:page\"]",
                "\"metrics\": [\"visitors\", \"pageviews\"], \"dimensions\": [\"event:page\"]",
                "\"metrics\": [\"visits\", \"bounce_rate\"], \"dimensions\": [\"visit:entry_page\"]"};
        for (String from : froms) {
            for (String question : questions) {
                String json = """
                        {"site_id": "%s", %s, "date_range": ["%s", "%s"], "pagination": {"limit": 10}""".formatted(site, question, from, to);
                Reply top = query(json + "}");

                assertThat(top.json().get("results")).as(json).isEqualTo(query(json + ", \"include\": {\"total_rows\": true}}").json().get("results"));
                assertThat(top.json().get("results").size()).as(json).isEqualTo(10);
                assertThat(readFromTheTop(json + "}")).as(json).isTrue();
            }
        }
    }

    /**
     * Site "many"'s rows to its {@code lastDay}, as the fold leaves them through {@code folded}:
     * running totals to each day and six days' sums to it, and from each day of the months that
     * end before it.
     */
    private static void copyOfMany(String site, LocalDate lastDay, LocalDate folded) {
        DB.execute(("""
                INSERT INTO rollup_daily_events SELECT '%1$s', day, event_type, events FROM rollup_daily_events
                  WHERE site_id = 'many' AND day <= '%2$s';
                INSERT INTO rollup_daily_paths SELECT '%1$s', day, path, page_views, events, users, estimate FROM rollup_daily_paths
                  WHERE site_id = 'many' AND day <= '%2$s';
                INSERT INTO rollup_monthly_paths SELECT '%1$s', date_trunc('month', day)::date, path, sum(page_views), sum(events)
                  FROM rollup_daily_paths WHERE site_id = '%1$s' GROUP BY 2, 3;
                INSERT INTO rollup_month_to_day_paths SELECT '%1$s', day, path, page_views, events, users, estimate
                  FROM rollup_month_to_day_paths WHERE site_id = 'many' AND day <= '%3$s';
                INSERT INTO rollup_month_from_day_paths SELECT '%1$s', day, path, page_views, events, users, estimate
                  FROM rollup_month_from_day_paths WHERE site_id = 'many' AND day < date_trunc('month', '%3$s'::date);
                INSERT INTO rollup_daily_visits (site_id, day, dimension, value, visits, bounces, duration, page_views, events)
                  SELECT '%1$s', day, dimension, value, visits, bounces, duration, page_views, events
                  FROM rollup_daily_visits WHERE site_id = 'many' AND day <= '%2$s';
                INSERT INTO rollup_monthly_visits SELECT '%1$s', date_trunc('month', day)::date, dimension, value, sum(visits),
                  sum(bounces), sum(duration), sum(page_views), sum(events) FROM rollup_daily_visits WHERE site_id = '%1$s' GROUP BY 2, 3, 4;
                INSERT INTO rollup_month_to_day_visits SELECT '%1$s', day, dimension, value, visits, bounces, duration, page_views, events
                  FROM rollup_month_to_day_visits WHERE site_id = 'many' AND day <= '%3$s';
                INSERT INTO rollup_month_from_day_visits SELECT '%1$s', day, dimension, value, visits, bounces, duration, page_views, events
                  FROM rollup_month_from_day_visits WHERE site_id = 'many' AND day < date_trunc('month', '%3$s'::date);
                INSERT INTO rollup_six_days_paths SELECT '%1$s', day, path, page_views, events, users, estimate
                  FROM rollup_six_days_paths WHERE site_id = 'many' AND day <= '%3$s';
                INSERT INTO rollup_six_days_visits SELECT '%1$s', day, dimension, value, visits, bounces, duration, page_views, events
                  FROM rollup_six_days_visits WHERE site_id = 'many' AND day <= '%3$s';
                INSERT INTO folded_days VALUES ('%1$s', '%3$s', NULL, true, true)""").formatted(site, lastDay, folded));
    }

    /** Whether the question's page is read from the top of its segments rather than from every page. */
    private boolean readFromTheTop(String json) {
        Report report = ReportParser.parse(JSON.readTree(json), LocalDate.parse("2026-11-30"), site -> Optional.empty());
        TopGroups.Pending pending = !report.countsVisitors() ? null
                : keys -> rollups.visitorsOf(report.siteId(), Dimension.PAGE, null, report.range(), Optional.empty(), keys);
        return tops.page(report, pending).isPresent();
    }

    private Reply query(String json) {
        return TestHttp.at(port).postJson("/api/v2/query", json, "apikey", "test-secret");
    }

    private static String page(int i) {
        return "/p%02d".formatted(i);
    }

    /** A row of (day, path, users, estimate) values: the sketch of the visitors and its estimate. */
    private static String sketchRow(LocalDate day, String path, Set<String> users) {
        return "('%s'::date, '%s', '\\x%s'::bytea, %d)".formatted(day, path, ReportQueryTest.sketchHex(users.toArray(String[]::new)),
                users.size());
    }

    private static Set<String> usersOf(Map<String, Set<String>> users, String page, LocalDate from, LocalDate to) {
        Set<String> union = new TreeSet<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            union.addAll(users.getOrDefault(day + page, Set.of()));
        }
        return union;
    }
}
