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

/** POST /api/v2/funnel: how many visitors took ordered steps within a time window (secret key required). */
@RestController
class FunnelController {

    static final String EXAMPLE = """
            {"site_id": "shop", "date_range": "30d", "window": "1h",
             "steps": [{"page": "/"}, {"page": "/pricing"}, {"event": "signup"}]}""";

    static final String ANSWER = """
            {"steps": [{"step": 1, "label": "page /", "visitors": 1200, "conversion_rate": 100.0, "dropoff": 0, "dropoff_rate": 0.0},
                       {"step": 2, "label": "page /pricing", "visitors": 300, "conversion_rate": 25.0, "dropoff": 900, "dropoff_rate": 75.0},
                       {"step": 3, "label": "event signup", "visitors": 60, "conversion_rate": 5.0, "dropoff": 240, "dropoff_rate": 80.0}],
             "meta": {"time_range": {"from": "2026-10-30", "to": "2026-11-28"}, "window_seconds": 3600}}""";

    private final SiteHistory history;
    private final FunnelRunner runner;
    private final SiteZones zones;

    FunnelController(SiteHistory history, FunnelRunner runner, SiteZones zones) {
        this.history = history;
        this.runner = runner;
        this.zones = zones;
    }

    @Operation(summary = "A funnel: visitors who took ordered steps within a time window",
            description = "steps: 2 to 8, each {\"page\": \"/path\"} (* matches any characters) or {\"event\": \"name\"}. "
                    + "A visitor reaches a step when, from an event of the first step, each step up to it follows in order "
                    + "within window (\"30m\", \"1h\" (the default), \"7d\"; at most 30 days). date_range as in /api/v2/query, "
                    + "within the days the site keeps raw events; filters on what events carry (event:page, event:name, "
                    + "event:hostname, event:props:<key>, visit:device, visit:browser, visit:os, visit:country). Counted exactly "
                    + "from the raw events of the range.",
            security = {@SecurityRequirement(name = "apikey"), @SecurityRequirement(name = "bearer")},
            requestBody = @RequestBody(required = true, content = @Content(mediaType = "application/json",
                    examples = @ExampleObject(name = "home, pricing, signup within an hour", value = EXAMPLE))),
            responses = {
                    @ApiResponse(responseCode = "200", description = "Visitors per step", content = @Content(
                            mediaType = "application/json", examples = @ExampleObject(ANSWER))),
                    @ApiResponse(responseCode = "400", description = "A part of the funnel is missing or wrong",
                            content = @Content(mediaType = "application/json", examples = @ExampleObject(
                                    "{\"error\": \"bad_request\", \"field\": \"steps[1]\", \"reason\": \"must be {\\\"page\\\": \\\"/path\\\"} or {\\\"event\\\": \\\"name\\\"}\"}")))})
    @PostMapping(value = "/api/v2/funnel", consumes = MediaType.APPLICATION_JSON_VALUE)
    FunnelRunner.FunnelAnswer funnel(@org.springframework.web.bind.annotation.RequestBody JsonNode body) {
        Funnel funnel = FunnelParser.parse(body, zones::days, history::of);
        RawReader.checkKept(funnel.siteId(), funnel.site(), funnel.range(), "as funnels are counted from raw events");
        return runner.run(funnel, funnel.site().zone());
    }
}
