package tally.stats.sites;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tally.common.http.SiteIds;

import java.util.List;

/** GET /api/v1/sites: the sites with processed events (secret key required, like every report). */
@RestController
class SitesController {

    /** The answer: a list in an object, so fields can be added without breaking clients. */
    record Sites(List<SiteList.Site> sites) {
    }

    record Properties(@JsonProperty("site_id") String siteId, List<String> properties) {
    }

    private final SiteList sites;

    SitesController(SiteList sites) {
        this.sites = sites;
    }

    @Operation(summary = "The sites with processed events",
            description = "Busiest first, with their number of events and their first and last day.",
            security = {@SecurityRequirement(name = "apikey"), @SecurityRequirement(name = "bearer")},
            responses = @ApiResponse(responseCode = "200", description = "The sites", content = @Content(
                    mediaType = "application/json", examples = @ExampleObject("""
                    {"sites": [{"site_id": "shop", "events": 1450, "first_day": "2026-11-01", "last_day": "2026-11-28"}]}"""))))
    @GetMapping("/api/v1/sites")
    Sites sites() {
        return new Sites(sites.all());
    }

    @Operation(summary = "The custom property keys of a site's events",
            description = "Every key sent in props, the most used first: each is a dimension of /api/v2/query, event:props:<key>.",
            security = {@SecurityRequirement(name = "apikey"), @SecurityRequirement(name = "bearer")},
            responses = @ApiResponse(responseCode = "200", description = "The keys", content = @Content(
                    mediaType = "application/json", examples = @ExampleObject("""
                    {"site_id": "shop", "properties": ["plan", "seats"]}"""))))
    @GetMapping("/api/v1/sites/{site_id}/properties")
    Properties properties(@PathVariable("site_id") String siteId) {
        return new Properties(SiteIds.checked(siteId), sites.properties(siteId));
    }
}
