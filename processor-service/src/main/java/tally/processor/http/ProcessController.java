package tally.processor.http;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tally.processor.drain.BatchProcessor;
import tally.processor.drain.BatchResult;
import tally.processor.rollup.SiteDay;

import java.util.HashSet;
import java.util.Set;

/**
 * The seed's manual trigger: returns once everything queued at the moment of the call is
 * processed, by this call or by a processor that had already claimed it (rows arriving
 * meanwhile are left to the drain loop, so a busy queue cannot keep the call open). Answers
 * with the seed's body, counting what this call processed, plus the repeated event_ids it dropped.
 */
@RestController
class ProcessController {

    /**
     * Rows up to lastId that another processor (or this one's drain loop) has claimed are
     * skipped by SKIP LOCKED; locking them without SKIP LOCKED waits until that batch commits
     * (then they are gone) or rolls back (then they are back, and true says: go round again).
     */
    static final String WAIT_FOR_CLAIMED = "SELECT count(*) FROM (SELECT id FROM events_queue WHERE id <= ? FOR UPDATE) AS held";

    private boolean othersStillHold(long lastId) {
        return jdbc.sql(WAIT_FOR_CLAIMED).param(lastId).query(Long.class).single() > 0;
    }

    record Processed(boolean success, long processed, int aggregated_days, long duplicates) {}

    private final BatchProcessor processor;
    private final JdbcClient jdbc;

    ProcessController(BatchProcessor processor, JdbcClient jdbc) {
        this.processor = processor;
        this.jdbc = jdbc;
    }

    @Operation(summary = "Process the queue now (the seed's contract)",
            description = "The processor drains the queue by itself every 200 ms; this call returns once everything "
                    + "queued when it was made is processed, and counts what it processed itself.",
            security = {@SecurityRequirement(name = "apikey"), @SecurityRequirement(name = "bearer")},
            responses = @ApiResponse(responseCode = "200", description = "Processed", content = @Content(
                    mediaType = "application/json", examples = @ExampleObject(
                    "{\"success\": true, \"processed\": 1450, \"aggregated_days\": 3, \"duplicates\": 0}"))))
    @PostMapping("/functions/v1/process-events")
    Processed processEvents() {
        long lastId = jdbc.sql("SELECT coalesce(max(id), 0) FROM events_queue").query(Long.class).single();
        long processed = 0;
        long duplicates = 0;
        Set<SiteDay> days = new HashSet<>();
        do {
            BatchResult batch;
            do {
                batch = processor.processOne(lastId);
                processed += batch.drained();
                duplicates += batch.duplicates();
                days.addAll(batch.siteDays());
            } while (batch.drained() > 0);
        } while (othersStillHold(lastId));
        return new Processed(true, processed, days.size(), duplicates);
    }
}
