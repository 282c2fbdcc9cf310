package tally.stats.realtime;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tally.common.http.SiteIds;
import tally.common.http.ServiceUnavailableException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Realtime, as Plausible offers it: current visitors, and the events as they are processed (secret key required). */
@RestController
class RealtimeController {

    /** "Current visitors": those with an event in the last five minutes, as Plausible counts them. */
    static final Duration CURRENT = Duration.ofMinutes(5);
    /** Seconds a client waits before opening a stream again when all are taken. */
    static final int RETRY_AFTER_SECONDS = 5;

    record CurrentVisitors(@JsonProperty("site_id") String siteId, long visitors, Instant since) {
    }

    private final RecentEvents recent;
    private final LiveStream stream;
    private final Clock clock;

    RealtimeController(RecentEvents recent, LiveStream stream, Clock clock) {
        this.recent = recent;
        this.stream = stream;
        this.clock = clock;
    }

    @Operation(summary = "Visitors in the last five minutes",
            description = "Distinct visitors with an event timestamped in the last five minutes, among processed events.",
            security = {@SecurityRequirement(name = "apikey"), @SecurityRequirement(name = "bearer")},
            responses = @ApiResponse(responseCode = "200", description = "The count", content = @Content(
                    mediaType = "application/json", examples = @ExampleObject(
                    "{\"site_id\": \"shop\", \"visitors\": 12, \"since\": \"2026-11-28T15:25:00Z\"}"))))
    @GetMapping("/api/v1/realtime/visitors")
    CurrentVisitors visitors(@Parameter(description = "The site", example = "shop") @RequestParam("site_id") String siteId) {
        SiteIds.checked(siteId);
        Instant now = clock.instant();
        return new CurrentVisitors(siteId, recent.visitors(siteId, now, CURRENT), now.minus(CURRENT));
    }

    @Operation(summary = "A live stream of the site's events (Server-Sent Events)",
            description = "Each processed event as an SSE \"event\" with its JSON, about a second after it was sent; "
                    + "the stream closes after 30 minutes (reconnect). curl -N shows it.",
            security = {@SecurityRequirement(name = "apikey"), @SecurityRequirement(name = "bearer")},
            responses = @ApiResponse(responseCode = "200", description = "The stream", content = @Content(
                    mediaType = "text/event-stream", examples = @ExampleObject("""
                    event:event
                    id:1042
                    data:{"id":1042,"site_id":"shop","event_type":"page_view","path":"/pricing","country":"CH","device":"Mobile","browser":"Mobile Safari","source":"Google","occurred_at":"2026-11-28T15:30:00.120Z","processed_at":"2026-11-28T15:30:00.410Z"}"""))))
    @GetMapping(value = "/api/v1/realtime/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@Parameter(description = "The site", example = "shop") @RequestParam("site_id") String siteId) {
        SiteIds.checked(siteId);
        SseEmitter emitter = stream.subscribe(siteId);
        if (emitter == null) {
            throw new ServiceUnavailableException("too many live streams are open; retry later", RETRY_AFTER_SECONDS, null);
        }
        return emitter;
    }
}
