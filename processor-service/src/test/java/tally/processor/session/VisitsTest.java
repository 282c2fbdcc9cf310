package tally.processor.session;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tally.processor.drain.BatchProcessor;
import tally.testing.TestDatabase;
import tally.testing.TestDatabases;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Visits kept by the batch transaction, batch after batch and by concurrent processors, against
 * the raw events' visits computed by brute force ({@link RawVisits}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"tally.keys.secret-key=test-secret", "tally.processor.scheduled=false", "tally.processor.batch-size=200"})
class VisitsTest {

    static final TestDatabase DB = TestDatabases.fresh();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DB::url);
    }

    @Autowired
    BatchProcessor processor;

    @BeforeEach
    void empty() {
        DB.emptyAll();
    }

    /** (visitor, minute) pairs already used: no visitor has two events at one instant. */
    final Set<String> used = new HashSet<>();

    /**
     * {@code n} events in random order, for 2 sites and 30 visitors over 3 days, a minute apart
     * at the least; a third arrive with a search referrer and a fifth are clicks, some with no
     * page view before them. A third of the visitors are anonymous (a visitor id, no user id).
     */
    void enqueue(int n, Random random) {
        List<String> rows = new ArrayList<>();
        while (rows.size() < n) {
            int visitor = random.nextInt(30);
            int minute = random.nextInt(3 * 1440);
            if (!used.add(visitor + "@" + minute)) {
                continue;
            }
            double r = random.nextDouble();
            boolean search = r > 0.66;
            rows.add("('site-%d', '%s', '/p%d', 'u%d', timestamptz '2026-02-01 00:00:00+00' + %d * interval '1 minute', %s, %s, %s, %s)"
                    .formatted(visitor % 2, r < 0.2 ? "click" : "page_view", minute % 7, visitor, minute,
                            search ? "'Google'" : "NULL", search ? "'Organic Search'" : "NULL",
                            search ? "'https://www.google.com/'" : "NULL", visitor % 3 == 0 ? "'anon-" + visitor + "'" : "NULL"));
        }
        DB.execute("INSERT INTO events_queue (site_id, event_type, path, user_id, occurred_at, source, channel, referrer, visitor_id) VALUES "
                + String.join(", ", rows));
    }

    void drainAll() {
        while (processor.processOne().drained() > 0) {
            // until the queue is empty
        }
    }

    @Test
    void visitsGrownOverManyBatchesAreTheRawEventsVisits() {
        Random random = new Random(11);
        for (int round = 0; round < 5; round++) {
            enqueue(400, random);
            drainAll();
        }
        RawVisits.assertMatch(DB);
        assertThat(DB.count("SELECT count(*) FROM visitors")).isEqualTo(DB.count("SELECT count(DISTINCT (site_id, coalesce(visitor_id, user_id))) FROM events"));
    }

    @Test
    void concurrentProcessorsKeepTheSameVisits() throws Exception {
        enqueue(3000, new Random(12));
        try (var pool = Executors.newFixedThreadPool(3)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                workers.add(pool.submit(this::drainAll));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        assertThat(DB.count("SELECT count(*) FROM events_queue")).isZero();
        RawVisits.assertMatch(DB);
    }
}
