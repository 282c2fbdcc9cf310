package tally.stats.report;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tally.common.sketch.UserSketches;
import tally.testing.TestDatabase;
import tally.testing.TestDatabases;
import tally.testing.TestHttp;
import tally.testing.TestHttp.Reply;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /api/v2/query over rollups written as the processor writes them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tally.keys.secret-key=test-secret")
class ReportQueryTest {

    static final TestDatabase DB = TestDatabases.fresh();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DB::url);
    }

    @LocalServerPort
    int port;

    /** Visitors a, b on the 12th; b, c on the 13th; a on the 5th (the week before); a and c on mobiles, b on a desktop. */
    @BeforeAll
    static void rollups() {
        DB.execute("""
                INSERT INTO rollup_daily_events VALUES
                  ('shop', '2025-11-05', 'page_view', 2),
                  ('shop', '2025-11-12', 'page_view', 5), ('shop', '2025-11-12', 'signup', 2),
                  ('shop', '2025-11-13', 'page_view', 4);
                INSERT INTO rollup_daily_paths VALUES
                  ('shop', '2025-11-05', '/', 2, 2, %s),
                  ('shop', '2025-11-12', '/pricing', 3, 5, %s), ('shop', '2025-11-12', '/', 2, 2, %s),
                  ('shop', '2025-11-13', '/', 4, 4, %s), ('shop', '2025-11-13', '/about', 0, 1, %s);
                INSERT INTO rollup_all_time_paths VALUES ('shop', '/pricing', 3, 5), ('shop', '/', 8, 8), ('shop', '/about', 0, 1);
                """.formatted(visitors("a"), visitors("a", "b"), visitors("b"), visitors("b", "c"), visitors("c")));
        dimension("2025-11-05", "all", "", 2, 2, "a");
        dimension("2025-11-12", "all", "", 5, 7, "a", "b");
        dimension("2025-11-13", "all", "", 4, 4, "b", "c");
        dimension("2025-11-12", "device", "Mobile", 3, 4, "a");
        dimension("2025-11-12", "device", "Desktop", 2, 3, "b");
        dimension("2025-11-13", "device", "Mobile", 4, 4, "a", "c");
        dimension("2025-11-05", "name", "page_view", 2, 2, "a");
        dimension("2025-11-12", "name", "page_view", 5, 5, "a", "b");
        dimension("2025-11-12", "name", "signup", 0, 2, "a");
        dimension("2025-11-13", "name", "page_view", 4, 4, "b", "c");
        dimension("2025-11-12", "prop:plan", "pro", 0, 2, "a");
        dimension("2025-11-12", "prop:plan", "free", 1, 1, "b");
        dimension("2025-11-13", "prop:plan", "pro", 0, 1, "c");
    }

    /**
     * Site "blog": on the 12th, visits of a (two, from Google, one a bounce) and b (one, direct);
     * on the 13th, c's bounce from Google, and a visit from Bing that a late event moved away.
     * a's visits entered on / (the bounce) and /pricing, b's on /, c's on /.
     */
    @BeforeAll
    static void visitRollups() {
        DB.execute("""
                INSERT INTO rollup_daily_events VALUES ('blog', '2025-11-12', 'page_view', 6), ('blog', '2025-11-12', 'click', 1),
                                                       ('blog', '2025-11-13', 'page_view', 1)""");
        visit("2025-11-12", "all", "", 3, 1, 300, 6, 7, "a", "b");
        visit("2025-11-12", "source", "Google", 2, 1, 100, 3, 3, "a");
        visit("2025-11-12", "source", "Direct / None", 1, 0, 200, 3, 4, "b");
        visit("2025-11-13", "all", "", 1, 1, 0, 1, 1, "c");
        visit("2025-11-13", "source", "Google", 1, 1, 0, 1, 1, "c");
        visit("2025-11-13", "source", "Bing", 0, 0, 0, 0, 0, "d");
        visit("2025-11-12", "entry_page", "/", 2, 1, 200, 4, 5, "a", "b");
        visit("2025-11-12", "entry_page", "/pricing", 1, 0, 100, 2, 2, "a");
        visit("2025-11-13", "entry_page", "/", 1, 1, 0, 1, 1, "c");
        DB.execute("""
                INSERT INTO rollup_daily_paths VALUES ('blog', '2025-11-12', '/', 3, 3), ('blog', '2025-11-12', '/pricing', 2, 3),
                  ('blog', '2025-11-12', '/docs', 1, 1), ('blog', '2025-11-13', '/', 1, 1)""");
    }

    static void visit(String day, String dimension, String value, long visits, long bounces, long duration, long pageViews,
                      long events, String... visitors) {
        DB.execute("INSERT INTO rollup_daily_visits VALUES ('blog', '%s', '%s', '%s', %d, %d, %d, %d, %d, '\\x%s', %d)"
                .formatted(day, dimension, value, visits, bounces, duration, pageViews, events, sketchHex(visitors), visitors.length));
        // As the processor adds each day's figures to its month's.
        DB.execute("""
                INSERT INTO rollup_monthly_visits VALUES ('blog', date_trunc('month', date '%s'), '%s', '%s', %d, %d, %d, %d, %d)
                ON CONFLICT (site_id, month, dimension, value) DO UPDATE SET visits = rollup_monthly_visits.visits + excluded.visits,
                    bounces = rollup_monthly_visits.bounces + excluded.bounces, duration = rollup_monthly_visits.duration + excluded.duration,
                    page_views = rollup_monthly_visits.page_views + excluded.page_views, events = rollup_monthly_visits.events + excluded.events"""
                .formatted(day, dimension, value, visits, bounces, duration, pageViews, events));
    }

    static void dimension(String day, String dimension, String value, long pageViews, long events, String... visitors) {
        DB.execute("INSERT INTO rollup_daily_dimensions VALUES ('shop', '%s', '%s', '%s', %d, %d, '\\x%s', %d)"
                .formatted(day, dimension, value, pageViews, events, sketchHex(visitors), visitors.length));
    }

    /** A sketch of the visitors and its estimate, as the columns users and estimate of a rollup row. */
    static String visitors(String... visitors) {
        return "'\\x%s', %d".formatted(sketchHex(visitors), visitors.length);
    }

    static String sketchHex(String... users) {
        var sketch = UserSketches.empty();
        for (String user : users) {
            sketch.update(user);
        }
        return HexFormat.of().formatHex(sketch.toCompactByteArray());
    }

    Reply query(String json) {
        return TestHttp.at(port).postJson("/api/v2/query", json, "apikey", "test-secret");
    }

    @Test
    void totalsCountDistinctVisitorsOverTheRangeNotASumOfDays() {
        Reply reply = query("""
                {"site_id": "shop", "metrics": ["visitors", "pageviews", "events"], "date_range": ["2025-11-12", "2025-11-13"],
                 "include": {"total_rows": true}}""");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("results").toString()).isEqualTo("[{\"dimensions\":[],\"metrics\":[3,9,11]}]");
        assertThat(reply.json().get("meta").toString())
                .isEqualTo("{\"time_range\":{\"from\":\"2025-11-12\",\"to\":\"2025-11-13\"},\"total_rows\":1}");
    }

    @Test
    void daysComeInTimeOrderAndCompareWithTheSameDayOfThePreviousPeriod() {
        Reply reply = query("""
                {"site_id": "shop", "metrics": ["pageviews", "visitors"], "date_range": ["2025-11-12", "2025-11-18"],
                 "dimensions": ["time:day"], "include": {"comparisons": {"mode": "previous_period"}}}""");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("results").toString()).isEqualTo("""
                [{"dimensions":["2025-11-12"],"metrics":[5,2],"comparison":{"dimensions":["2025-11-05"],"metrics":[2,1],"change":[150.0,100.0]}},\
                {"dimensions":["2025-11-13"],"metrics":[4,2],"comparison":{"dimensions":["2025-11-06"],"metrics":[0,0],"change":[null,null]}}]""");
        assertThat(reply.json().at("/meta/comparison_time_range").toString())
                .isEqualTo("{\"from\":\"2025-11-05\",\"to\":\"2025-11-11\"}");
    }

    @Test
    void pagesAreOrderedByTheFirstMetricThenByNameAndPaged() {
        Reply firstPage = query("""
                {"site_id": "shop", "metrics": ["pageviews", "events"], "date_range": ["2025-11-12", "2025-11-13"],
                 "dimensions": ["event:page"], "pagination": {"limit": 2}, "include": {"total_rows": true}}""");
        Reply secondPage = query("""
                {"site_id": "shop", "metrics": ["pageviews", "events"], "date_range": ["2025-11-12", "2025-11-13"],
                 "dimensions": ["event:page"], "pagination": {"limit": 2, "offset": 2}}""");
        Reply byName = query("""
                {"site_id": "shop", "metrics": ["events"], "date_range": "all", "dimensions": ["event:page"],
                 "order_by": [["event:page", "desc"]]}""");

        assertThat(firstPage.json().get("results").toString()).isEqualTo(
                "[{\"dimensions\":[\"/\"],\"metrics\":[6,6]},{\"dimensions\":[\"/pricing\"],\"metrics\":[3,5]}]");
        assertThat(firstPage.json().at("/meta/total_rows").asLong()).isEqualTo(3);
        assertThat(secondPage.json().get("results").toString()).isEqualTo("[{\"dimensions\":[\"/about\"],\"metrics\":[0,1]}]");
        assertThat(byName.json().get("results").toString()).isEqualTo(
                "[{\"dimensions\":[\"/pricing\"],\"metrics\":[5]},{\"dimensions\":[\"/about\"],\"metrics\":[1]},{\"dimensions\":[\"/\"],\"metrics\":[8]}]");
    }

    /** b saw / on both days: a page's visitors are the union of its days', as for every other dimension. */
    @Test
    void pagesCountDistinctVisitorsOverTheRange() {
        Reply byPage = query("""
                {"site_id": "shop", "metrics": ["visitors", "pageviews"], "date_range": ["2025-11-12", "2025-11-13"],
                 "dimensions": ["event:page"]}""");
        Reply home = query("""
                {"site_id": "shop", "metrics": ["visitors", "pageviews"], "date_range": ["2025-11-12", "2025-11-13"],
                 "filters": [["is", "event:page", ["/"]]]}""");
        Reply homeByDay = query("""
                {"site_id": "shop", "metrics": ["visitors"], "date_range": ["2025-11-05", "2025-11-13"],
                 "dimensions": ["time:week"], "filters": [["is", "event:page", ["/"]]]}""");
        Reply allTime = query("""
                {"site_id": "shop", "metrics": ["visitors"], "date_range": "all", "dimensions": ["event:page"]}""");

        assertThat(byPage.json().get("results").toString()).isEqualTo("""
                [{"dimensions":["/"],"metrics":[2,6]},{"dimensions":["/pricing"],"metrics":[2,3]},\
                {"dimensions":["/about"],"metrics":[1,0]}]""");
        assertThat(home.json().get("results").toString()).isEqualTo("[{\"dimensions\":[],\"metrics\":[2,6]}]");
        assertThat(homeByDay.json().get("results").toString()).isEqualTo("""
                [{"dimensions":["2025-11-03"],"metrics":[1]},{"dimensions":["2025-11-10"],"metrics":[2]}]""");
        assertThat(allTime.json().get("results").toString()).isEqualTo("""
                [{"dimensions":["/"],"metrics":[3]},{"dimensions":["/pricing"],"metrics":[2]},{"dimensions":["/about"],"metrics":[1]}]""");
    }

    /** a and b entered on / on the 12th, c on the 13th; a also on /pricing: visitors per entry page are unions too. */
    @Test
    void entryPagesCountDistinctVisitorsOverTheRange() {
        Reply reply = query("""
                {"site_id": "blog", "metrics": ["visitors", "visits"], "date_range": ["2025-11-12", "2025-11-13"],
                 "dimensions": ["visit:entry_page"]}""");

        assertThat(reply.json().get("results").toString()).isEqualTo("""
                [{"dimensions":["/"],"metrics":[3,3]},{"dimensions":["/pricing"],"metrics":[1,1]}]""");
    }

    /**
     * More pages than {@link RollupReader#MANY_VALUES} on one list: their sketches are read in one
     * scan of the range, and each page still counts the union of its own.
     */
    @Test
    void aListOfManyPagesCountsEachPagesVisitors() {
        int pages = RollupReader.MANY_VALUES + 50;
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < pages; i++) {
            for (int day = 0; day < 2; day++) { // the second day's visitors are the first's, one moved on by one
                String[] users = IntStream.range(day, day + 1 + i % 5).mapToObj(u -> "many" + u).toArray(String[]::new);
                rows.add("('many', '2025-11-1%d', '/p%d', %d, %d, %s)".formatted(2 + day, i, users.length, users.length, visitors(users)));
            }
        }
        DB.execute("INSERT INTO rollup_daily_paths VALUES " + String.join(", ", rows));

        Reply reply = query("""
                {"site_id": "many", "metrics": ["visitors", "pageviews"], "date_range": ["2025-11-12", "2025-11-13"],
                 "dimensions": ["event:page"], "pagination": {"limit": 1000}}""");

        JsonNode results = reply.json().get("results");
        assertThat(results).hasSize(pages);
        long before = Long.MAX_VALUE;
        for (JsonNode result : results) {
            int page = Integer.parseInt(result.at("/dimensions/0").asText().substring(2));
            long visitors = result.at("/metrics/0").asLong();
            assertThat(visitors).as(result.toString()).isEqualTo(2 + page % 5).isLessThanOrEqualTo(before);
            assertThat(result.at("/metrics/1").asLong()).isEqualTo(2 * (1 + page % 5));
            before = visitors;
        }
    }

    /**
     * Sketches read for a question are kept, with the unions of earlier days, while their rows
     * are unchanged: a row the processor changes afterwards (a late visitor on an earlier day of
     * the range, then on its last day) changes the next answer, by page, in total and filtered.
     */
    @Test
    void aRowChangedAfterAQuestionChangesItsNextAnswer() {
        String[][] visitors = {{"a"}, {"b"}, {"c"}};
        for (int day = 0; day < 3; day++) {
            DB.execute("INSERT INTO rollup_daily_paths VALUES ('late', '2025-11-0%d', '/', 9, 9, %s)".formatted(day + 1, visitors(visitors[day])));
            DB.execute("INSERT INTO rollup_daily_dimensions VALUES ('late', '2025-11-0%d', 'all', '', 9, 9, %s)"
                    .formatted(day + 1, visitors(visitors[day])));
        }
        DB.execute("INSERT INTO rollup_daily_events VALUES ('late', '2025-11-01', 'page_view', 9), ('late', '2025-11-02', 'page_view', 9), "
                + "('late', '2025-11-03', 'page_view', 9)");
        DB.execute("INSERT INTO rollup_monthly_paths VALUES ('late', '2025-11-01', '/', 27, 27)");
        List<String> questions = List.of("""
                {"site_id": "late", "metrics": ["visitors"], "date_range": ["2025-11-01", "2025-11-03"], "dimensions": ["event:page"]}""", """
                {"site_id": "late", "metrics": ["visitors"], "date_range": ["2025-11-01", "2025-11-03"]}""", """
                {"site_id": "late", "metrics": ["visitors"], "date_range": ["2025-11-01", "2025-11-03"],
                 "filters": [["is", "event:page", ["/"]]]}""");
        assertThat(questions).allSatisfy(question -> assertThat(query(question).json().at("/results/0/metrics/0").asLong()).isEqualTo(3));

        for (String table : List.of("rollup_daily_paths", "rollup_daily_dimensions")) {
            DB.execute("UPDATE %s SET users = %s WHERE site_id = 'late' AND day = '2025-11-01'"
                    .formatted(table, "'\\x%s', estimate = 2".formatted(sketchHex("a", "d"))));
        }
        assertThat(questions).allSatisfy(question -> assertThat(query(question).json().at("/results/0/metrics/0").asLong()).isEqualTo(4));

        for (String table : List.of("rollup_daily_paths", "rollup_daily_dimensions")) {
            DB.execute("UPDATE %s SET users = %s WHERE site_id = 'late' AND day = '2025-11-03'"
                    .formatted(table, "'\\x%s', estimate = 2".formatted(sketchHex("c", "e"))));
        }
        assertThat(questions).allSatisfy(question -> assertThat(query(question).json().at("/results/0/metrics/0").asLong()).isEqualTo(5));
    }

    /**
     * A range is read as whole months, running totals, a month minus the days it leaves out, or
     * days, wherever it starts and ends, with the site's days to come counted as empty, and the
     * running totals read only as far as they hold: over random ranges of three months of random
     * daily rows (through a leap February), page views and events by page, and visits and page
     * views by entry page, are the sums of the range's days.
     */
    @Test
    void anyRangeCountsEachOfItsDaysOnce() {
        Random random = new Random(11);
        List<String> events = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        List<String> visits = new ArrayList<>();
        LocalDate first = LocalDate.parse("2024-01-20");
        for (LocalDate day = first; day.isBefore(first.plusDays(80)); day = day.plusDays(1)) {
            events.add("('slices', '%s', 'page_view', 1)".formatted(day));
            for (String page : List.of("/a", "/b", "/c")) {
                // No row of /c on days 5 to 9: the running totals of a few days among them subtract to nothing.
                boolean gap = page.equals("/c") && day.isAfter(first.plusDays(4)) && day.isBefore(first.plusDays(10));
                if (random.nextInt(3) > 0 && !gap) {
                    int views = random.nextInt(5);
                    Set<String> users = new TreeSet<>();
                    for (int u = random.nextInt(4); u >= 0; u--) {
                        users.add("u" + random.nextInt(30));
                    }
                    sliceViews.put(day + page, views);
                    sliceUsers.put(day + page, users);
                    paths.add("('slices', '%s', '%s', %d, %d, '\\x%s', %d)".formatted(day, page, views, views + 1 + random.nextInt(3),
                            sketchHex(users.toArray(String[]::new)), users.size()));
                    visits.add("('slices', '%s', 'entry_page', '%s', %d, 0, 0, %d, %d, NULL, NULL)"
                            .formatted(day, page, 1 + random.nextInt(4), views, views + 1));
                }
            }
        }
        DB.execute("INSERT INTO rollup_daily_events VALUES " + String.join(", ", events));
        DB.execute("INSERT INTO rollup_daily_paths VALUES " + String.join(", ", paths));
        DB.execute("INSERT INTO rollup_daily_visits VALUES " + String.join(", ", visits));
        // The monthly rows, as the processor keeps them beside the daily ones.
        DB.execute("""
                INSERT INTO rollup_monthly_paths SELECT site_id, date_trunc('month', day)::date, path, sum(page_views), sum(events)
                FROM rollup_daily_paths WHERE site_id = 'slices' GROUP BY 1, 2, 3;
                INSERT INTO rollup_monthly_visits SELECT site_id, date_trunc('month', day)::date, dimension, value, sum(visits),
                  sum(bounces), sum(duration), sum(page_views), sum(events)
                FROM rollup_daily_visits WHERE site_id = 'slices' GROUP BY 1, 2, 3, 4""");
        // The running totals to each day, as the fold keeps them, folded through day 60. A late event
        // made them stale from day 45: those are wrong on purpose, and must not be read.
        DB.execute("""
                INSERT INTO rollup_month_to_day_paths SELECT 'slices', d, path, sum(page_views), sum(events), '\\x%2$s', 0
                FROM generate_series('%1$s'::date, '%1$s'::date + 60, interval '1 day') AS d
                JOIN rollup_daily_paths r ON r.site_id = 'slices' AND r.day BETWEEN date_trunc('month', d) AND d GROUP BY 2, 3;
                INSERT INTO rollup_month_to_day_visits SELECT 'slices', d, dimension, value, sum(visits), sum(bounces), sum(duration),
                  sum(page_views), sum(events)
                FROM generate_series('%1$s'::date, '%1$s'::date + 60, interval '1 day') AS d
                JOIN rollup_daily_visits r ON r.site_id = 'slices' AND r.day BETWEEN date_trunc('month', d) AND d GROUP BY 2, 3, 4;
                INSERT INTO rollup_six_days_paths SELECT 'slices', d, path, sum(page_views), sum(events), '\\x%2$s', 0
                FROM generate_series('%1$s'::date, '%1$s'::date + 60, interval '1 day') AS d
                JOIN rollup_daily_paths r ON r.site_id = 'slices' AND r.day BETWEEN d::date - 5 AND d GROUP BY 2, 3;
                INSERT INTO rollup_six_days_visits SELECT 'slices', d, dimension, value, sum(visits), sum(bounces), sum(duration),
                  sum(page_views), sum(events)
                FROM generate_series('%1$s'::date, '%1$s'::date + 60, interval '1 day') AS d
                JOIN rollup_daily_visits r ON r.site_id = 'slices' AND r.day BETWEEN d::date - 5 AND d GROUP BY 2, 3, 4;
                INSERT INTO folded_days VALUES ('slices', '%1$s'::date + 60, '%1$s'::date + 45, true, true)""".formatted(first, sketchHex()));
        // And from each day to its month's end, of the months folded whole (January and February).
        String monthsFolded = """
                FROM generate_series(date_trunc('month', '%1$s'::date), '%1$s'::date + 60, interval '1 day') AS d
                JOIN %%s r ON r.site_id = 'slices' AND r.day BETWEEN d AND %2$s
                WHERE %2$s <= '%1$s'::date + 60""".formatted(first, endOfMonth("d"));
        DB.execute("""
                INSERT INTO rollup_month_from_day_paths SELECT 'slices', d, path, sum(page_views), sum(events), '\\x%s', 0 %s GROUP BY 2, 3;
                INSERT INTO rollup_month_from_day_visits SELECT 'slices', d, dimension, value, sum(visits), sum(bounces), sum(duration),
                  sum(page_views), sum(events) %s GROUP BY 2, 3, 4"""
                .formatted(sketchHex(), monthsFolded.formatted("rollup_daily_paths"), monthsFolded.formatted("rollup_daily_visits")));
        // Their visitors (written empty above): the union of the month's users of the page to the day, and from the day to its end.
        List<String> unions = new ArrayList<>();
        List<String> unionsToEnd = new ArrayList<>();
        List<String> unionsOfSixDays = new ArrayList<>();
        for (LocalDate day = first.withDayOfMonth(1); !day.isAfter(first.plusDays(60)); day = day.plusDays(1)) {
            for (String page : List.of("/a", "/b", "/c")) {
                Set<String> users = usersOf(page, day.withDayOfMonth(1), day);
                if (users != null) {
                    unions.add("('%s'::date, '%s', '\\x%s'::bytea, %d)".formatted(day, page, sketchHex(users.toArray(String[]::new)), users.size()));
                }
                Set<String> usersToEnd = usersOf(page, day, day.withDayOfMonth(day.lengthOfMonth()));
                if (usersToEnd != null) {
                    unionsToEnd.add("('%s'::date, '%s', '\\x%s'::bytea, %d)"
                            .formatted(day, page, sketchHex(usersToEnd.toArray(String[]::new)), usersToEnd.size()));
                }
                Set<String> usersOfSixDays = usersOf(page, day.minusDays(5), day);
                if (usersOfSixDays != null) {
                    unionsOfSixDays.add("('%s'::date, '%s', '\\x%s'::bytea, %d)"
                            .formatted(day, page, sketchHex(usersOfSixDays.toArray(String[]::new)), usersOfSixDays.size()));
                }
            }
        }
        String setVisitors = """
                UPDATE %s t SET users = u.users, estimate = u.estimate FROM (VALUES %s) AS u(day, path, users, estimate)
                WHERE t.site_id = 'slices' AND t.day = u.day AND t.path = u.path""";
        DB.execute(setVisitors.formatted("rollup_month_to_day_paths", String.join(", ", unions)));
        DB.execute(setVisitors.formatted("rollup_month_from_day_paths", String.join(", ", unionsToEnd)));
        DB.execute(setVisitors.formatted("rollup_six_days_paths", String.join(", ", unionsOfSixDays)));
        staleFrom(first.plusDays(45));
        assertRangesAreSumsOfTheirDays(random, first);

        // Stale from day 20 now, while the hint of where the fold holds may still say day 44.
        DB.execute("UPDATE folded_days SET refold_from = '%s' WHERE site_id = 'slices'".formatted(first.plusDays(20)));
        staleFrom(first.plusDays(20));
        assertRangesAreSumsOfTheirDays(random, first);
    }

    /** SQL: the last day of the month of a day (SQL). */
    static String endOfMonth(String day) {
        return "(date_trunc('month', %s) + interval '1 month - 1 day')::date".formatted(day);
    }

    /** Makes the running totals and six days' sums of site "slices" that hold {@code day} or a later one wrong. */
    private static void staleFrom(LocalDate day) {
        DB.execute("""
                UPDATE rollup_month_to_day_paths SET page_views = page_views + 1000, users = '\\x%2$s', estimate = 3
                WHERE site_id = 'slices' AND day >= '%1$s';
                UPDATE rollup_month_to_day_visits SET visits = visits + 1000 WHERE site_id = 'slices' AND day >= '%1$s';
                UPDATE rollup_month_from_day_paths SET page_views = page_views + 1000, users = '\\x%2$s', estimate = 3
                WHERE site_id = 'slices' AND %3$s >= '%1$s';
                UPDATE rollup_month_from_day_visits SET visits = visits + 1000 WHERE site_id = 'slices' AND %3$s >= '%1$s';
                UPDATE rollup_six_days_paths SET page_views = page_views + 1000, users = '\\x%2$s', estimate = 3
                WHERE site_id = 'slices' AND day >= '%1$s';
                UPDATE rollup_six_days_visits SET visits = visits + 1000 WHERE site_id = 'slices' AND day >= '%1$s'"""
                .formatted(day, sketchHex("x1", "x2", "x3"), endOfMonth("day")));
    }

    /**
     * Page and entry-page lists of site "slices" over a whole month, three days a page has no row
     * on, a day, 40 random ranges and 10 of seven days are the sums of their days' daily rows.
     */
    private void assertRangesAreSumsOfTheirDays(Random random, LocalDate first) {
        // Each question, and its sums over the daily rows: its dimension's column, two metrics and their columns, the table.
        String[][] questions = {{"event:page", "pageviews", "events", "path", "page_views", "events", "rollup_daily_paths"},
                {"visit:entry_page", "visits", "pageviews", "value", "visits", "page_views", "rollup_daily_visits"}};
        List<LocalDate[]> ranges = new ArrayList<>(List.of(new LocalDate[] {LocalDate.parse("2024-02-01"), LocalDate.parse("2024-02-29")},
                new LocalDate[] {LocalDate.parse("2024-01-26"), LocalDate.parse("2024-01-28")}, // /c: its totals to each day, no event between
                new LocalDate[] {LocalDate.parse("2024-03-05"), LocalDate.parse("2024-03-05")}));
        for (int i = 0; i < 40; i++) {
            LocalDate from = first.plusDays(random.nextInt(80));
            ranges.add(new LocalDate[] {from, from.plusDays(random.nextInt(70))}); // past the last day with events, at times
        }
        for (int i = 0; i < 10; i++) { // seven days: the six days' sums to one of them, where the fold holds it
            LocalDate from = first.plusDays(random.nextInt(70));
            ranges.add(new LocalDate[] {from, from.plusDays(6)});
        }
        for (LocalDate[] range : ranges) {
            LocalDate from = range[0];
            LocalDate to = range[1];
            assertThat(answered("""
                    {"site_id": "slices", "metrics": ["visitors", "pageviews"], "date_range": ["%s", "%s"], "dimensions": ["event:page"]}"""
                    .formatted(from, to))).as("visitors " + from + ".." + to).isEqualTo(visitorsAndViews(from, to));
            for (String[] q : questions) {
                assertThat(answered("""
                        {"site_id": "slices", "metrics": ["%s", "%s"], "date_range": ["%s", "%s"], "dimensions": ["%s"]}"""
                        .formatted(q[1], q[2], from, to, q[0]))).as(q[0] + " " + from + ".." + to).isEqualTo(DB.text("""
                        SELECT string_agg(concat_ws(' ', %1$s, a, b), ', ' ORDER BY %1$s) FROM (
                          SELECT %1$s, sum(%2$s) AS a, sum(%3$s) AS b FROM %4$s
                          WHERE site_id = 'slices' AND day BETWEEN '%5$s' AND '%6$s' GROUP BY 1) s""".formatted(q[3], q[4], q[5], q[6], from, to)));
            }
        }
    }

    /** Page views and the users seen, of each page and day of site "slices" that has a row. */
    private final Map<String, Integer> sliceViews = new HashMap<>();
    private final Map<String, Set<String>> sliceUsers = new HashMap<>();

    /** The users of a page of site "slices" over some days, or null if it has no row then. */
    private Set<String> usersOf(String page, LocalDate from, LocalDate to) {
        Set<String> users = null;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            Set<String> seen = sliceUsers.get(day + page);
            if (seen != null) {
                users = users == null ? new TreeSet<>() : users;
                users.addAll(seen);
            }
        }
        return users;
    }

    /** The pages of site "slices" over some days as "page visitors pageviews", as {@link #answered} gives them. */
    private String visitorsAndViews(LocalDate from, LocalDate to) {
        List<String> groups = new ArrayList<>();
        for (String page : List.of("/a", "/b", "/c")) {
            Set<String> users = usersOf(page, from, to);
            if (users != null) {
                int views = 0;
                for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                    views += sliceViews.getOrDefault(day + page, 0);
                }
                groups.add(page + " " + users.size() + " " + views);
            }
        }
        return groups.isEmpty() ? null : String.join(", ", groups);
    }

    /** A report's groups as "value metric metric", by value, or null for none (as string_agg of no rows). */
    private String answered(String question) {
        List<String> groups = new ArrayList<>();
        query(question).json().get("results").forEach(result -> groups.add(result.at("/dimensions/0").asText() + " "
                + result.at("/metrics/0").asText() + " " + result.at("/metrics/1").asText()));
        return groups.isEmpty() ? null : groups.stream().sorted().collect(Collectors.joining(", "));
    }

    /** A page cut inside a tie on the first order holds the tied groups that come first by the next order. */
    @Test
    void groupsTiedAtAPagesEdgeAreOrderedByTheNextOrder() {
        DB.execute("""
                INSERT INTO rollup_daily_paths VALUES ('ties', '2025-11-12', '/c', 2, 2), ('ties', '2025-11-12', '/b', 2, 3),
                  ('ties', '2025-11-12', '/a', 2, 2), ('ties', '2025-11-12', '/top', 5, 5), ('ties', '2025-11-12', '/last', 1, 1)""");

        Reply second = query("""
                {"site_id": "ties", "metrics": ["pageviews"], "date_range": ["2025-11-12", "2025-11-12"],
                 "dimensions": ["event:page"], "order_by": [["pageviews", "desc"], ["event:page", "desc"]],
                 "pagination": {"limit": 2, "offset": 1}, "include": {"total_rows": true}}""");
        Reply fewest = query("""
                {"site_id": "ties", "metrics": ["events", "pageviews"], "date_range": ["2025-11-12", "2025-11-12"],
                 "dimensions": ["event:page"], "order_by": [["pageviews", "asc"], ["events", "desc"]], "pagination": {"limit": 3}}""");

        assertThat(second.json().get("results").toString()).isEqualTo(
                "[{\"dimensions\":[\"/c\"],\"metrics\":[2]},{\"dimensions\":[\"/b\"],\"metrics\":[2]}]");
        assertThat(second.json().at("/meta/total_rows").asLong()).isEqualTo(5);
        assertThat(fewest.json().get("results").toString()).isEqualTo("""
                [{"dimensions":["/last"],"metrics":[1,1]},{"dimensions":["/b"],"metrics":[3,2]},\
                {"dimensions":["/a"],"metrics":[2,2]}]""");
    }

    @Test
    void visitDimensionsCountDistinctVisitorsOverTheRange() {
        Reply reply = query("""
                {"site_id": "shop", "metrics": ["visitors", "pageviews", "events"], "date_range": ["2025-11-12", "2025-11-13"],
                 "dimensions": ["visit:device"]}""");
        Reply oneDay = query("""
                {"site_id": "shop", "metrics": ["visitors"], "date_range": ["2025-11-13", "2025-11-13"], "dimensions": ["visit:device"]}""");
        Reply none = query("""
                {"site_id": "shop", "metrics": ["visitors"], "date_range": "day", "dimensions": ["visit:country"]}""");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("results").toString()).isEqualTo(
                "[{\"dimensions\":[\"Mobile\"],\"metrics\":[2,7,8]},{\"dimensions\":[\"Desktop\"],\"metrics\":[1,2,3]}]");
        assertThat(oneDay.json().get("results").toString()).isEqualTo("[{\"dimensions\":[\"Mobile\"],\"metrics\":[2]}]");
        assertThat(none.json().get("results").toString()).isEqualTo("[]");
    }

    @Test
    void percentageIsEachGroupsShareOfThePeriodsVisitors() {
        Reply reply = query("""
                {"site_id": "shop", "metrics": ["percentage"], "date_range": ["2025-11-12", "2025-11-13"], "dimensions": ["visit:device"]}""");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("results").toString()).isEqualTo(
                "[{\"dimensions\":[\"Mobile\"],\"metrics\":[66.67]},{\"dimensions\":[\"Desktop\"],\"metrics\":[33.33]}]");
    }

    @Test
    void weeksAndMonthsAreNamedByTheirFirstDayAndCountVisitorsOnce() {
        Reply weeks = query("""
                {"site_id": "shop", "metrics": ["pageviews", "visitors"], "date_range": ["2025-11-03", "2025-11-16"],
                 "dimensions": ["time:week"]}""");
        Reply months = query("""
                {"site_id": "shop", "metrics": ["visitors", "events"], "date_range": ["2025-11-01", "2025-11-30"],
                 "dimensions": ["time:month"], "filters": [["is", "visit:device", ["Mobile"]]]}""");

        assertThat(weeks.status()).isEqualTo(200);
        assertThat(weeks.json().get("results").toString()).isEqualTo(
                "[{\"dimensions\":[\"2025-11-03\"],\"metrics\":[2,1]},{\"dimensions\":[\"2025-11-10\"],\"metrics\":[9,3]}]");
        assertThat(months.json().get("results").toString()).isEqualTo("[{\"dimensions\":[\"2025-11-01\"],\"metrics\":[2,8]}]");
    }

    @Test
    void customPropertiesAreDimensionsToGroupAndFilterBy() {
        Reply byPlan = query("""
                {"site_id": "shop", "metrics": ["visitors", "events"], "date_range": ["2025-11-12", "2025-11-13"],
                 "dimensions": ["event:props:plan"]}""");
        Reply pro = query("""
                {"site_id": "shop", "metrics": ["events", "visitors"], "date_range": ["2025-11-12", "2025-11-13"],
                 "dimensions": ["time:day"], "filters": [["is", "event:props:plan", ["pro"]]]}""");

        assertThat(byPlan.status()).as(byPlan.body()).isEqualTo(200);
        assertThat(byPlan.json().get("results").toString()).isEqualTo(
                "[{\"dimensions\":[\"pro\"],\"metrics\":[2,3]},{\"dimensions\":[\"free\"],\"metrics\":[1,1]}]");
        assertThat(byPlan.json().at("/query/dimensions").toString()).isEqualTo("[\"event:props:plan\"]");
        assertThat(pro.json().get("results").toString()).isEqualTo(
                "[{\"dimensions\":[\"2025-11-12\"],\"metrics\":[2,1]},{\"dimensions\":[\"2025-11-13\"],\"metrics\":[1,1]}]");
    }

    /** Hours come from the raw events: site "raw" has a visitor at 10:05 and 10:40, and another at 11:10, on the plan "pro". */
    @Test
    void hoursAreCountedFromTheRawEventsAndComparedWithTheDayBefore() {
        DB.execute("""
                INSERT INTO events (id, site_id, event_type, path, user_id, occurred_at, received_at, props) VALUES
                  (101, 'raw', 'page_view', '/', 'a', '2025-11-12 10:05Z', now(), NULL),
                  (102, 'raw', 'page_view', '/', 'a', '2025-11-12 10:40Z', now(), '{"plan": "pro"}'),
                  (103, 'raw', 'signup', '/', 'b', '2025-11-12 11:10Z', now(), '{"plan": "pro"}'),
                  (104, 'raw', 'page_view', '/', 'c', '2025-11-11 10:59Z', now(), NULL)""");

        Reply hours = query("""
                {"site_id": "raw", "metrics": ["visitors", "pageviews", "events"], "date_range": ["2025-11-12", "2025-11-12"],
                 "dimensions": ["time:hour"], "include": {"comparisons": {"mode": "previous_period"}}}""");
        Reply pro = query("""
                {"site_id": "raw", "metrics": ["events"], "date_range": ["2025-11-12", "2025-11-12"], "dimensions": ["time:minute"],
                 "filters": [["is", "event:props:plan", ["pro"]]]}""");

        assertThat(hours.status()).as(hours.body()).isEqualTo(200);
        assertThat(hours.json().get("results").toString()).isEqualTo("""
                [{"dimensions":["2025-11-12 10:00:00"],"metrics":[1,2,2],"comparison":{"dimensions":["2025-11-11 10:00:00"],"metrics":[1,1,1],"change":[0.0,100.0,100.0]}},\
                {"dimensions":["2025-11-12 11:00:00"],"metrics":[1,0,1],"comparison":{"dimensions":["2025-11-11 11:00:00"],"metrics":[0,0,0],"change":[null,null,null]}}]""");
        assertThat(pro.json().get("results").toString()).isEqualTo(
                "[{\"dimensions\":[\"2025-11-12 10:40:00\"],\"metrics\":[1]},{\"dimensions\":[\"2025-11-12 11:10:00\"],\"metrics\":[1]}]");
    }

    /**
     * Visits by hour come from the raw visits, each in the hour it started (site "clock", in
     * Zurich, UTC+1): a's visit from 09:50 to 10:20 and its bounce at 10:45, b's from Google at 11:10.
     */
    @Test
    void visitsByHourCountEachVisitInTheHourItStarted() {
        DB.execute("""
                INSERT INTO site_settings (site_id, time_zone) VALUES ('clock', 'Europe/Zurich');
                INSERT INTO visits (site_id, visitor_id, started_at, ended_at, day, page_views, events, entry_page, exit_page, source, channel)
                VALUES ('clock', 'a', '2025-11-12 09:50+01', '2025-11-12 10:20+01', '2025-11-12', 2, 3, '/', '/docs', 'Direct / None', 'Direct'),
                       ('clock', 'a', '2025-11-12 10:55+01', '2025-11-12 10:55+01', '2025-11-12', 1, 1, '/', '/', 'Direct / None', 'Direct'),
                       ('clock', 'b', '2025-11-12 11:10+01', '2025-11-12 11:12+01', '2025-11-12', 2, 2, '/', '/docs', 'Google', 'Organic Search')""");

        Reply hours = query("""
                {"site_id": "clock", "metrics": ["visits", "bounce_rate", "visit_duration", "views_per_visit"],
                 "date_range": ["2025-11-12", "2025-11-12"], "dimensions": ["time:hour"]}""");
        Reply google = query("""
                {"site_id": "clock", "metrics": ["visits"], "date_range": ["2025-11-12", "2025-11-12"], "dimensions": ["time:minute"],
                 "filters": [["is", "visit:source", ["Google"]]]}""");

        assertThat(hours.status()).as(hours.body()).isEqualTo(200);
        assertThat(hours.json().get("results").toString()).isEqualTo("""
                [{"dimensions":["2025-11-12 09:00:00"],"metrics":[1,0,1800,2.0]},{"dimensions":["2025-11-12 10:00:00"],"metrics":[1,100,0,1.0]},\
                {"dimensions":["2025-11-12 11:00:00"],"metrics":[1,0,120,2.0]}]""");
        assertThat(google.json().get("results").toString()).isEqualTo("[{\"dimensions\":[\"2025-11-12 11:10:00\"],\"metrics\":[1]}]");
    }

    /**
     * A filter on the visit reads the events of the visits that start in the range, to their
     * end: a's visit enters on /a at 23:50 on the 12th and views /b after midnight; a's next
     * visit, at 01:30 on the 13th, enters on /a too but starts after the range; b enters on /c.
     */
    @Test
    void aVisitsEventsPastTheRangesEndCountUnderAFilterOnTheVisit() {
        DB.execute("""
                INSERT INTO events (id, site_id, event_type, path, user_id, occurred_at, received_at) VALUES
                  (201, 'late', 'page_view', '/a', 'a', '2025-11-12 23:50Z', now()),
                  (202, 'late', 'page_view', '/b', 'a', '2025-11-13 00:20Z', now()),
                  (203, 'late', 'page_view', '/a', 'a', '2025-11-13 01:30Z', now()),
                  (204, 'late', 'page_view', '/c', 'b', '2025-11-12 12:00Z', now());
                INSERT INTO visits (site_id, visitor_id, started_at, ended_at, day, page_views, events, entry_page, exit_page, source, channel)
                VALUES ('late', 'a', '2025-11-12 23:50Z', '2025-11-13 00:20Z', '2025-11-12', 2, 2, '/a', '/b', 'Direct / None', 'Direct'),
                       ('late', 'a', '2025-11-13 01:30Z', '2025-11-13 01:30Z', '2025-11-13', 1, 1, '/a', '/a', 'Direct / None', 'Direct'),
                       ('late', 'b', '2025-11-12 12:00Z', '2025-11-12 12:00Z', '2025-11-12', 1, 1, '/c', '/c', 'Direct / None', 'Direct')""");
        String pagesOfVisitsEnteringOnA = """
                {"site_id": "late", "metrics": ["visitors", "pageviews"], "date_range": ["%s", "%s"], "dimensions": ["event:page"],
                 "filters": [["is", "visit:entry_page", ["/a"]]]}""";

        Reply twelfth = query(pagesOfVisitsEnteringOnA.formatted("2025-11-12", "2025-11-12"));
        Reply daysBefore = query(pagesOfVisitsEnteringOnA.formatted("2025-11-10", "2025-11-11"));

        assertThat(twelfth.status()).as(twelfth.body()).isEqualTo(200);
        assertThat(twelfth.json().get("results").toString()).isEqualTo(
                "[{\"dimensions\":[\"/a\"],\"metrics\":[1,1]},{\"dimensions\":[\"/b\"],\"metrics\":[1,1]}]");
        assertThat(daysBefore.json().get("results").toString()).as("days without visits").isEqualTo("[]");
    }

    @Test
    void conversionRateIsTheShareOfThePeriodsVisitorsWhoSentTheEvent() {
        Reply byName = query("""
                {"site_id": "shop", "metrics": ["visitors", "conversion_rate"], "date_range": ["2025-11-12", "2025-11-13"],
                 "dimensions": ["event:name"]}""");
        Reply filtered = query("""
                {"site_id": "shop", "metrics": ["conversion_rate"], "date_range": ["2025-11-12", "2025-11-13"],
                 "filters": [["is", "event:name", ["signup"]]]}""");

        assertThat(byName.status()).isEqualTo(200);
        assertThat(byName.json().get("results").toString()).isEqualTo(
                "[{\"dimensions\":[\"page_view\"],\"metrics\":[3,100.0]},{\"dimensions\":[\"signup\"],\"metrics\":[1,33.33]}]");
        assertThat(filtered.json().get("results").toString()).isEqualTo("[{\"dimensions\":[],\"metrics\":[33.33]}]");
        Reply byDay = query("""
                {"site_id": "shop", "metrics": ["conversion_rate"], "date_range": ["2025-11-12", "2025-11-13"], "dimensions": ["time:day"],
                 "filters": [["is", "event:name", ["signup"]]]}""");
        assertThat(byDay.json().get("results").toString()).as("a of the 12th's a and b").isEqualTo(
                "[{\"dimensions\":[\"2025-11-12\"],\"metrics\":[50.0]}]");
    }

    @Test
    void visitMetricsAreSummedOverTheDaysVisitsStartedOn() {
        Reply reply = query("""
                {"site_id": "blog", "metrics": ["visits", "bounce_rate", "visit_duration", "views_per_visit", "pageviews"],
                 "date_range": ["2025-11-12", "2025-11-13"]}""");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("results").toString()).isEqualTo("[{\"dimensions\":[],\"metrics\":[4,50,75,1.75,7]}]");
    }

    @Test
    void visitSourcesCountTheirVisitsVisitorsAndPageViewsAndLeaveOutEmptiedRows() {
        Reply reply = query("""
                {"site_id": "blog", "metrics": ["visitors", "visits", "bounce_rate", "pageviews"],
                 "date_range": ["2025-11-12", "2025-11-13"], "dimensions": ["visit:source"]}""");
        Reply filtered = query("""
                {"site_id": "blog", "metrics": ["visits", "pageviews", "visitors"], "date_range": ["2025-11-12", "2025-11-13"],
                 "dimensions": ["time:day"], "filters": [["is", "visit:source", ["Google"]]]}""");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("results").toString()).isEqualTo(
                "[{\"dimensions\":[\"Google\"],\"metrics\":[2,3,67,4]},{\"dimensions\":[\"Direct / None\"],\"metrics\":[1,1,0,3]}]");
        assertThat(filtered.json().get("results").toString()).isEqualTo(
                "[{\"dimensions\":[\"2025-11-12\"],\"metrics\":[2,3,1]},{\"dimensions\":[\"2025-11-13\"],\"metrics\":[1,1,1]}]");
    }

    /** By page, as in Plausible, a bounce rate and a duration are of the visits that entered on the page. */
    @Test
    void bounceRateAndDurationByPageAreOfTheVisitsThatEnteredOnIt() {
        Reply pages = query("""
                {"site_id": "blog", "metrics": ["pageviews", "bounce_rate", "visit_duration"], "date_range": ["2025-11-12", "2025-11-13"],
                 "dimensions": ["event:page"]}""");
        Reply entered = query("""
                {"site_id": "blog", "metrics": ["bounce_rate"], "date_range": ["2025-11-12", "2025-11-13"], "dimensions": ["event:page"]}""");
        Reply filtered = query("""
                {"site_id": "blog", "metrics": ["visit_duration"], "date_range": ["2025-11-12", "2025-11-13"], "dimensions": ["event:page"],
                 "filters": [["contains", "event:page", ["pric"]]]}""");

        assertThat(pages.status()).as(pages.body()).isEqualTo(200);
        assertThat(pages.json().get("results").toString()).as("/docs has page views and no visit entered on it").isEqualTo("""
                [{"dimensions":["/"],"metrics":[4,67,67]},{"dimensions":["/pricing"],"metrics":[2,0,100]},\
                {"dimensions":["/docs"],"metrics":[1,0,0]}]""");
        assertThat(entered.json().get("results").toString()).as("without page views, the pages visits entered on").isEqualTo(
                "[{\"dimensions\":[\"/\"],\"metrics\":[67]},{\"dimensions\":[\"/pricing\"],\"metrics\":[0]}]");
        assertThat(filtered.json().get("results").toString()).as("a condition on the page is on the page entered on").isEqualTo(
                "[{\"dimensions\":[\"/pricing\"],\"metrics\":[100]}]");
    }

    /** A whole month is read from the monthly rollup; a month partly covered from its days, or as the month minus the others. */
    @Test
    void visitsOverMonthsAreTheSameFromMonthsAndDays() {
        String both = "{\"dimensions\":[\"Google\"],\"metrics\":[3,67,4]},{\"dimensions\":[\"Direct / None\"],\"metrics\":[1,0,3]}";
        assertVisits("2025-11-01", "2025-11-30", both, "[4,75]");
        assertVisits("2025-11-12", "2025-12-15", both, "[4,75]");
        assertVisits("2025-10-20", "2025-11-12",
                "{\"dimensions\":[\"Google\"],\"metrics\":[2,50,3]},{\"dimensions\":[\"Direct / None\"],\"metrics\":[1,0,3]}", "[3,100]");
        assertVisits("2025-11-13", "2025-11-30", "{\"dimensions\":[\"Google\"],\"metrics\":[1,100,1]}", "[1,0]");
    }

    /** Visits, bounce rate and page views by source, and visits and duration in all, over a range of site "blog". */
    private void assertVisits(String from, String to, String bySource, String total) {
        Reply sources = query("""
                {"site_id": "blog", "metrics": ["visits", "bounce_rate", "pageviews"], "date_range": ["%s", "%s"],
                 "dimensions": ["visit:source"]}""".formatted(from, to));
        Reply all = query("""
                {"site_id": "blog", "metrics": ["visits", "visit_duration"], "date_range": ["%s", "%s"]}""".formatted(from, to));

        assertThat(sources.json().get("results").toString()).as(from + ".." + to).isEqualTo("[" + bySource + "]");
        assertThat(all.json().get("results").toString()).as(from + ".." + to).isEqualTo("[{\"dimensions\":[],\"metrics\":" + total + "}]");
    }

    @Test
    void aReportCanBeHadAsCsvWithItsComparison() {
        TestHttp.Reply csv = TestHttp.at(port).postJson("/api/v2/query?format=csv", """
                {"site_id": "shop", "metrics": ["pageviews", "visitors"], "date_range": ["2025-11-12", "2025-11-13"],
                 "dimensions": ["time:day"], "include": {"comparisons": {"mode": "previous_period"}}}""", "apikey", "test-secret");
        TestHttp.Reply accept = TestHttp.at(port).postJson("/api/v2/query", """
                {"site_id": "shop", "metrics": ["events"], "date_range": "all", "dimensions": ["event:name"]}""",
                "apikey", "test-secret", "Accept", "text/csv");

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.body().lines().toList()).containsExactly(
                "time:day,pageviews,visitors,previous_pageviews,previous_visitors,change_pageviews,change_visitors",
                "2025-11-12,5,2,0,0,,", "2025-11-13,4,2,0,0,,");
        assertThat(accept.body().lines().toList()).containsExactly("event:name,events", "page_view,11", "signup,2");
    }

    @Test
    void filtersKeepTheMatchingValuesOfOneDimension() {
        String range = "\"date_range\": [\"2025-11-12\", \"2025-11-13\"]";
        Reply mobileTotals = query("""
                {"site_id": "shop", "metrics": ["visitors", "pageviews", "events"], %s,
                 "filters": [["is", "visit:device", ["Mobile"]]]}""".formatted(range));
        Reply mobileDays = query("""
                {"site_id": "shop", "metrics": ["visitors", "pageviews"], %s, "dimensions": ["time:day"],
                 "filters": [["not", ["is", "visit:device", ["Desktop"]]]]}""".formatted(range));
        Reply pricingPages = query("""
                {"site_id": "shop", "metrics": ["pageviews"], %s, "dimensions": ["event:page"],
                 "filters": [["contains", "event:page", ["PRI"]]]}""".formatted(range));
        Reply homeTotals = query("""
                {"site_id": "shop", "metrics": ["pageviews", "events"], %s, "filters": [["matches", "event:page", ["^/$"]]]}"""
                .formatted(range));
        Reply notViews = query("""
                {"site_id": "shop", "metrics": ["events", "pageviews"], %s, "filters": [["is_not", "event:name", ["page_view"]]]}"""
                .formatted(range));
        Reply nothing = query("""
                {"site_id": "shop", "metrics": ["visitors", "events"], %s, "filters": [["is", "visit:country", ["CH"]]]}"""
                .formatted(range));

        assertThat(mobileTotals.json().get("results").toString()).isEqualTo("[{\"dimensions\":[],\"metrics\":[2,7,8]}]");
        assertThat(mobileDays.json().get("results").toString()).isEqualTo(
                "[{\"dimensions\":[\"2025-11-12\"],\"metrics\":[1,3]},{\"dimensions\":[\"2025-11-13\"],\"metrics\":[2,4]}]");
        assertThat(pricingPages.json().get("results").toString()).isEqualTo("[{\"dimensions\":[\"/pricing\"],\"metrics\":[3]}]");
        assertThat(homeTotals.json().get("results").toString()).isEqualTo("[{\"dimensions\":[],\"metrics\":[6,6]}]");
        assertThat(notViews.json().get("results").toString()).isEqualTo("[{\"dimensions\":[],\"metrics\":[2,0]}]");
        assertThat(nothing.json().get("results").toString()).isEqualTo("[{\"dimensions\":[],\"metrics\":[0,0]}]");
    }

    @Test
    void aPatternJavaAcceptsAndPostgresqlDoesNotIsA400() {
        Reply reply = query("""
                {"site_id": "shop", "metrics": ["pageviews"], "date_range": "all", "filters": [["matches", "event:page", ["(?<n>/)"]]]}""");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("field").asString()).isEqualTo("filters");
        assertThat(reply.json().get("reason").asString()).contains("regular expression");
    }

    @Test
    void eventNamesCountEachType() {
        Reply reply = query("""
                {"site_id": "shop", "metrics": ["events", "pageviews"], "date_range": "all", "dimensions": ["event:name"]}""");

        assertThat(reply.json().get("results").toString()).isEqualTo(
                "[{\"dimensions\":[\"page_view\"],\"metrics\":[11,11]},{\"dimensions\":[\"signup\"],\"metrics\":[2,0]}]");
    }

    @Test
    void aSiteWithoutDataHasZeroTotals() {
        Reply reply = query("{\"site_id\": \"nobody\", \"metrics\": [\"visitors\", \"events\"], \"date_range\": \"30d\"}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("results").toString()).isEqualTo("[{\"dimensions\":[],\"metrics\":[0,0]}]");
    }

    @Test
    void badQueriesAreA400NamingThePartAndAKeyIsNeeded() {
        Reply unknown = query("{\"site_id\": \"shop\", \"metrics\": [\"views\"], \"date_range\": \"day\"}");
        Reply notJson = query("{\"site_id\": ");
        Reply noKey = TestHttp.at(port).postJson("/api/v2/query", "{}");

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("field").asString()).isEqualTo("metrics[0]");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(noKey.status()).isEqualTo(401);
    }

    @Test
    void aQuestionFromRawEventsMustStartOnADayTheSiteStillKeeps() {
        DB.execute("INSERT INTO site_settings (site_id, retention_days) VALUES ('kept', 7) ON CONFLICT DO NOTHING");
        // Pages under a condition on the country are not rolled up: they come from the raw events, kept 7 days.
        String inSwitzerland = "\"filters\": [[\"is\", \"visit:country\", [\"CH\"]]]";
        Reply tooEarly = query("{\"site_id\": \"kept\", \"metrics\": [\"visitors\"], \"date_range\": \"30d\", \"dimensions\": [\"event:page\"], "
                + inSwitzerland + "}");
        Reply kept = query("{\"site_id\": \"kept\", \"metrics\": [\"visitors\"], \"date_range\": \"7d\", \"dimensions\": [\"event:page\"], "
                + inSwitzerland + "}");
        Reply comparedTooEarly = query("""
                {"site_id": "kept", "metrics": ["visitors"], "date_range": "7d", "dimensions": ["event:page"],
                 "filters": [["is", "visit:country", ["CH"]]], "include": {"comparisons": {"mode": "previous_period"}}}""");
        Reply fromRollups = query("{\"site_id\": \"kept\", \"metrics\": [\"pageviews\"], \"date_range\": \"30d\", \"dimensions\": [\"event:page\"]}");

        assertThat(tooEarly.status()).as(tooEarly.body()).isEqualTo(400);
        assertThat(tooEarly.json().get("field").asString()).isEqualTo("date_range");
        assertThat(tooEarly.json().get("reason").asString()).contains("kept keeps them from " + LocalDate.now(ZoneOffset.UTC).minusDays(6));
        assertThat(kept.status()).as(kept.body()).isEqualTo(200);
        assertThat(comparedTooEarly.status()).isEqualTo(400);
        assertThat(fromRollups.status()).as(fromRollups.body()).isEqualTo(200);
    }
}
