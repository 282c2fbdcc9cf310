package tally.stats.report;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import tally.stats.sites.SiteZones;

/** POST /api/v2/retention: cohorts of first-seen visitors and how many came back after (secret key required). */
@RestController
class RetentionController {

    static final String EXAMPLE = """
            {"site_id": "shop", "date_range": ["2026-10-05", "2026-10-18"], "period": "week", "periods": 4}""";

    static final String ANSWER = """
            {"cohorts": [{"cohort": "2026-10-05", "visitors": 400, "returning": [400, 92, 61, 40, 33],
                          "retention": [100.0, 23.0, 15.25, 10.0, 8.25]},
                         {"cohort": "2026-10-12", "visitors": 380, "returning": [380, 80, 52, 41, null],
                          "retention": [100.0, 21.05, 13.68, 10.79, null]}],
             "meta": {"period": "week", "periods": 4, "time_range": {"from": "2026-10-05", "to": "2026-10-18"}}}""";

    private final SiteHistory history;
    private final RetentionRunner runner;
    private final SiteZones zones;

    RetentionController(SiteHistory history, RetentionRunner runner, SiteZones zones) {
        this.history = history;
        this.runner = runner;
        this.zones = zones;
    }

    @Operation(summary = "Retention: cohorts of first-seen visitors and their share coming back in each period after",
            description = "date_range (as in /api/v2/query) picks the cohorts: the visitors first seen in each day, week "
                    + "(from Monday) or month (period, default week) of it. returning[k] is how many of a cohort had an event in "
                    + "the k-th period after its own (1 to 52 periods, default 8), retention[k] its percent of the cohort; null "
                    + "for periods still to come. Anonymous visitor ids change daily, so returns past a day are counted for "
                    + "visitors identified by user_id.",
            security = {@SecurityRequirement(name = "apikey"), @SecurityRequirement(name = "bearer")},
            requestBody = @RequestBody(required = true, content = @Content(mediaType = "application/json",
                    examples = @ExampleObject(name = "two weekly cohorts, four weeks after", value = EXAMPLE))),
            responses = {
                    @ApiResponse(responseCode = "200", description = "The cohorts", content = @Content(
                            mediaType = "application/json", examples = @ExampleObject(ANSWER))),
                    @ApiResponse(responseCode = "400", description = "A part of the question is wrong",
                            content = @Content(mediaType = "application/json", examples = @ExampleObject(
                                    "{\"error\": \"bad_request\", \"field\": \"period\", \"reason\": \"must be day, week or month\"}")))})
    @PostMapping(value = "/api/v2/retention", consumes = MediaType.APPLICATION_JSON_VALUE)
    RetentionRunner.RetentionAnswer retention(@org.springframework.web.bind.annotation.RequestBody JsonNode body) {
        Retention retention = Retention.parse(body, zones::days, history::of);
        return runner.run(retention, retention.site().today());
    }
}
