package tally.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import tally.db.LocalPostgres;
import tally.db.Migrations;
import tally.db.TempDirectory;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An embedded PostgreSQL 17 with Tally's schema for one benchmark trial, durable (fsync on) like
 * the one Tally runs on, so commit costs are real. Its data lives in a temporary directory, deleted on close.
 */
final class BenchDatabase implements AutoCloseable {

    private final TempDirectory dataDir = TempDirectory.create("tally-jmh-pg");
    private final LocalPostgres server;
    private final String url;
    final HikariDataSource dataSource;

    BenchDatabase(int poolSize) throws IOException {
        server = LocalPostgres.start(dataDir.path(), 0, true);
        url = server.jdbcUrl("postgres");
        Migrations.apply(url, LocalPostgres.USER, LocalPostgres.PASSWORD);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(LocalPostgres.USER);
        config.setPassword(LocalPostgres.PASSWORD);
        config.setMaximumPoolSize(poolSize);
        dataSource = new HikariDataSource(config);
    }

    /** A connection of its own, outside the pool. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, LocalPostgres.USER, LocalPostgres.PASSWORD);
    }

    void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() throws IOException {
        dataSource.close();
        server.close();
        dataDir.close();
    }
}
