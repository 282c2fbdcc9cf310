package tally.system;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tally.testing.Await;
import tally.testing.TestHttp;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stop everything, start it again, resend what a client would retry: nothing acknowledged is
 * lost and nothing retried with its event_id is counted twice.
 */
class RestartTest {

    Tally tally = new Tally(Map.of());

    @AfterEach
    void stop() {
        tally.close();
    }

    static String batch(int from, int to) {
        StringBuilder body = new StringBuilder("[");
        for (int i = from; i < to; i++) {
            body.append(i == from ? "" : ",").append("{\"site_id\":\"restart\",\"event_type\":\"page_view\",\"path\":\"/p")
                    .append(i % 13).append("\",\"user_id\":\"u").append(i % 50).append("\",\"event_id\":\"ev-").append(i).append("\"}");
        }
        return body.append("]").toString();
    }

    static void send(TestHttp ingest, int from, int to) {
        for (int start = from; start < to; start += 100) {
            var reply = ingest.postJson("/api/v1/events", batch(start, Math.min(to, start + 100)));
            assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        }
    }

    @Test
    void restartingAllServicesLosesAndDoublesNothing() {
        ServiceProcess ingest = tally.start(Service.INGEST);
        ServiceProcess processor = tally.start(Service.PROCESSOR);
        ServiceProcess stats = tally.start(Service.STATS);
        send(Tally.http(ingest), 0, 1000);

        // SIGTERM is a routine stop: each service finishes its work and exits 0.
        assertThat(ingest.stop()).isZero();
        assertThat(processor.stop()).isZero();
        assertThat(stats.stop()).isZero();
        ingest = tally.restart(ingest);
        processor = tally.restart(processor);
        stats = tally.restart(stats);

        // The client retries the second half (it never saw those answers) and sends 1000 more.
        send(Tally.http(ingest), 500, 2000);

        Await.until("the queue to drain", Duration.ofSeconds(60), () -> tally.db.count("SELECT count(*) FROM events_queue") == 0);
        assertThat(tally.db.count("SELECT count(*) FROM events")).isEqualTo(2000);
        assertThat(tally.db.count("SELECT count(DISTINCT event_id) FROM events")).isEqualTo(2000);
        var report = Tally.http(stats).get("/functions/v1/get-stats?site_id=restart", "apikey", Tally.SECRET_KEY).json();
        assertThat(report.get("total_views").longValue()).isEqualTo(2000);
        assertThat(report.get("unique_users").longValue()).isEqualTo(50);
    }
}
