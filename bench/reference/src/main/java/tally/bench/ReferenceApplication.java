package tally.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The fastest a Spring MVC service on this stack can answer the seed's ingest call: bind the
 * JSON body, answer 202 with the seed's body, keep nothing. The benchmark runs it in its own
 * JVM, with the same server settings as the ingest service, as reference (a).
 */
@SpringBootApplication
@RestController
public class ReferenceApplication {

    /** The seed's event, bound as Spring would bind any request body. */
    record SeedEvent(@JsonProperty("site_id") String siteId, @JsonProperty("event_type") String eventType,
                     String path, @JsonProperty("user_id") String userId, String timestamp) {}

    /** The seed's answer. */
    record Queued(boolean success, boolean queued, @JsonProperty("response_time_ms") double responseTimeMs) {}

    @PostMapping("/functions/v1/ingest-event")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Queued ingest(@RequestBody SeedEvent event) {
        return new Queued(true, true, 0.0);
    }

    public static void main(String[] args) {
        SpringApplication.run(ReferenceApplication.class, args);
    }
}
