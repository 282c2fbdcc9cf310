package tally.db;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar tally-db.jar migrate|embedded}: the schema step of compose and of ./tally up. */
@Command(name = "tally-db", mixinStandardHelpOptions = true,
        description = "Tally's database: apply migrations, or run an embedded PostgreSQL.",
        subcommands = {DbCommand.Migrate.class, DbCommand.Embedded.class})
public final class DbCommand {

    public static void main(String[] args) {
        int exit = new CommandLine(new DbCommand()).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = "Apply Tally's migrations to an existing PostgreSQL, then exit.")
    static final class Migrate implements Callable<Integer> {
        @Option(names = "--url", defaultValue = "${env:TALLY_DB_URL}", description = "JDBC URL (default: $TALLY_DB_URL)")
        String url;
        @Option(names = "--user", defaultValue = "${env:TALLY_DB_USER:-postgres}", description = "user (default: $TALLY_DB_USER)")
        String user;
        @Option(names = "--password", defaultValue = "${env:TALLY_DB_PASSWORD:-postgres}", description = "password (default: $TALLY_DB_PASSWORD)")
        String password;

        @Override
        public Integer call() {
            if (url == null || url.isBlank()) {
                System.err.println("tally-db migrate: no database given; pass --url or set TALLY_DB_URL");
                return 2;
            }
            int ran = Migrations.apply(url, user, password);
            System.out.println("migrated " + url + " (" + ran + " new migrations)");
            return 0;
        }
    }

    @Command(name = "embedded", mixinStandardHelpOptions = true,
            description = "Run an embedded PostgreSQL with durable settings, create and migrate the"
                    + " 'tally' database, print its URL, and keep running until stopped (SIGINT/SIGTERM).")
    static final class Embedded implements Callable<Integer> {
        @Option(names = "--data-dir", defaultValue = "data/postgres", description = "where PostgreSQL keeps its files (default: ${DEFAULT-VALUE})")
        Path dataDir;
        @Option(names = "--port", defaultValue = "0", description = "port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE})")
        int port;
        @Option(names = "--ready-file", description = "once ready, write the JDBC URL to this file")
        Path readyFile;

        @Override
        public Integer call() throws Exception {
            LocalPostgres pg = LocalPostgres.start(dataDir, port, true);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (Exception e) {
                    System.err.println("tally-db: stopping PostgreSQL failed: " + e.getMessage());
                }
                stopped.countDown();
            }, "tally-db-stop"));
            createDatabaseIfMissing(pg, "tally");
            String url = pg.jdbcUrl("tally");
            Migrations.apply(url, LocalPostgres.USER, LocalPostgres.PASSWORD);
            if (readyFile != null) {
                Path tmp = readyFile.resolveSibling(readyFile.getFileName() + ".tmp");
                Files.writeString(tmp, url + "\n");
                Files.move(tmp, readyFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            System.out.println("PostgreSQL ready at " + url);
            stopped.await();
            return 0;
        }

        private static void createDatabaseIfMissing(LocalPostgres pg, String name) throws SQLException {
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), LocalPostgres.USER, LocalPostgres.PASSWORD);
                 Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                    if (rs.next()) {
                        return;
                    }
                }
                s.execute("CREATE DATABASE " + name);
            }
        }
    }
}
