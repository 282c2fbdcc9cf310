package tally.db.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A migrated database for one test class, with the settings a service needs to use it. */
public record TestDatabase(String url, String user, String password) {

    /** A plain JDBC connection, for tests that check rows directly. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }
}
