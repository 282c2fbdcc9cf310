package tally.processor.retention;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tally.processor.drain.BatchProcessor;
import tally.testing.TestDatabase;
import tally.testing.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/** Raw events past a site's retention are deleted; other sites' and the rollups are not. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"tally.keys.secret-key=test-secret", "tally.processor.scheduled=false", "tally.processor.retention-interval=1d"})
class RetentionSweepTest {

    static final TestDatabase DB = TestDatabases.fresh();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DB::url);
    }

    @Autowired
    RetentionSweep sweep;

    @Autowired
    BatchProcessor processor;

    @Test
    void deletesTheRawEventsPastEachSitesRetentionAndKeepsTheRollups() {
        DB.execute("""
                INSERT INTO events_queue (site_id, event_type, path, user_id, occurred_at)
                SELECT site, 'page_view', '/', 'u' || g, now() - (g || ' days')::interval
                FROM generate_series(0, 39) g, (VALUES ('short'), ('forever')) s(site)""");
        while (processor.processOne().drained() > 0) {
            // drain everything
        }
        DB.execute("INSERT INTO site_settings VALUES ('short', 30), ('forever', NULL)");
        long rollupViews = DB.count("SELECT sum(events) FROM rollup_daily_events WHERE site_id = 'short'");

        long deleted = sweep.sweep();

        assertThat(deleted).isEqualTo(10);
        assertThat(DB.count("SELECT count(*) FROM events WHERE site_id = 'short'")).isEqualTo(30);
        assertThat(DB.count("SELECT count(*) FROM events WHERE site_id = 'short' AND occurred_at < now() - interval '30 days'")).isZero();
        assertThat(DB.count("SELECT count(*) FROM events WHERE site_id = 'forever'")).isEqualTo(40);
        assertThat(DB.count("SELECT sum(events) FROM rollup_daily_events WHERE site_id = 'short'")).isEqualTo(rollupViews).isEqualTo(40);
        assertThat(DB.count("SELECT count(*) FROM visits WHERE site_id = 'short'")).as("a visit a day, of one event").isEqualTo(30);
        assertThat(DB.count("SELECT count(*) FROM visitors WHERE site_id = 'short'")).isEqualTo(30);
        assertThat(DB.count("SELECT count(*) FROM visits WHERE site_id = 'forever'")).isEqualTo(40);
        assertThat(DB.count("SELECT sum(visits) FROM rollup_daily_visits WHERE site_id = 'short' AND dimension = 'all'")).isEqualTo(40);
        assertThat(sweep.sweep()).as("a second sweep finds nothing").isZero();
    }
}
