package tally.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies Tally's Flyway migrations (classpath:db/migration) to one database. */
public final class Migrations {

    private Migrations() {}

    /** Brings the database at {@code jdbcUrl} up to the newest schema; returns how many migrations ran. */
    public static int apply(String jdbcUrl, String user, String password) {
        MigrateResult result = Flyway.configure()
                .dataSource(jdbcUrl, user, password)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return result.migrationsExecuted;
    }
}
