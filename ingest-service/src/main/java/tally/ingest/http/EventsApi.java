package tally.ingest.http;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;

import java.io.IOException;

/**
 * The ingestion endpoints as their OpenAPI document describes them (springdoc reads these
 * annotations). The controller reads the body itself, strictly, so the request's shape is given
 * here as examples; the README's tables give every field's limits.
 */
interface EventsApi {

    String ONE_EVENT = """
            {"site_id": "site-abc-123", "event_type": "page_view", "path": "/pricing",
             "user_id": "user-xyz-789", "timestamp": "2025-11-12T19:30:01Z"}""";
    String QUEUED = """
            {"success": true, "queued": true, "response_time_ms": 1.42}""";
    String BATCH = """
            [{"site_id": "shop", "event_type": "page_view", "path": "/", "event_id": "a1"},
             {"site_id": "shop", "event_type": "signup", "props": {"plan": "pro"}, "event_id": "a2"},
             {"site_id": "shop"}]""";
    String BATCH_QUEUED = """
            {"success": true, "queued": true, "accepted": 2,
             "rejected": [{"index": 2, "field": "event_type", "reason": "is required"}], "response_time_ms": 2.1}""";
    String REFUSED = """
            {"error": "bad_request", "field": "timestamp", "reason": "is more than 60 minutes in the future"}""";
    String UNAVAILABLE = """
            {"error": "service_unavailable", "reason": "the database is unavailable; retry later"}""";

    @Operation(summary = "Send one event (the seed's contract)",
            description = "site_id and event_type are required; path defaults to /, user_id to anonymous, "
                    + "timestamp (ISO 8601 with an offset) to now. The 202 comes once the event is committed. "
                    + "No key is needed; a wrong public key is refused. Browsers may send it as text/plain.",
            requestBody = @RequestBody(required = true, content = @Content(mediaType = "application/json",
                    examples = @ExampleObject(name = "page view", value = ONE_EVENT))),
            responses = {
                    @ApiResponse(responseCode = "202", description = "Stored, to be processed",
                            content = @Content(mediaType = "application/json", examples = @ExampleObject(QUEUED))),
                    @ApiResponse(responseCode = "400", description = "A field is missing or invalid; nothing is stored",
                            content = @Content(mediaType = "application/json", examples = @ExampleObject(REFUSED))),
                    @ApiResponse(responseCode = "503", description = "Not stored (database down, queue full): send it again",
                            content = @Content(mediaType = "application/json", examples = @ExampleObject(UNAVAILABLE)))})
    void ingestEvent(HttpServletRequest request, HttpServletResponse response) throws IOException;

    @Operation(summary = "Send one event or an array of up to 10,000",
            description = "The seed's event plus event_id (an idempotency key for 7 days), referrer and props "
                    + "(up to 30 flat custom dimensions). Good events of a batch are kept; each bad one is listed by "
                    + "its index. A batch with no valid event is a 400.",
            requestBody = @RequestBody(required = true, content = @Content(mediaType = "application/json",
                    examples = @ExampleObject(name = "a batch", value = BATCH))),
            responses = {
                    @ApiResponse(responseCode = "202", description = "The valid events are stored",
                            content = @Content(mediaType = "application/json", examples = @ExampleObject(BATCH_QUEUED))),
                    @ApiResponse(responseCode = "400", description = "No valid event, or the body is not strict JSON",
                            content = @Content(mediaType = "application/json", examples = @ExampleObject(REFUSED))),
                    @ApiResponse(responseCode = "503", description = "Not stored: send them again",
                            content = @Content(mediaType = "application/json", examples = @ExampleObject(UNAVAILABLE)))})
    ResponseEntity<?> events(HttpServletRequest request) throws IOException;
}
