package tally.system;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml is valid (checked by docker-compose itself, which needs no engine for
 * `config`) and gives each service the same environment variables ./tally up gives it.
 */
class ComposeFileTest {

    static final List<String> EVERY_SERVICE = List.of(
            "TALLY_DB_URL", "TALLY_DB_USER", "TALLY_DB_PASSWORD", "TALLY_PUBLIC_KEY", "TALLY_SECRET_KEY", "SERVER_PORT");
    static final List<String> STATS_ONLY = List.of("TALLY_INGEST_URL", "TALLY_PROCESSOR_URL");

    static String composeConfig() throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("docker-compose", "-f", "../docker-compose.yml", "config").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("docker-compose is not installed (Debian package docker-compose; .ci/run installs it)", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void composeFileIsValidAndMatchesTheLauncher() throws Exception {
        JsonNode services = new YAMLMapper().readTree(composeConfig()).get("services");
        String launcher = Files.readString(Path.of("../tally"));

        assertThat(services.propertyNames()).contains("postgres", "migrate", "ingest", "processor", "stats");
        assertThat(services.get("migrate").get("environment").propertyNames()).contains("TALLY_DB_URL", "TALLY_DB_USER", "TALLY_DB_PASSWORD");
        for (String service : List.of("ingest", "processor", "stats")) {
            JsonNode env = services.get(service).get("environment");
            assertThat(env.propertyNames()).as(service).containsAll(EVERY_SERVICE);
        }
        assertThat(services.get("stats").get("environment").propertyNames()).containsAll(STATS_ONLY);
        assertThat(services.get("ingest").get("environment").get("SERVER_PORT").asString()).isEqualTo("8081");
        assertThat(services.get("processor").get("environment").get("SERVER_PORT").asString()).isEqualTo("8082");
        assertThat(services.get("stats").get("environment").get("SERVER_PORT").asString()).isEqualTo("8080");
        for (String variable : EVERY_SERVICE) {
            assertThat(launcher).as("./tally sets " + variable).contains(variable + "=");
        }
        for (String variable : STATS_ONLY) {
            assertThat(launcher).as("./tally sets " + variable).contains(variable + "=");
        }
    }
}
