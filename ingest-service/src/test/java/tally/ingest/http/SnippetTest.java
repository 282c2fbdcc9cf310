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

/** The tracking snippet as browsers download it: under 1 KB compressed, cached for an hour. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tally.keys.secret-key=test-secret")
class SnippetTest {

    static final TestDatabase DB = TestDatabases.fresh();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DB::url);
    }

    @LocalServerPort
    int port;

    @Test
    void theSnippetIsUnderOneKilobyteGzippedAndCachedForAnHour() {
        Reply gzip = TestHttp.at(port).get("/t.js", "Accept-Encoding", "gzip");
        Reply brotli = TestHttp.at(port).get("/t.js", "Accept-Encoding", "br, gzip");
        Reply plain = TestHttp.at(port).get("/t.js");

        assertThat(gzip.status()).isEqualTo(200);
        assertThat(gzip.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(Integer.parseInt(gzip.header("Content-Length"))).isLessThan(1024);
        assertThat(brotli.header("Content-Encoding")).isEqualTo("br");
        assertThat(plain.header("Content-Type")).startsWith("text/javascript");
        assertThat(plain.header("Cache-Control")).isEqualTo("max-age=3600, public");
        assertThat(plain.body()).contains("sendBeacon").contains("text/plain").contains("data-site");
        assertThat(plain.body()).doesNotContain("document.cookie").doesNotContain("localStorage");
    }
}
