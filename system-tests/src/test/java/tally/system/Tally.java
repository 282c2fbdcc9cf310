package tally.system;

import tally.testing.TestDatabase;
import tally.testing.TestDatabases;
import tally.testing.TestHttp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole Tally for one test class: a fresh database and the three service jars as separate
 * processes, given the same environment variables ./tally up and docker-compose.yml give them.
 */
final class Tally implements AutoCloseable {

    static final String PUBLIC_KEY = "pk_system_test";
    static final String SECRET_KEY = "sk_system_test";

    final TestDatabase db;
    private final Path logDir;
    private final Map<String, String> extraEnv;
    private final List<ServiceProcess> running = new ArrayList<>();

    Tally(Map<String, String> extraEnv) {
        this(TestDatabases.fresh(), extraEnv);
    }

    Tally(TestDatabase db, Map<String, String> extraEnv) {
        this.db = db;
        this.extraEnv = extraEnv;
        try {
            this.logDir = Files.createDirectories(Path.of("target", "service-logs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("TALLY_DB_URL", db.url());
        env.put("TALLY_DB_USER", db.user());
        env.put("TALLY_DB_PASSWORD", db.password());
        env.put("TALLY_PUBLIC_KEY", PUBLIC_KEY);
        env.put("TALLY_SECRET_KEY", SECRET_KEY);
        return env;
    }

    /** Starts one more instance of {@code service}. */
    ServiceProcess start(Service service) {
        return start(service, Map.of());
    }

    /** Starts one more instance of {@code service}, with {@code more} added to its environment. */
    ServiceProcess start(Service service, Map<String, String> more) {
        Map<String, String> env = env();
        env.putAll(more);
        ServiceProcess process = new ServiceProcess(service, env, logDir).start();
        running.add(process);
        return process;
    }

    /** Restarts {@code process} on a new port, returning the new instance. */
    ServiceProcess restart(ServiceProcess process) {
        running.remove(process);
        return start(process.service);
    }

    static TestHttp http(ServiceProcess process) {
        return TestHttp.at(process.port);
    }

    @Override
    public void close() {
        for (ServiceProcess p : running) {
            if (p.isAlive()) {
                p.kill();
            }
        }
        running.clear();
    }
}
