package tally.system;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tally.testing.Await;
import tally.testing.TestHttp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tally's first promise under real damage: sustained concurrent load while the ingest service,
 * the processor, and everything including PostgreSQL are killed with SIGKILL, in turn, several
 * times. Afterwards every event that got a 202 is in events exactly once and counted once in the
 * rollups; no event that got a 4xx is anywhere.
 *
 * <p>The short run (8 kills) is part of the test suite. The long run is a command:
 * {@code ./tally test -pl system-tests -am -Dtest=CrashTest -Dsurefire.failIfNoSpecifiedTests=false -Dtally.crash.rounds=5}
 * (each round kills the ingest service, the processor, PostgreSQL alone under the running
 * services, then everything). Its report is printed
 * and written to system-tests/target/crash-report.txt.
 */
class CrashTest {

    private static final int ROUNDS = Integer.getInteger("tally.crash.rounds", 2);
    private static final int CLIENTS = 8;
    /** Events acknowledged between kills, so each kill lands on work in flight. */
    private static final int EVENTS_BETWEEN_KILLS = 400;

    private KillablePostgres postgres;
    private Tally tally;

    @AfterEach
    void stop() throws Exception {
        if (tally != null) {
            tally.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void killedServicesAndDatabaseLoseAndDoubleNothing() throws Exception {
        postgres = new KillablePostgres();
        tally = new Tally(postgres.database(), Map.of("TALLY_PROCESSOR_BATCH_SIZE", "500"));
        ServiceProcess ingest = tally.start(Service.INGEST);
        ServiceProcess processor = tally.start(Service.PROCESSOR);
        AtomicReference<TestHttp> ingestHttp = new AtomicReference<>(Tally.http(ingest));
        CrashLoad load = new CrashLoad(ingestHttp, CLIENTS);
        int kills = 0;

        for (int round = 0; round < ROUNDS; round++) {
            awaitProgress(load);
            ingest.kill();
            kills++;
            ingest = tally.restart(ingest);
            ingestHttp.set(Tally.http(ingest));

            awaitProgress(load);
            processor.kill();
            kills++;
            processor = tally.restart(processor);

            awaitProgress(load);
            postgres.kill();
            kills++;
            postgres.start();

            awaitProgress(load);
            ingest.kill();
            processor.kill();
            postgres.kill();
            kills++;
            postgres.start();
            ingest = tally.restart(ingest);
            ingestHttp.set(Tally.http(ingest));
            processor = tally.restart(processor);
        }
        awaitProgress(load);
        load.stop();
        awaitDrained();

        Map<String, Long> stored = storedCounts();
        long lost = load.acknowledged.stream().filter(id -> !stored.containsKey(id)).count();
        long duplicated = stored.values().stream().filter(n -> n > 1).count();
        long storedRejected = load.rejected.stream().filter(stored::containsKey).count();
        long rollupTotal = tally.db.count("SELECT coalesce(sum(events), 0) FROM rollup_daily_events");
        String report = String.format(
                "crash test: %d events acknowledged, %d rejected, %d answers lost to kills, %d batches resent, %d kills survived;"
                        + " %d lost, %d duplicated, %d rejected but stored; events %d, rollups %d",
                load.acknowledged.size(), load.rejected.size(), load.answersLost.get(), load.resent.get(), kills,
                lost, duplicated, storedRejected, stored.values().stream().mapToLong(Long::longValue).sum(), rollupTotal);
        System.out.println(report);
        Files.writeString(Path.of("target", "crash-report.txt"), report + System.lineSeparator());

        assertThat(load.acknowledged).hasSizeGreaterThan(1000);
        assertThat(kills).isEqualTo(4 * ROUNDS);
        assertThat(lost).as(report).isZero();
        assertThat(duplicated).as(report).isZero();
        assertThat(storedRejected).as(report).isZero();
        assertThat(rollupTotal).as(report).isEqualTo(tally.db.count("SELECT count(*) FROM events"));
    }

    /**
     * Returns once the queue is empty. A long run leaves a backlog of hundreds of thousands, so
     * the deadline is on progress: the queue must shrink every minute, not empty in one.
     */
    private void awaitDrained() {
        long queued;
        while ((queued = tally.db.count("SELECT count(*) FROM events_queue")) > 0) {
            long before = queued;
            Await.until("the processor to drain more of the " + before + " queued events", Duration.ofSeconds(60),
                    () -> tally.db.count("SELECT count(*) FROM events_queue") < before);
        }
    }

    /** Returns once the clients have had EVENTS_BETWEEN_KILLS more events acknowledged. */
    private static void awaitProgress(CrashLoad load) {
        int target = load.acknowledged.size() + EVENTS_BETWEEN_KILLS;
        Await.until(target + " events acknowledged", Duration.ofSeconds(60), () -> load.acknowledged.size() >= target);
    }

    private Map<String, Long> storedCounts() throws Exception {
        Map<String, Long> counts = new HashMap<>();
        try (var c = tally.db.connect(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT user_id, count(*) FROM events GROUP BY user_id")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }
}
