package tally.system;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tally.testing.Await;
import tally.testing.TestHttp;
import tally.testing.TestHttp.Reply;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL goes away (killed, or turned read-only as a full disk would) while the services stay
 * up: ingestion answers 503 with Retry-After and acknowledges nothing, reports answer 503, and
 * when the database is back everything recovers by itself with the right numbers.
 */
class DatabaseOutageTest {

    /** Commit timeout (2 s) plus connection timeout (1 s) plus slack for a loaded machine. */
    private static final Duration PROMPT = Duration.ofSeconds(8);

    static KillablePostgres postgres;
    static Tally tally;
    static TestHttp ingest;
    static TestHttp stats;
    static int acknowledged;
    static final Map<String, Integer> accepted = new java.util.HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        postgres = new KillablePostgres();
        tally = new Tally(postgres.database(), Map.of());
        ingest = Tally.http(tally.start(Service.INGEST));
        tally.start(Service.PROCESSOR);
        stats = Tally.http(tally.start(Service.STATS));
    }

    @AfterAll
    static void stop() throws Exception {
        tally.close();
        postgres.close();
    }

    static String event(String site) {
        return "{\"site_id\":\"" + site + "\",\"event_type\":\"page_view\",\"user_id\":\"u" + acknowledged + "\"}";
    }

    static void sendAcknowledged(String site, int n) {
        for (int i = 0; i < n; i++) {
            assertThat(post(site)).isEqualTo(202);
        }
    }

    static void assertRefusedPromptly(Reply reply, long startedNanos) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(503);
        assertThat(reply.header("Retry-After")).isNotNull();
        assertThat(Duration.ofNanos(System.nanoTime() - startedNanos)).isLessThan(PROMPT);
    }

    /** Posts one event and returns its status, counting it when it was acknowledged. */
    static int post(String site) {
        int status = ingest.postJson("/functions/v1/ingest-event", event(site)).status();
        if (status == 202) {
            acknowledged++;
            accepted.merge(site, 1, Integer::sum);
        }
        return status;
    }

    static long views(String site) {
        Reply reply = stats.get("/functions/v1/get-stats?site_id=" + site, "apikey", Tally.SECRET_KEY);
        return reply.status() == 200 ? reply.json().get("total_views").longValue() : -1;
    }

    @Test
    void killedDatabaseMeans503ThenRecovery() throws Exception {
        sendAcknowledged("outage", 50);
        postgres.kill();

        for (int i = 0; i < 10; i++) {
            long started = System.nanoTime();
            assertRefusedPromptly(ingest.postJson("/functions/v1/ingest-event", event("outage")), started);
        }
        long started = System.nanoTime();
        assertRefusedPromptly(stats.get("/functions/v1/get-stats?site_id=outage", "apikey", Tally.SECRET_KEY), started);

        postgres.start();
        Await.until("ingestion to recover", Duration.ofSeconds(30), () -> post("probe") == 202);
        sendAcknowledged("outage", 50);
        Await.until("every acknowledged event in the report", Duration.ofSeconds(30), () -> views("outage") == 100);
        assertThat(tally.db.count("SELECT count(*) FROM events WHERE site_id = 'outage'")).isEqualTo(100);
    }

    @Test
    void readOnlyDatabaseMeans503ThenRecovery() {
        sendAcknowledged("readonly", 20);
        tally.db.execute("ALTER SYSTEM SET default_transaction_read_only = on");
        tally.db.execute("SELECT pg_reload_conf()");
        try {
            Await.until("writes to be refused", Duration.ofSeconds(10), () -> post("readonly") == 503);
            for (int i = 0; i < 5; i++) {
                long started = System.nanoTime();
                assertRefusedPromptly(ingest.postJson("/functions/v1/ingest-event", event("readonly")), started);
            }
        } finally {
            tally.db.execute("ALTER SYSTEM RESET default_transaction_read_only");
            tally.db.execute("SELECT pg_reload_conf()");
        }
        Await.until("ingestion to recover", Duration.ofSeconds(30), () -> post("readonly") == 202);
        int expected = accepted.get("readonly");
        Await.until("the processor to resume", Duration.ofSeconds(30), () -> views("readonly") == expected);
        assertThat(tally.db.count("SELECT count(*) FROM events WHERE site_id = 'readonly'")).isEqualTo(expected);
    }
}
