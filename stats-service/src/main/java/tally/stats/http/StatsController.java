package tally.stats.http;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tally.common.http.BadRequestException;
import tally.common.http.SiteIds;
import tally.stats.query.DayStats;
import tally.stats.query.SeedStatsQuery;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** The seed's reporting endpoint: one day's figures, or all time without {@code date}. */
@RestController
class StatsController {

    private final SeedStatsQuery query;

    StatsController(SeedStatsQuery query) {
        this.query = query;
    }

    @Operation(summary = "Statistics of a site for a day or all time (the seed's contract)",
            description = "Page views, distinct users (a sketch estimate past a few hundred: within 3.3 % for 95 % "
                    + "of answers) and the ten most viewed paths.",
            security = {@SecurityRequirement(name = "apikey"), @SecurityRequirement(name = "bearer")},
            responses = {
                    @ApiResponse(responseCode = "200", description = "The figures", content = @Content(
                            mediaType = "application/json", examples = @ExampleObject("""
                            {"site_id": "site-abc-123", "date": "2025-11-12", "total_views": 1450, "unique_users": 212,
                             "top_paths": [{"path": "/pricing", "views": 700}, {"path": "/blog/post-1", "views": 500}]}"""))),
                    @ApiResponse(responseCode = "400", description = "A bad site_id or date", content = @Content(
                            mediaType = "application/json", examples = @ExampleObject(
                            "{\"error\": \"bad_request\", \"field\": \"date\", \"reason\": \"must be a date as YYYY-MM-DD\"}")))})
    @GetMapping("/functions/v1/get-stats")
    DayStats getStats(
            @Parameter(description = "The site", example = "site-abc-123") @RequestParam("site_id") String siteId,
            @Parameter(description = "A day of the site (YYYY-MM-DD, in its time zone); without it, all time", example = "2025-11-12")
            @RequestParam(name = "date", required = false) String date) {
        SiteIds.checked(siteId);
        if (date == null) {
            return query.allTime(siteId);
        }
        return query.day(siteId, parseDate(date));
    }

    private static LocalDate parseDate(String date) {
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new BadRequestException("date", "must be a date as YYYY-MM-DD");
        }
    }
}
