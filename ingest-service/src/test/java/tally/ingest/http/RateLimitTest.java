package tally.ingest.http;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tally.testing.TestDatabase;
import tally.testing.TestDatabases;
import tally.testing.TestHttp;
import tally.testing.TestHttp.Reply;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tally.keys.secret-key=test-secret", "tally.ingest.rate-limit-per-ip=1", "tally.ingest.rate-limit-per-site=20"})
class RateLimitTest {

    static final TestDatabase DB = TestDatabases.fresh();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DB::url);
    }

    @LocalServerPort
    int port;

    @Test
    void aClientOverItsRateGets429WithRetryAfter() {
        TestHttp http = TestHttp.at(port);
        int accepted = 0;
        Reply limited = null;
        for (int i = 0; i < 30 && limited == null; i++) {
            Reply reply = http.postJson("/functions/v1/ingest-event", "{\"site_id\":\"ip-test\",\"event_type\":\"v\"}");
            if (reply.status() == 429) {
                limited = reply;
            } else {
                assertThat(reply.status()).isEqualTo(202);
                accepted++;
            }
        }
        assertThat(limited).as("a 429 within 30 requests").isNotNull();
        assertThat(accepted).isGreaterThanOrEqualTo(2);
        assertThat(limited.header("Retry-After")).isNotNull();
        assertThat(limited.json().get("error").stringValue()).isEqualTo("too_many_requests");
        assertThat(DB.count("SELECT count(*) FROM events_queue WHERE site_id = 'ip-test'")).isEqualTo(accepted);
    }

    @Test
    void aSiteOverItsEventRateGets429() {
        RateLimits limits = new RateLimits(0, 20, () -> 0L);
        limits.events("busy", 40);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> limits.events("busy", 1))
                .isInstanceOfSatisfying(tally.common.http.TooManyRequestsException.class, e -> {
                    assertThat(e.toError().field()).isEqualTo("site_id");
                    assertThat(e.retryAfterSeconds()).isEqualTo(1);
                });
        limits.events("other", 40);
    }

    @Test
    void aBatchLargerThanTheBurstIs400NotARetry() {
        RateLimits limits = new RateLimits(0, 20, () -> 0L);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> limits.events("big", 41))
                .isInstanceOfSatisfying(tally.common.http.BadRequestException.class,
                        e -> assertThat(e.getMessage()).contains("send smaller batches"));
    }

    @Test
    void bucketsRefillWithTime() {
        long[] now = {0};
        RateLimits limits = new RateLimits(10, 0, () -> now[0]);
        for (int i = 0; i < 20; i++) {
            limits.request("10.0.0.1");
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> limits.request("10.0.0.1"))
                .isInstanceOf(tally.common.http.TooManyRequestsException.class);
        now[0] += 500_000_000L;
        for (int i = 0; i < 5; i++) {
            limits.request("10.0.0.1");
        }
    }
}
