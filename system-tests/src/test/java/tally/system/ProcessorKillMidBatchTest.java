package tally.system;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tally.testing.Await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A processor killed in the middle of a batch transaction (it has claimed and deleted queue
 * rows, written them to events and the counts, and is waiting to write the user sketches) loses
 * nothing and counts nothing twice. The test holds a lock on rollup_daily_users so the kill
 * lands exactly there, every time.
 */
class ProcessorKillMidBatchTest {

    private final Tally tally = new Tally(Map.of("TALLY_PROCESSOR_BATCH_SIZE", "1000"));

    @AfterEach
    void stop() {
        tally.close();
    }

    @Test
    void killBeforeCommitLeavesTheBatchToTheNextProcessor() throws Exception {
        tally.db.execute("""
                INSERT INTO events_queue (site_id, event_type, path, user_id, occurred_at)
                SELECT 'mid', 'page_view', '/p' || (i % 5), 'u' || (i % 40), timestamptz '2026-03-01 12:00:00+00'
                FROM generate_series(1, 5000) AS i""");
        ServiceProcess processor;
        try (Connection blocker = tally.db.connect(); Statement s = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            s.execute("LOCK TABLE rollup_daily_users IN EXCLUSIVE MODE");

            processor = tally.start(Service.PROCESSOR);
            Await.until("the processor to be inside its batch, waiting on the lock", Duration.ofSeconds(30),
                    () -> tally.db.count("""
                            SELECT count(*) FROM pg_stat_activity
                            WHERE wait_event_type = 'Lock' AND query LIKE '%rollup_daily_users%'""") == 1);
            processor.kill();
            blocker.rollback();
        }
        assertThat(tally.db.count("SELECT count(*) FROM events")).as("nothing of the killed batch is visible").isZero();

        tally.start(Service.PROCESSOR);
        Await.until("the next processor to drain the queue", Duration.ofSeconds(60),
                () -> tally.db.count("SELECT count(*) FROM events_queue") == 0);
        assertThat(tally.db.count("SELECT count(*) FROM events")).isEqualTo(5000);
        assertThat(tally.db.count("SELECT coalesce(sum(events), 0) FROM rollup_daily_events")).isEqualTo(5000);
        assertThat(tally.db.count("SELECT coalesce(sum(page_views), 0) FROM rollup_daily_paths")).isEqualTo(5000);
        assertThat(tally.db.count("SELECT unique_users FROM daily_stats WHERE site_id = 'mid'")).isEqualTo(40);
    }
}
