package tally.processor.http;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tally.processor.drain.BatchProcessor;
import tally.processor.drain.BatchResult;
import tally.processor.rollup.SiteDay;

import java.util.HashSet;
import java.util.Set;

/**
 * The seed's manual trigger: processes everything queued at the moment of the call (rows
 * arriving meanwhile are left to the drain loop, so a busy queue cannot keep the call open)
 * and answers with the seed's body, plus how many repeated event_ids it dropped.
 */
@RestController
class ProcessController {

    record Processed(boolean success, long processed, int aggregated_days, long duplicates) {}

    private final BatchProcessor processor;
    private final JdbcClient jdbc;

    ProcessController(BatchProcessor processor, JdbcClient jdbc) {
        this.processor = processor;
        this.jdbc = jdbc;
    }

    @PostMapping("/functions/v1/process-events")
    Processed processEvents() {
        long lastId = jdbc.sql("SELECT coalesce(max(id), 0) FROM events_queue").query(Long.class).single();
        long processed = 0;
        long duplicates = 0;
        Set<SiteDay> days = new HashSet<>();
        BatchResult batch;
        do {
            batch = processor.processOne(lastId);
            processed += batch.drained();
            duplicates += batch.duplicates();
            days.addAll(batch.siteDays());
        } while (batch.drained() > 0);
        return new Processed(true, processed, days.size(), duplicates);
    }
}
