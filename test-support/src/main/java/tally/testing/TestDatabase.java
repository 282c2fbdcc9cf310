package tally.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

/** A migrated database for one test class, with the settings a service needs to use it. */
public record TestDatabase(String url, String user, String password) {

    /** A plain JDBC connection, for tests that check rows directly. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** The single number a query answers, e.g. a count. */
    public long count(String sql) {
        return single(sql, rs -> rs.getLong(1));
    }

    /** The single text a query answers, or null. */
    public String text(String sql) {
        return single(sql, rs -> rs.getString(1));
    }

    /** Reads a column of a row. */
    private interface Column<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T single(String sql, Column<T> column) {
        try (Connection c = connect(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return column.read(rs);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed", e);
        }
    }

    /** Runs statements (setup or cleanup). */
    public void execute(String sql) {
        try (Connection c = connect(); var s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed", e);
        }
    }

    /**
     * Empties every table but Flyway's: the queue, the events and all that was made of them. Listed
     * from the catalog, so a table a later migration adds is emptied too.
     */
    public void emptyAll() {
        execute("""
                DO $$ BEGIN
                    EXECUTE (SELECT 'TRUNCATE ' || string_agg(format('%I', tablename), ', ') FROM pg_tables
                             WHERE schemaname = 'public' AND tablename <> 'flyway_schema_history');
                END $$""");
    }
}
