package tally.system;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tally.testing.Await;
import tally.testing.TestHttp;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM while clients are sending: the ingest service stops accepting, finishes what is in
 * flight, writes everything it acknowledged (also in async mode, where the 202 came first), and
 * exits 0 within the documented 20 s shutdown phase.
 */
class GracefulShutdownTest {

    private Tally tally;

    @AfterEach
    void stop() {
        tally.close();
    }

    @ParameterizedTest(name = "ack={0}")
    @ValueSource(strings = {"durable", "async"})
    void sigtermWritesEverythingAcknowledgedAndExitsZero(String ack) throws Exception {
        tally = new Tally(Map.of("TALLY_INGEST_ACK", ack));
        ServiceProcess ingest = tally.start(Service.INGEST);
        TestHttp http = Tally.http(ingest);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicInteger next = new AtomicInteger();
        Thread[] clients = new Thread[8];
        for (int c = 0; c < clients.length; c++) {
            clients[c] = Thread.ofVirtual().start(() -> {
                while (sending.get()) {
                    String id = "g" + next.incrementAndGet();
                    try {
                        if (http.postJson("/functions/v1/ingest-event",
                                "{\"site_id\":\"shutdown\",\"event_type\":\"v\",\"user_id\":\"" + id + "\"}").status() == 202) {
                            acknowledged.add(id);
                        }
                    } catch (RuntimeException refusedOrReset) {
                        // the service is going away: this request has no answer, which is fine
                    }
                }
            });
        }
        Await.until("load under way", Duration.ofSeconds(30), () -> acknowledged.size() >= 2000);

        long started = System.nanoTime();
        int exit = ingest.stop();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        sending.set(false);
        for (Thread client : clients) {
            client.join();
        }

        assertThat(exit).isZero();
        assertThat(took).isLessThan(Duration.ofSeconds(20));
        Set<String> stored = ConcurrentHashMap.newKeySet();
        try (var c = tally.db.connect(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT user_id FROM events_queue WHERE site_id = 'shutdown'")) {
            while (rs.next()) {
                stored.add(rs.getString(1));
            }
        }
        assertThat(stored).containsAll(acknowledged);
    }
}
