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
import tally.common.http.SiteIds;
import tally.common.http.BadRequestException;
import tools.jackson.databind.JsonNode;

import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

/**
 * GET and PUT /api/v1/sites/{site_id}/settings: a site's settings (secret key required).
 * retention_days: how long raw events are kept (the processor deletes older ones hourly; rollups
 * and reports stay); null keeps them forever. time_zone: the IANA zone whose days the site's
 * events are counted on and its reports are read in (UTC by default).
 */
@RestController
class SiteSettingsController {

    /** The settings of a site. */
    record Settings(@JsonProperty("site_id") String siteId, @JsonProperty("retention_days") Integer retentionDays,
                    @JsonProperty("time_zone") String timeZone) {
    }

    static final int MAX_RETENTION_DAYS = 36_500;
    static final Set<String> FIELDS = Set.of("retention_days", "time_zone");

    static final String READ = "SELECT retention_days, time_zone FROM site_settings WHERE site_id = :site";
    /** Only the settings given change; a new row keeps the defaults of the others. */
    static final String WRITE = """
            INSERT INTO site_settings (site_id, retention_days, time_zone) VALUES (:site, :days, coalesce(:zone, 'UTC'))
            ON CONFLICT (site_id) DO UPDATE
            SET retention_days = CASE WHEN :setDays THEN excluded.retention_days ELSE site_settings.retention_days END,
                time_zone = CASE WHEN :setZone THEN excluded.time_zone ELSE site_settings.time_zone END""";
    /** PostgreSQL must know a zone by the name Java knows it. */
    static final String KNOWN_ZONE = "SELECT count(*) FROM pg_timezone_names WHERE name = :zone";

    private final JdbcClient jdbc;

    SiteSettingsController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Operation(summary = "A site's settings",
            security = {@SecurityRequirement(name = "apikey"), @SecurityRequirement(name = "bearer")},
            responses = @ApiResponse(responseCode = "200", description = "The settings", content = @Content(
                    mediaType = "application/json",
                    examples = @ExampleObject("{\"site_id\": \"shop\", \"retention_days\": 90, \"time_zone\": \"Europe/Zurich\"}"))))
    @GetMapping("/api/v1/sites/{site_id}/settings")
    Settings read(@PathVariable("site_id") String siteId) {
        SiteIds.checked(siteId);
        return jdbc.sql(READ).param("site", siteId)
                .query((rs, n) -> new Settings(siteId, (Integer) rs.getObject(1), rs.getString(2)))
                .optional().orElse(new Settings(siteId, null, "UTC"));
    }

    @Operation(summary = "Change a site's settings",
            description = "retention_days: raw events older than that many days (1-36500) are deleted within the hour; "
                    + "rollups and so every report stay. null keeps raw events forever. time_zone: an IANA time zone "
                    + "(\"Europe/Zurich\"); the site's events are counted on its local days from now on (days already "
                    + "counted stay as they were), and its reports take today and their days in it. Settings left out stay.",
            security = {@SecurityRequirement(name = "apikey"), @SecurityRequirement(name = "bearer")},
            requestBody = @RequestBody(required = true, content = @Content(mediaType = "application/json",
                    examples = @ExampleObject("{\"retention_days\": 90, \"time_zone\": \"Europe/Zurich\"}"))),
            responses = @ApiResponse(responseCode = "200", description = "The settings now", content = @Content(
                    mediaType = "application/json",
                    examples = @ExampleObject("{\"site_id\": \"shop\", \"retention_days\": 90, \"time_zone\": \"Europe/Zurich\"}"))))
    @PutMapping(value = "/api/v1/sites/{site_id}/settings", consumes = MediaType.APPLICATION_JSON_VALUE)
    Settings write(@PathVariable("site_id") String siteId, @org.springframework.web.bind.annotation.RequestBody JsonNode body) {
        SiteIds.checked(siteId);
        if (body == null || !body.isObject() || body.isEmpty()) {
            throw new BadRequestException("body", "must be an object with retention_days, time_zone or both");
        }
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!FIELDS.contains(field.getKey())) {
                throw new BadRequestException(field.getKey(), "is not a site setting; the settings are retention_days, time_zone");
            }
        }
        JsonNode days = body.get("retention_days");
        if (days != null && !days.isNull() && (!days.isIntegralNumber() || !days.canConvertToInt() || days.intValue() < 1
                || days.intValue() > MAX_RETENTION_DAYS)) {
            throw new BadRequestException("retention_days", "must be a whole number of days from 1 to " + MAX_RETENTION_DAYS + ", or null");
        }
        String zone = body.has("time_zone") ? zone(body.get("time_zone")) : null;
        Integer retention = days == null || days.isNull() ? null : days.intValue();
        jdbc.sql(WRITE).param("site", siteId).param("days", retention, java.sql.Types.INTEGER).param("zone", zone, java.sql.Types.VARCHAR)
                .param("setDays", days != null).param("setZone", zone != null).update();
        return read(siteId);
    }

    /** A zone both Java and PostgreSQL know by its IANA name (offsets are refused: PostgreSQL reads their sign the other way). */
    private String zone(JsonNode node) {
        String reason = "must be an IANA time zone such as \"Europe/Zurich\" or \"UTC\"";
        if (node == null || !node.isString() || !ZoneId.getAvailableZoneIds().contains(node.asString())
                || jdbc.sql(KNOWN_ZONE).param("zone", node.asString()).query(Long.class).single() == 0) {
            throw new BadRequestException("time_zone", reason);
        }
        return node.asString();
    }
}
