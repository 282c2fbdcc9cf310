package tally.stats.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tally.common.http.BadRequestException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Queries as users write them: what each date range means, and a 400 naming each bad part. */
class ReportParserTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final LocalDate TODAY = LocalDate.parse("2026-11-28");
    static final DateRange HISTORY = new DateRange(LocalDate.parse("2025-03-02"), LocalDate.parse("2026-11-29"), true);

    static Report parse(String json) {
        JsonNode body = JSON.readTree(json);
        return ReportParser.parse(body, TODAY, site -> site.equals("shop") ? Optional.of(HISTORY) : Optional.empty());
    }

    @ParameterizedTest(name = "{0} is {1} to {2}")
    @CsvSource({
            "day, 2026-11-28, 2026-11-28",
            "7d, 2026-11-22, 2026-11-28",
            "30d, 2026-10-30, 2026-11-28",
            "month, 2026-11-01, 2026-11-28",
            "6mo, 2026-06-01, 2026-11-28",
            "12mo, 2025-12-01, 2026-11-28",
            "year, 2026-01-01, 2026-11-28",
            "all, 2025-03-02, 2026-11-29"})
    void namedRangesAreUtcDaysWithTodayIncluded(String name, String from, String to) {
        Report report = parse("{\"site_id\": \"shop\", \"metrics\": [\"pageviews\"], \"date_range\": \"" + name + "\"}");

        assertThat(report.range().from()).isEqualTo(from);
        assertThat(report.range().to()).isEqualTo(to);
        assertThat(report.range().wholeHistory()).isEqualTo(name.equals("all"));
    }

    @Test
    void allOfASiteWithoutDataIsToday() {
        Report report = parse("{\"site_id\": \"new\", \"metrics\": [\"pageviews\"], \"date_range\": \"all\"}");

        assertThat(report.range()).isEqualTo(new DateRange(TODAY, TODAY, true));
    }

    @Test
    void explicitRangesTakeDatesOrDatetimesReadInUtc() {
        Report report = parse("""
                {"site_id": "shop", "metrics": ["events"], "date_range": ["2026-11-01", "2026-11-02T01:00:00+02:00"]}""");

        assertThat(report.range()).isEqualTo(new DateRange(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-01"), false));
    }

    @Test
    void defaultsAreFilledIn() {
        Report report = parse("{\"site_id\": \"shop\", \"metrics\": [\"visitors\", \"pageviews\"], \"date_range\": \"day\"}");

        assertThat(report.metrics()).containsExactly(Metric.VISITORS, Metric.PAGEVIEWS);
        assertThat(report.dimension()).isEmpty();
        assertThat(report.comparison()).isEmpty();
        assertThat(report.limit()).isEqualTo(10_000);
        assertThat(report.offset()).isZero();
    }

    @Test
    void comparisonsOrderAndPaginationAreRead() {
        Report report = parse("""
                {"site_id": "shop", "metrics": ["pageviews"], "date_range": "7d", "dimensions": ["event:page"],
                 "order_by": [["event:page", "asc"]], "pagination": {"limit": 5, "offset": 10},
                 "include": {"comparisons": {"mode": "year_over_year"}}}""");

        assertThat(report.dimension()).contains(Dimension.PAGE);
        assertThat(report.orderBy()).containsExactly(new Report.Order("event:page", false));
        assertThat(report.limit()).isEqualTo(5);
        assertThat(report.offset()).isEqualTo(10);
        assertThat(report.comparison()).contains(Report.Comparison.YEAR_OVER_YEAR);
        assertThat(report.comparison().get().of(report.range()))
                .isEqualTo(new DateRange(LocalDate.parse("2025-11-22"), LocalDate.parse("2025-11-28"), false));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"metrics\": [\"pageviews\"], \"date_range\": \"day\"} | site_id | is required",
            "{\"site_id\": \"a b\", \"metrics\": [\"pageviews\"], \"date_range\": \"day\"} | site_id | must be 1-64",
            "{\"site_id\": \"shop\", \"date_range\": \"day\"} | metrics | must be a non-empty array",
            "{\"site_id\": \"shop\", \"metrics\": [], \"date_range\": \"day\"} | metrics | must be a non-empty array",
            "{\"site_id\": \"shop\", \"metrics\": [\"pageviews\", \"views\"], \"date_range\": \"day\"} | metrics[1] | unknown metric views",
            "{\"site_id\": \"shop\", \"metrics\": [\"time_on_page\"], \"date_range\": \"day\"} | metrics[0] | time_on_page is not supported yet",
            "{\"site_id\": \"shop\", \"metrics\": [\"percentage\"], \"date_range\": \"day\"} | metrics | percentage needs a dimension",
            "{\"site_id\": \"shop\", \"metrics\": [\"conversion_rate\"], \"date_range\": \"day\"} | metrics | conversion_rate needs event:name",
            "{\"site_id\": \"shop\", \"metrics\": [\"bounce_rate\", \"visits\"], \"date_range\": \"day\", \"dimensions\": [\"event:page\"]} | metrics | visits by event:page is not supported: by page, bounce_rate",
            "{\"site_id\": \"shop\", \"metrics\": [\"views_per_visit\"], \"date_range\": \"day\", \"dimensions\": [\"event:page\"]} | metrics | views_per_visit by event:page is not supported",
            "{\"site_id\": \"shop\", \"metrics\": [\"bounce_rate\"], \"date_range\": \"day\", \"dimensions\": [\"event:name\"]} | metrics | bounce_rate by event:name is not supported: a visit has events of several names",
            "{\"site_id\": \"shop\", \"metrics\": [\"events\", \"events\"], \"date_range\": \"day\"} | metrics[1] | asked for twice",
            "{\"site_id\": \"shop\", \"metrics\": [\"events\"]} | date_range | is required",
            "{\"site_id\": \"shop\", \"metrics\": [\"events\"], \"date_range\": \"fortnight\"} | date_range | not fortnight",
            "{\"site_id\": \"shop\", \"metrics\": [\"events\"], \"date_range\": \"0d\"} | date_range | not 0d",
            "{\"site_id\": \"shop\", \"metrics\": [\"events\"], \"date_range\": [\"2026-11-02\", \"2026-11-01\"]} | date_range | is after",
            "{\"site_id\": \"shop\", \"metrics\": [\"events\"], \"date_range\": [\"2026-11-02\"]} | date_range | [from, to]",
            "{\"site_id\": \"shop\", \"metrics\": [\"events\"], \"date_range\": [\"2026-13-02\", \"2026-11-01\"]} | date_range[0] | must be a date",
            "{\"site_id\": \"shop\", \"metrics\": [\"events\"], \"date_range\": [\"2000-01-01\", \"2026-11-01\"]} | date_range | at most 3660",
            "{\"site_id\": \"shop\", \"metrics\": [\"events\"], \"date_range\": \"day\", \"dimensions\": [\"visit:city\"]} | dimensions[0] | visit:city is not supported yet",
            "{\"site_id\": \"shop\", \"metrics\": [\"events\"], \"date_range\": \"day\", \"dimensions\": [\"event:props:a b\"]} | dimensions[0] | a property key is",
            "{\"site_id\": \"shop\", \"metrics\": [\"visits\"], \"date_range\": \"day\", \"dimensions\": [\"event:props:plan\"]} | metrics | visits by event:props:plan is not supported",
            "{\"site_id\": \"shop\", \"metrics\": [\"events\"], \"date_range\": \"day\", \"dimensions\": [\"event:colour\"]} | dimensions[0] | unknown dimension event:colour",
            "{\"site_id\": \"shop\", \"metrics\": [\"events\"], \"date_range\": \"day\", \"filters\": [[\"is\", \"visit:colour\", [\"x\"]]]} | filters[0][1] | cannot filter by visit:colour",
            "{\"site_id\": \"shop\", \"metrics\": [\"events\"], \"date_range\": \"day\", \"filters\": [[\"equals\", \"visit:os\", [\"x\"]]]} | filters[0][0] | unknown operator equals",
            "{\"site_id\": \"shop\", \"metrics\": [\"events\"], \"date_range\": \"day\", \"filters\": [[\"is\", \"visit:os\", []]]} | filters[0][2] | 1 to 100 values",
            "{\"site_id\": \"shop\", \"metrics\": [\"events\"], \"date_range\": \"day\", \"filters\": [[\"matches\", \"event:page\", [\"(\"]]]} | filters[0][2][0] | not a regular expression",
            "{\"site_id\": \"shop\", \"metrics\": [\"events\"], \"date_range\": \"day\", \"filters\": [[\"is\", \"time:day\", [\"x\"]]]} | filters[0][1] | cannot filter by time:day",
            "{\"site_id\": \"shop\", \"metrics\": [\"events\"], \"date_range\": \"6mo\", \"dimensions\": [\"time:hour\"]} | date_range | time:hour covers at most 31 days",
            "{\"site_id\": \"shop\", \"metrics\": [\"events\"], \"date_range\": \"7d\", \"dimensions\": [\"time:minute\"]} | date_range | time:minute covers at most 1 day",
            "{\"site_id\": \"shop\", \"metrics\": [\"events\"], \"date_range\": \"day\", \"dimensions\": [\"time:second\"]} | dimensions[0] | unknown dimension time:second",
            "{\"site_id\": \"shop\", \"metrics\": [\"events\"], \"date_range\": \"day\", \"filters\": [[\"and\", []]]} | filters[0] | non-empty array",
            "{\"site_id\": \"shop\", \"metrics\": [\"events\"], \"date_range\": \"day\", \"filters\": {\"is\": 1}} | filters | must be an array",
            "{\"site_id\": \"shop\", \"metrics\": [\"events\"], \"date_range\": \"day\", \"order_by\": [[\"visitors\", \"desc\"]]} | order_by[0] | visitors is not among",
            "{\"site_id\": \"shop\", \"metrics\": [\"events\"], \"date_range\": \"day\", \"order_by\": [[\"events\", \"up\"]]} | order_by[0] | asc or desc",
            "{\"site_id\": \"shop\", \"metrics\": [\"events\"], \"date_range\": \"day\", \"pagination\": {\"limit\": 0}} | pagination.limit | from 1 to 10000",
            "{\"site_id\": \"shop\", \"metrics\": [\"events\"], \"date_range\": \"day\", \"pagination\": {\"offset\": -1}} | pagination.offset | whole number",
            "{\"site_id\": \"shop\", \"metrics\": [\"events\"], \"date_range\": \"day\", \"include\": {\"comparisons\": {\"mode\": \"last_week\"}}} | include.comparisons.mode | previous_period or year_over_year",
            "{\"site_id\": \"shop\", \"metrics\": [\"events\"], \"date_range\": \"day\", \"period\": \"7d\"} | period | is not a query field",
            "[1, 2] | body | must be a JSON object"})
    void eachBadPartIsNamedWithItsReason(String json, String field, String reason) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.toError().field()).isEqualTo(field);
                    assertThat(e.toError().reason()).contains(reason);
                });
    }

    @Test
    void moreThanTwentyConditionsAreRefused() {
        String conditions = String.join(", ", java.util.Collections.nCopies(21, "[\"is\", \"visit:os\", [\"x\"]]"));
        assertThatThrownBy(() -> parse("{\"site_id\": \"shop\", \"metrics\": [\"events\"], \"date_range\": \"day\", "
                + "\"filters\": [[\"or\", [" + conditions + "]]]}"))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.toError().reason()).contains("at most 20"));
    }

    @Test
    void filtersNestAndKeepTheirOperatorsAndValues() {
        Report report = parse("""
                {"site_id": "shop", "metrics": ["visitors"], "date_range": "7d", "dimensions": ["time:day"],
                 "filters": [["or", [["is", "visit:country", ["CH", "DE"]], ["not", ["contains", "visit:country", ["U"]]]]]]}""");

        assertThat(report.filter()).contains(new Filter.Or(List.of(
                new Filter.Condition(Filter.Operator.IS, Dimension.COUNTRY, List.of("CH", "DE"), null),
                new Filter.Not(new Filter.Condition(Filter.Operator.CONTAINS, Dimension.COUNTRY, List.of("U"), null)))));
        assertThat(report.filter().get().oneDimension()).isTrue();
    }

    @Test
    void filtersOnSeveralDimensionsAreTakenAndLeftToTheRawEvents() {
        Report report = parse("""
                {"site_id": "shop", "metrics": ["visitors", "visits"], "date_range": "7d", "dimensions": ["visit:source"],
                 "filters": [["is", "visit:country", ["CH"]], ["contains", "event:page", ["/blog"]]]}""");

        assertThat(report.filter().get().oneDimension()).isFalse();
        assertThat(RollupReader.hold(report.dimension(), report.propKey(), report.filter())).isFalse();
        assertThat(VisitReader.hold(report.dimension(), report.filter())).isFalse();
    }

    @Test
    void theRollupsHoldOneFilteredDimensionByTimeOrByItself() {
        Optional<Filter> country = Optional.of(new Filter.Condition(Filter.Operator.IS, Dimension.COUNTRY, List.of("CH"), null));
        Optional<Filter> page = Optional.of(new Filter.Condition(Filter.Operator.IS, Dimension.PAGE, List.of("/"), null));

        assertThat(RollupReader.hold(Optional.of(Dimension.TIME_WEEK), null, country)).isTrue();
        assertThat(RollupReader.hold(Optional.of(Dimension.COUNTRY), null, country)).isTrue();
        assertThat(RollupReader.hold(Optional.of(Dimension.BROWSER), null, country)).isFalse();
        assertThat(RollupReader.hold(Optional.of(Dimension.TIME_HOUR), null, Optional.empty())).isFalse();
        assertThat(RollupReader.hold(Optional.empty(), null, page)).isTrue();
        assertThat(RollupReader.hold(Optional.of(Dimension.PAGE), null, country)).isFalse();
        assertThat(RollupReader.hold(Optional.of(Dimension.ENTRY_PAGE), null, Optional.empty())).isTrue();
        assertThat(VisitReader.hold(Optional.of(Dimension.SOURCE), country)).isFalse();
        assertThat(VisitReader.hold(Optional.of(Dimension.TIME_DAY), country)).isTrue();
        assertThat(VisitReader.hold(Optional.empty(), page)).as("visits with a page view are in the raw visits").isFalse();
    }

    @Test
    void theDimensionsAreKnownByTheirPlausibleNames() {
        for (String name : List.of("time", "time:day", "event:page", "event:name", "event:hostname", "visit:device",
                "visit:browser", "visit:os", "visit:country")) {
            Report report = parse("{\"site_id\": \"shop\", \"metrics\": [\"events\"], \"date_range\": \"day\", \"dimensions\": [\"" + name + "\"]}");
            assertThat(report.dimension()).isPresent();
        }
    }
}
