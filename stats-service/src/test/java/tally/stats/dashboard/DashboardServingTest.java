package tally.stats.dashboard;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tally.testing.TestDatabase;
import tally.testing.TestDatabases;
import tally.testing.TestHttp;
import tally.testing.TestHttp.Reply;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built dashboard as browsers get it: index.html revalidated on every load, hashed assets
 * cached for a year and sent precompressed, and its settings public.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tally.keys.secret-key=test-secret", "tally.stats.ingest-url=http://ingest.example:8081/",
        "tally.stats.processor-url=http://processor.example:8082"})
class DashboardServingTest {

    static final TestDatabase DB = TestDatabases.fresh();
    static final Pattern SCRIPT = Pattern.compile("src=\"(/assets/index-[A-Za-z0-9_-]+\\.js)\"");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DB::url);
    }

    @LocalServerPort
    int port;

    @Test
    void theIndexIsPublicAndAlwaysRevalidated() {
        Reply index = TestHttp.at(port).get("/");

        assertThat(index.status()).isEqualTo(200);
        assertThat(index.header("Content-Type")).startsWith("text/html");
        assertThat(index.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(index.body()).contains("<div id=\"root\"></div>");
    }

    @Test
    void hashedAssetsAreImmutableAndSentCompressedToBrowsersThatAcceptIt() {
        Matcher script = SCRIPT.matcher(TestHttp.at(port).get("/").body());
        assertThat(script.find()).as("index.html names a hashed script").isTrue();

        Reply brotli = TestHttp.at(port).get(script.group(1), "Accept-Encoding", "br, gzip");
        Reply gzip = TestHttp.at(port).get(script.group(1), "Accept-Encoding", "gzip");
        Reply plain = TestHttp.at(port).get(script.group(1));

        assertThat(brotli.status()).isEqualTo(200);
        assertThat(brotli.header("Content-Encoding")).isEqualTo("br");
        assertThat(gzip.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(plain.header("Content-Encoding")).isNull();
        assertThat(plain.body()).contains("createRoot");
        assertThat(brotli.header("Cache-Control")).isEqualTo("max-age=31536000, public, immutable");
        assertThat(brotli.header("Vary")).contains("Accept-Encoding");
        assertThat(Integer.parseInt(brotli.header("Content-Length")))
                .isLessThan(Integer.parseInt(plain.header("Content-Length")) / 2);
    }

    @Test
    void theSettingsNameTheOtherServicesWithoutAKey() {
        Reply config = TestHttp.at(port).get("/dashboard/config");

        assertThat(config.status()).isEqualTo(200);
        assertThat(config.json().toString())
                .isEqualTo("{\"ingest_url\":\"http://ingest.example:8081\",\"processor_url\":\"http://processor.example:8082\"}");
    }
}
