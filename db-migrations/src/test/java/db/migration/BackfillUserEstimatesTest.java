package db.migration;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tally.db.LocalPostgres;
import tally.db.Migrations;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

/** A database with user sketches from before V2 gets their estimates, and daily_stats shows them. */
class BackfillUserEstimatesTest {

    @TempDir
    static Path dir;
    static LocalPostgres pg;

    @BeforeAll
    static void start() throws Exception {
        pg = LocalPostgres.start(dir, 0, false);
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    @Test
    void sketchesStoredBeforeTheEstimateColumnAreEstimatedOnUpgrade() throws Exception {
        String url = pg.jdbcUrl("postgres");
        Flyway.configure().dataSource(url, LocalPostgres.USER, LocalPostgres.PASSWORD)
                .locations("classpath:db/migration").target("1").load().migrate();
        HllSketch sketch = new HllSketch(12, TgtHllType.HLL_4);
        for (int i = 0; i < 5000; i++) {
            sketch.update("user-" + i);
        }
        try (Connection c = DriverManager.getConnection(url, LocalPostgres.USER, LocalPostgres.PASSWORD)) {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO rollup_daily_users (site_id, day, users) VALUES ('old', DATE '2026-01-02', ?)")) {
                insert.setBytes(1, sketch.toCompactByteArray());
                insert.executeUpdate();
            }

            Migrations.apply(url, LocalPostgres.USER, LocalPostgres.PASSWORD);

            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT unique_users FROM daily_stats WHERE site_id = 'old' AND date = DATE '2026-01-02'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(Math.round(sketch.getEstimate())).isBetween(4800L, 5200L);
            }
        }
    }
}
