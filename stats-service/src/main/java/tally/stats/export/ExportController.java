package tally.stats.export;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tally.common.http.BadRequestException;
import tally.common.http.SiteIds;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** GET /api/v1/export/events: a site's raw events of a range of days, streamed as CSV or JSON lines (secret key required). */
@RestController
class ExportController {

    /** The same ten years a report may span. */
    static final long MAX_DAYS = 3_660;
    static final int FIRST_YEAR = 1970;
    static final int LAST_YEAR = 9999;

    private final EventExport export;
    private final Clock clock;

    ExportController(EventExport export, Clock clock) {
        this.export = export;
        this.clock = clock;
    }

    @Operation(summary = "Export a site's raw events",
            description = "Every stored event of the site with a timestamp in [from, to] (UTC days, both included; "
                    + "default: the last 30 days), oldest first, streamed as CSV (with a header row) or as JSON lines.",
            security = {@SecurityRequirement(name = "apikey"), @SecurityRequirement(name = "bearer")},
            responses = @ApiResponse(responseCode = "200", description = "The events", content = @Content(
                    mediaType = "text/csv", examples = @ExampleObject("""
                    id,site_id,event_type,path,user_id,visitor_id,occurred_at,event_id,hostname,title,referrer,source,channel,utm_source,utm_medium,utm_campaign,utm_content,utm_term,browser,os,device,country,language,screen_width,revenue_amount,revenue_currency,props
                    1042,shop,page_view,/pricing,anonymous,v:5f2b9c0e1d3a4b6c,2026-11-28T15:30:00.120000Z,,shop.example,Pricing,https://www.google.com/,Google,Organic Search,,,,,,Mobile Safari,iOS,Mobile,CH,de-CH,390,,,"""))))
    @GetMapping("/api/v1/export/events")
    ResponseEntity<StreamingResponseBody> events(
            @Parameter(description = "The site", example = "shop") @RequestParam("site_id") String siteId,
            @Parameter(description = "First UTC day (YYYY-MM-DD)", example = "2026-11-01") @RequestParam(name = "from", required = false) String from,
            @Parameter(description = "Last UTC day (YYYY-MM-DD)", example = "2026-11-28") @RequestParam(name = "to", required = false) String to,
            @Parameter(description = "csv (default) or ndjson", example = "csv") @RequestParam(name = "format", defaultValue = "csv") String format) {
        SiteIds.checked(siteId);
        LocalDate today = LocalDate.now(clock);
        LocalDate last = to == null ? today : day("to", to);
        LocalDate first = from == null ? last.minusDays(29) : day("from", from);
        if (first.isAfter(last)) {
            throw new BadRequestException("from", "is after to");
        }
        if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_DAYS) {
            throw new BadRequestException("from", "the range spans more than " + MAX_DAYS + " days");
        }
        EventExport.Format chosen = switch (format.toLowerCase(Locale.ROOT)) {
            case "csv" -> EventExport.Format.CSV;
            case "ndjson", "jsonl" -> EventExport.Format.NDJSON;
            default -> throw new BadRequestException("format", "must be csv or ndjson");
        };
        String file = "tally-%s-%s-%s.%s".formatted(siteId, first, last, chosen.extension);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(chosen.mediaType + ";charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
                .body(out -> export.write(siteId, first, last, chosen, out));
    }

    private static LocalDate day(String field, String text) {
        LocalDate day;
        try {
            day = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(field, "must be a date as YYYY-MM-DD");
        }
        // Checked before the 200 is sent: a date PostgreSQL cannot hold would fail mid-stream.
        if (day.getYear() < FIRST_YEAR || day.getYear() > LAST_YEAR) {
            throw new BadRequestException(field, "must be in the years " + FIRST_YEAR + " to " + LAST_YEAR);
        }
        return day;
    }
}
