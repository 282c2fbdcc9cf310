package tally.ingest.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The JSON bodies the ingestion endpoints answer with. */
final class Answers {

    private Answers() {}

    /** The seed's 202 and its body, field for field: {"success":true,"queued":true,"response_time_ms":0.42}. */
    static void writeQueued(HttpServletResponse response, long startedNanos) throws IOException {
        byte[] body = ("{\"success\":true,\"queued\":true,\"response_time_ms\":" + millisSince(startedNanos) + "}")
                .getBytes(StandardCharsets.US_ASCII);
        response.setStatus(HttpServletResponse.SC_ACCEPTED);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * The seed's 202 for an event that enrichment dropped (a bot): nothing is queued, and the
     * reason says why, so that a client can tell, while a bot gets no error to retry.
     */
    static void writeDropped(HttpServletResponse response, long startedNanos, String reason) throws IOException {
        byte[] body = ("{\"success\":true,\"queued\":false,\"dropped\":\"" + reason + "\",\"response_time_ms\":"
                + millisSince(startedNanos) + "}").getBytes(StandardCharsets.US_ASCII);
        response.setStatus(HttpServletResponse.SC_ACCEPTED);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** 202 for /api/v1/events: how many were kept, how many dropped as bots, and which were refused and why. */
    record BatchQueued(boolean success, boolean queued, int accepted, int dropped, List<Rejected> rejected,
                       @JsonProperty("response_time_ms") double responseTimeMs) {
        static BatchQueued since(long startedNanos, int accepted, int dropped, List<Rejected> rejected) {
            return new BatchQueued(true, accepted > 0, accepted, dropped, rejected, millisSince(startedNanos));
        }
    }

    /** One event of a batch that was not kept: its index in the array, the field and the reason. */
    record Rejected(int index, String field, String reason) {}

    /** 400 for a batch with no valid event: the usual error fields plus every rejection. */
    record BatchRefused(String error, String field, String reason, List<Rejected> rejected) {}

    /** Milliseconds since {@code startedNanos}, to two decimals as the seed shows them. */
    private static double millisSince(long startedNanos) {
        return Math.round((System.nanoTime() - startedNanos) / 10_000.0) / 100.0;
    }
}
