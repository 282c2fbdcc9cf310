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
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database holding rollups written by the first schema is upgraded without losing anything:
 * day estimates (V3) and the all-time rollups (V6, V7) are computed from what was stored.
 */
class UpgradeFromV1Test {

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
    void rollupsStoredBeforeAreCarriedIntoTheNewTables() throws Exception {
        String url = pg.jdbcUrl("postgres");
        Flyway.configure().dataSource(url, LocalPostgres.USER, LocalPostgres.PASSWORD)
                .locations("classpath:db/migration").target("1").load().migrate();
        HllSketch first = users(0, 5000);
        HllSketch second = users(2500, 7500);
        try (Connection c = DriverManager.getConnection(url, LocalPostgres.USER, LocalPostgres.PASSWORD)) {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO rollup_daily_users (site_id, day, users) VALUES ('old', ?::date, ?)")) {
                insert.setString(1, "2026-01-02");
                insert.setBytes(2, first.toCompactByteArray());
                insert.executeUpdate();
                insert.setString(1, "2026-01-03");
                insert.setBytes(2, second.toCompactByteArray());
                insert.executeUpdate();
            }
            c.createStatement().execute("""
                    INSERT INTO rollup_daily_paths VALUES
                      ('old', '2026-01-02', '/a', 3, 4), ('old', '2026-01-03', '/a', 2, 2), ('old', '2026-01-03', '/b', 1, 1);
                    INSERT INTO rollup_daily_events VALUES
                      ('old', '2026-01-02', 'page_view', 3), ('old', '2026-01-02', 'click', 1), ('old', '2026-01-03', 'page_view', 3)""");

            Migrations.apply(url, LocalPostgres.USER, LocalPostgres.PASSWORD);

            assertThat(number(c, "SELECT unique_users FROM daily_stats WHERE site_id = 'old' AND date = '2026-01-02'"))
                    .isEqualTo(Math.round(first.getEstimate())).isBetween(4800L, 5200L);
            assertThat(number(c, "SELECT estimate FROM rollup_all_time_users WHERE site_id = 'old'"))
                    .as("the union of both days, not their sum").isBetween(7200L, 7800L);
            assertThat(number(c, "SELECT page_views * 100 + events FROM rollup_all_time_paths WHERE site_id = 'old' AND path = '/a'"))
                    .isEqualTo(506);
            assertThat(number(c, "SELECT page_views * 100 + events FROM rollup_all_time_paths WHERE site_id = 'old' AND path = '/b'"))
                    .isEqualTo(101);
            assertThat(number(c, """
                    SELECT page_views * 100 + events FROM rollup_daily_dimensions
                    WHERE site_id = 'old' AND day = '2026-01-02' AND dimension = 'all' AND value = ''""")).isEqualTo(304);
            assertThat(number(c, """
                    SELECT estimate FROM rollup_daily_dimensions
                    WHERE site_id = 'old' AND day = '2026-01-03' AND dimension = 'all' AND value = ''"""))
                    .as("the day's visitors are its users").isEqualTo(Math.round(second.getEstimate()));
            assertThat(number(c, "SELECT page_views * 100 + events FROM rollup_monthly_paths WHERE site_id = 'old' AND month = '2026-01-01' AND path = '/a'"))
                    .isEqualTo(506);
        }
    }

    private static HllSketch users(int from, int to) {
        HllSketch sketch = new HllSketch(12, TgtHllType.HLL_4);
        for (int i = from; i < to; i++) {
            sketch.update("user-" + i);
        }
        return sketch;
    }

    private static long number(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getLong(1);
        }
    }
}
