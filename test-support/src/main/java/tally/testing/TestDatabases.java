package tally.testing;

import tally.db.LocalPostgres;
import tally.db.Migrations;
import tally.db.TempDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL per test JVM, started on first use and stopped at exit; each call to
 * {@link #fresh()} creates a new, migrated database on it, so test classes never see each
 * other's rows. Lives in main code because every module's tests share it.
 */
public final class TestDatabases {

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static LocalPostgres server;

    private TestDatabases() {}

    /** A new database with Tally's schema. This method is thread-safe. */
    public static synchronized TestDatabase fresh() {
        LocalPostgres pg = server();
        String name = "tally_test_" + ProcessHandle.current().pid() + "_" + NEXT.incrementAndGet();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), LocalPostgres.USER, LocalPostgres.PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        TestDatabase db = new TestDatabase(pg.jdbcUrl(name), LocalPostgres.USER, LocalPostgres.PASSWORD);
        Migrations.apply(db.url(), db.user(), db.password());
        return db;
    }

    private static LocalPostgres server() {
        if (server == null) {
            try {
                TempDirectory dir = TempDirectory.create("tally-test-pg");
                server = LocalPostgres.start(dir.path(), 0, false);
                LocalPostgres started = server;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException ignored) {
                        // the JVM is exiting; deleting the data directory is all that is left to do
                    }
                    dir.close();
                }, "tally-test-pg-stop"));
            } catch (IOException e) {
                throw new UncheckedIOException("could not start embedded PostgreSQL for tests", e);
            }
        }
        return server;
    }
}
