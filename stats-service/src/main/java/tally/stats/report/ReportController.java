package tally.stats.report;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import tally.common.http.BadRequestException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import tally.stats.sites.SiteZones;

/** POST /api/v2/query: a report in the shape of Plausible's Stats API v2 (secret key required). */
@RestController
class ReportController {

    static final String EXAMPLE = """
            {"site_id": "shop", "metrics": ["visitors", "pageviews"], "date_range": "7d",
             "dimensions": ["time:day"], "include": {"comparisons": {"mode": "previous_period"}}}""";

    static final String ANSWER = """
            {"results": [{"dimensions": ["2026-11-22"], "metrics": [212, 1450],
                          "comparison": {"dimensions": ["2026-11-15"], "metrics": [200, 1300], "change": [6.0, 11.5]}}],
             "meta": {"time_range": {"from": "2026-11-22", "to": "2026-11-28"},
                      "comparison_time_range": {"from": "2026-11-15", "to": "2026-11-21"}},
             "query": {"site_id": "shop", "metrics": ["visitors", "pageviews"], "date_range": ["2026-11-22", "2026-11-28"],
                       "dimensions": ["time:day"], "order_by": [], "pagination": {"limit": 10000, "offset": 0},
                       "comparison": "previous_period"}}""";

    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    static final String SCHEMA = "report/query-schema.json";

    private final SiteHistory history;
    private final ReportRunner runner;
    private final SiteZones zones;

    ReportController(SiteHistory history, ReportRunner runner, SiteZones zones) {
        this.history = history;
        this.runner = runner;
        this.zones = zones;
    }

    /** The query's JSON schema: the contract of what this endpoint takes, checked against the parser by a test. */
    @Operation(summary = "The JSON schema of a report query",
            security = {@SecurityRequirement(name = "apikey"), @SecurityRequirement(name = "bearer")})
    @GetMapping(value = "/api/v2/query/schema", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Resource> schema() {
        return ResponseEntity.ok(new ClassPathResource(SCHEMA));
    }

    @Operation(summary = "A report: metrics over a date range, grouped by a dimension",
            description = "Plausible's Stats API v2 query. metrics: visitors, visits, pageviews, views_per_visit, bounce_rate, "
                    + "visit_duration, events, conversion_rate (with event:name), percentage (with a dimension), revenue (summed per currency). dimensions: none, "
                    + "time:day (time), time:week, time:month, time:hour and time:minute (from raw events: at most 31 days and one "
                    + "day), event:page, event:name, event:hostname, event:props:<key>, visit:device, visit:browser, visit:os, "
                    + "visit:country, visit:source, visit:channel, visit:referrer, visit:utm_source|medium|campaign|content|term, "
                    + "visit:entry_page, visit:exit_page; by event:page, bounce_rate and visit_duration are of the visits that "
                    + "entered on the page. date_range: day, 7d, 30d (any Nd), month, 6mo, 12mo, year, all, or "
                    + "[from, to]; the site's days (its time zone, UTC by default), today included. filters on any dimensions but "
                    + "time (is, is_not, contains, contains_not, matches, matches_not; and, or, not). order_by, pagination "
                    + "{limit, offset} and include.comparisons "
                    + "{mode: previous_period or year_over_year}. ?format=csv (or Accept: text/csv) answers the rows as CSV. "
                    + "The JSON schema is at /api/v2/query/schema.",
            security = {@SecurityRequirement(name = "apikey"), @SecurityRequirement(name = "bearer")},
            requestBody = @RequestBody(required = true, content = @Content(mediaType = "application/json",
                    examples = @ExampleObject(name = "visitors and page views per day", value = EXAMPLE))),
            responses = {
                    @ApiResponse(responseCode = "200", description = "The report", content = @Content(
                            mediaType = "application/json", examples = @ExampleObject(ANSWER))),
                    @ApiResponse(responseCode = "400", description = "A part of the query is unknown or unsupported",
                            content = @Content(mediaType = "application/json", examples = @ExampleObject(
                                    "{\"error\": \"bad_request\", \"field\": \"metrics[1]\", \"reason\": \"unknown metric views; the metrics are visitors, visits, pageviews, views_per_visit, bounce_rate, visit_duration, events, conversion_rate, percentage, revenue\"}")))})
    @PostMapping(value = "/api/v2/query", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> query(@org.springframework.web.bind.annotation.RequestBody JsonNode body,
                            @Parameter(description = "json (default) or csv; Accept: text/csv works too")
                            @RequestParam(name = "format", required = false) String format,
                            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        boolean csv = "csv".equalsIgnoreCase(format) || (format == null && accept != null && accept.contains("text/csv"));
        if (format != null && !csv && !"json".equalsIgnoreCase(format)) {
            throw new BadRequestException("format", "must be json or csv");
        }
        Report report = ReportParser.parse(body, zones::days, history::of);
        ReportAnswer answer = runner.run(report);
        return csv ? ResponseEntity.ok().contentType(CSV).body(ReportCsv.of(report, answer)) : ResponseEntity.ok(answer);
    }
}
