package tally.system;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tally.testing.Await;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Two processor processes drain one queue at once: every event lands once, the rollups match the raw events. */
class ConcurrentProcessorsTest {

    Tally tally = new Tally(Map.of("TALLY_PROCESSOR_BATCH_SIZE", "500"));

    @AfterEach
    void stop() {
        tally.close();
    }

    @Test
    void twoProcessorsNeverDoubleCount() {
        // Both are running before the rows arrive, so both take part in draining them.
        tally.start(Service.PROCESSOR);
        tally.start(Service.PROCESSOR);
        tally.db.execute("""
                INSERT INTO events_queue (site_id, event_type, path, user_id, occurred_at, event_id)
                SELECT 'site-' || (i % 5), CASE WHEN i % 4 = 0 THEN 'signup' ELSE 'page_view' END, '/p' || (i % 17),
                       'u' || (i % 300), timestamptz '2026-02-01 00:00:00+00' + (i % 6) * interval '1 day',
                       CASE WHEN i % 10 = 0 THEN 'ev-' || (i % 1000) END
                FROM generate_series(1, 60000) AS i""");
        long expected = tally.db.count("""
                SELECT count(*) FILTER (WHERE event_id IS NULL)
                     + count(DISTINCT (site_id, event_id)) FILTER (WHERE event_id IS NOT NULL) FROM events_queue""");

        Await.until("two processors to drain 60,000 events", Duration.ofSeconds(120),
                () -> tally.db.count("SELECT count(*) FROM events_queue") == 0);
        Await.until("both processors to report what they drained", Duration.ofSeconds(30), () -> tally.db.count("""
                SELECT count(*) FROM service_counters WHERE name = 'tally.processor.drained' AND value > 0""") == 2);

        assertThat(tally.db.count("SELECT count(*) FROM events")).isEqualTo(expected);
        assertThat(tally.db.count("SELECT sum(value) FROM service_counters WHERE name = 'tally.processor.drained'")).isEqualTo(60_000);
        assertThat(tally.db.count("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()"))
                .as("deadlocks on the rollup upserts").isZero();
        assertThat(tally.db.count("""
                SELECT count(*) FROM (
                  (SELECT site_id, (occurred_at AT TIME ZONE 'UTC')::date, event_type, count(*) FROM events GROUP BY 1, 2, 3
                   EXCEPT SELECT site_id, day, event_type, events FROM rollup_daily_events)
                  UNION ALL
                  (SELECT site_id, day, event_type, events FROM rollup_daily_events
                   EXCEPT SELECT site_id, (occurred_at AT TIME ZONE 'UTC')::date, event_type, count(*) FROM events GROUP BY 1, 2, 3)) d""")).isZero();
        assertThat(tally.db.count("""
                SELECT count(*) FROM (
                  SELECT site_id, (occurred_at AT TIME ZONE 'UTC')::date, count(DISTINCT user_id) FROM events GROUP BY 1, 2
                  EXCEPT SELECT site_id, date, unique_users FROM daily_stats) d""")).isZero();
    }
}
