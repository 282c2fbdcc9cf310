package tally.stats.status;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** GET /api/v1/status: how the pipeline is doing (secret key required, like every report). */
@RestController
class StatusController {

    private final StatusReader reader;

    StatusController(StatusReader reader) {
        this.reader = reader;
    }

    @Operation(summary = "How the pipeline is doing",
            description = "Queue depth and the age of its oldest event (the processing lag), the processing rate, "
                    + "the events stored, and every service's counters.",
            security = {@SecurityRequirement(name = "apikey"), @SecurityRequirement(name = "bearer")},
            responses = @ApiResponse(responseCode = "200", description = "The pipeline's state", content = @Content(
                    mediaType = "application/json", examples = @ExampleObject("""
                    {"queue_depth": 0, "oldest_queued_age_seconds": 0.0, "processed_per_second": 812.4,
                     "events_stored": 1001, "counters": {"tally.ingest.accepted": 1001},
                     "measured_at": "2026-11-28T15:30:00Z"}"""))))
    @GetMapping("/api/v1/status")
    PipelineStatus status() {
        return reader.read();
    }
}
