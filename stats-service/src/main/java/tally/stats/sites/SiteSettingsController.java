package tally.stats.sites;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import tally.common.http.BadRequestException;
import tools.jackson.databind.JsonNode;

import java.util.Map;

/**
 * GET and PUT /api/v1/sites/{site_id}/settings: a site's settings (secret key required). For now
 * one: retention_days, how long raw events are kept (the processor deletes older ones hourly;
 * rollups and reports stay); null keeps them forever.
 */
@RestController
class SiteSettingsController {

    /** The settings of a site. */
    record Settings(@JsonProperty("site_id") String siteId, @JsonProperty("retention_days") Integer retentionDays) {
    }

    static final int MAX_RETENTION_DAYS = 36_500;

    static final String READ = "SELECT retention_days FROM site_settings WHERE site_id = :site";
    static final String WRITE = """
            INSERT INTO site_settings (site_id, retention_days) VALUES (:site, :days)
            ON CONFLICT (site_id) DO UPDATE SET retention_days = excluded.retention_days""";

    private final JdbcClient jdbc;

    SiteSettingsController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Operation(summary = "A site's settings",
            security = {@SecurityRequirement(name = "apikey"), @SecurityRequirement(name = "bearer")},
            responses = @ApiResponse(responseCode = "200", description = "The settings", content = @Content(
                    mediaType = "application/json", examples = @ExampleObject("{\"site_id\": \"shop\", \"retention_days\": 90}"))))
    @GetMapping("/api/v1/sites/{site_id}/settings")
    Settings read(@PathVariable("site_id") String siteId) {
        SiteIds.checked(siteId);
        Integer days = jdbc.sql(READ).param("site", siteId).query((rs, n) -> (Integer) rs.getObject(1)).optional().orElse(null);
        return new Settings(siteId, days);
    }

    @Operation(summary = "Change a site's settings",
            description = "retention_days: raw events older than that many days (1-36500) are deleted within the hour; "
                    + "rollups and so every report stay. null keeps raw events forever.",
            security = {@SecurityRequirement(name = "apikey"), @SecurityRequirement(name = "bearer")},
            requestBody = @RequestBody(required = true, content = @Content(mediaType = "application/json",
                    examples = @ExampleObject("{\"retention_days\": 90}"))),
            responses = @ApiResponse(responseCode = "200", description = "The settings now", content = @Content(
                    mediaType = "application/json", examples = @ExampleObject("{\"site_id\": \"shop\", \"retention_days\": 90}"))))
    @PutMapping(value = "/api/v1/sites/{site_id}/settings", consumes = MediaType.APPLICATION_JSON_VALUE)
    Settings write(@PathVariable("site_id") String siteId, @org.springframework.web.bind.annotation.RequestBody JsonNode body) {
        SiteIds.checked(siteId);
        if (body == null || !body.isObject() || !body.has("retention_days")) {
            throw new BadRequestException("retention_days", "is required (a number of days, or null to keep raw events)");
        }
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!field.getKey().equals("retention_days")) {
                throw new BadRequestException(field.getKey(), "is not a site setting; the settings are retention_days");
            }
        }
        JsonNode days = body.get("retention_days");
        if (!days.isNull() && (!days.isIntegralNumber() || !days.canConvertToInt() || days.intValue() < 1
                || days.intValue() > MAX_RETENTION_DAYS)) {
            throw new BadRequestException("retention_days", "must be a whole number of days from 1 to " + MAX_RETENTION_DAYS + ", or null");
        }
        Integer retention = days.isNull() ? null : days.intValue();
        jdbc.sql(WRITE).param("site", siteId).param("days", retention, java.sql.Types.INTEGER).update();
        return new Settings(siteId, retention);
    }
}
