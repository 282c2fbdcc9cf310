package tally.ingest.enrich;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tally.testing.TestDatabase;
import tally.testing.TestDatabases;
import tally.testing.TestHttp;

import static org.assertj.core.api.Assertions.assertThat;

/** By default no proxy and no country header is trusted: a client cannot choose its own address or country. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tally.keys.secret-key=test-secret")
class UntrustedForwardingTest {

    static final TestDatabase DB = TestDatabases.fresh();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DB::url);
    }

    @LocalServerPort
    int port;

    @Test
    void forwardedForAndCountryHeadersFromAnUntrustedClientAreIgnored() {
        TestHttp.Reply reply = TestHttp.at(port).postJson("/api/v1/events", "{\"site_id\": \"shop\", \"event_type\": \"page_view\"}",
                "User-Agent", EnrichmentTest.CHROME, "X-Forwarded-For", "8.8.8.8", "CF-IPCountry", "CH");

        assertThat(reply.status()).isEqualTo(202);
        // The connection is from this host (loopback), which has no country.
        assertThat(DB.count("SELECT count(*) FROM events_queue WHERE country IS NULL")).isEqualTo(1);
        assertThat(DB.count("SELECT count(*) FROM events_queue WHERE browser = 'Chrome'")).isEqualTo(1);
    }
}
