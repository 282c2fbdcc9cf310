package db.migration;

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
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events stored before visits existed get their visits, visitors, visit rollup and event-name
 * rollup (V14), their revenue rollup (V16), their visitors' days and cohorts (V17), visits by month (V19), and
 * visitors per page (V21).
 */
class UpgradeToVisitsTest {

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

    /**
     * a: home from Google, pricing 10 minutes later, a signup 5 minutes after that (one visit);
     * b: home, then docs an hour later (two bounces); an anonymous visitor's home page (a bounce).
     * On another site, c comes on a Friday and again 11 days later, a Tuesday two weeks on. The
     * paths rollup holds a day whose events are gone: it keeps no visitor sketch.
     */
    @Test
    void eventsStoredBeforeVisitsGetTheirVisitsAndRollups() throws Exception {
        String url = pg.jdbcUrl("postgres");
        Flyway.configure().dataSource(url, LocalPostgres.USER, LocalPostgres.PASSWORD)
                .locations("classpath:db/migration").target("13").load().migrate();
        try (Connection c = DriverManager.getConnection(url, LocalPostgres.USER, LocalPostgres.PASSWORD)) {
            c.createStatement().execute("""
                    INSERT INTO events (id, site_id, event_type, path, user_id, occurred_at, received_at, source, channel, referrer, visitor_id)
                    VALUES (1, 'old', 'page_view', '/', 'a', '2026-01-02 10:00Z', now(), 'Google', 'Organic Search', 'https://www.google.com/', NULL),
                           (2, 'old', 'page_view', '/pricing', 'a', '2026-01-02 10:10Z', now(), NULL, NULL, 'https://old.example/', NULL),
                           (3, 'old', 'signup', '/pricing', 'a', '2026-01-02 10:15Z', now(), NULL, NULL, NULL, NULL),
                           (4, 'old', 'page_view', '/', 'b', '2026-01-02 10:00Z', now(), 'Direct / None', 'Direct', NULL, NULL),
                           (5, 'old', 'page_view', '/docs', 'b', '2026-01-02 11:00Z', now(), 'Direct / None', 'Direct', NULL, NULL),
                           (6, 'old', 'page_view', '/', 'anonymous', '2026-01-02 12:00Z', now(), 'Direct / None', 'Direct', NULL, 'v1'),
                           (7, 'other', 'page_view', '/', 'c', '2026-01-02 10:00Z', now(), NULL, NULL, NULL, NULL),
                           (8, 'other', 'page_view', '/', 'c', '2026-01-13 09:00Z', now(), NULL, NULL, NULL, NULL);
                    INSERT INTO rollup_daily_paths (site_id, day, path, page_views, events)
                    VALUES ('old', '2025-12-01', '/gone', 1, 1), ('old', '2026-01-02', '/', 3, 3), ('old', '2026-01-02', '/pricing', 1, 2),
                           ('old', '2026-01-02', '/docs', 1, 1), ('other', '2026-01-02', '/', 1, 1), ('other', '2026-01-13', '/', 1, 1);
                    UPDATE events SET props = '{"plan": "pro", "seats": 3}', revenue_amount = 12.5, revenue_currency = 'EUR' WHERE id = 3""");

            Migrations.apply(url, LocalPostgres.USER, LocalPostgres.PASSWORD);

            assertThat(text(c, """
                    SELECT string_agg(concat_ws(' ', visitor_id, page_views, events, entry_page, exit_page, source, referrer,
                                                extract(epoch FROM ended_at - started_at)), ', ' ORDER BY visitor_id, started_at)
                    FROM visits WHERE site_id = 'old'""")).isEqualTo("a 2 3 / /pricing Google https://www.google.com/ 900.000000, "
                    + "b 1 1 / / Direct / None 0.000000, b 1 1 /docs /docs Direct / None 0.000000, v1 1 1 / / Direct / None 0.000000");
            assertThat(text(c, "SELECT string_agg(visitor_id, ' ' ORDER BY visitor_id) FROM visitors WHERE site_id = 'old'")).isEqualTo("a b v1");
            assertThat(text(c, """
                    SELECT concat_ws(' ', visits, bounces, duration, page_views, events) FROM rollup_daily_visits
                    WHERE site_id = 'old' AND dimension = 'all'""")).isEqualTo("4 3 900 5 6");
            assertThat(text(c, """
                    SELECT string_agg(concat_ws(' ', value, visits, estimate), ', ' ORDER BY value) FROM rollup_daily_visits
                    WHERE site_id = 'old' AND dimension = 'source'""")).isEqualTo("Direct / None 3 2, Google 1 1");
            assertThat(text(c, """
                    SELECT string_agg(concat_ws(' ', month, dimension, visits, bounces, duration, page_views, events), ', ' ORDER BY dimension)
                    FROM rollup_monthly_visits WHERE site_id = 'old' AND dimension IN ('all', 'entry_page') AND value IN ('', '/')"""))
                    .isEqualTo("2026-01-01 all 4 3 900 5 6, 2026-01-01 entry_page 3 2 900 4 5");
            assertThat(text(c, """
                    SELECT string_agg(concat_ws(' ', value, page_views, events, estimate), ', ' ORDER BY value) FROM rollup_daily_dimensions
                    WHERE site_id = 'old' AND dimension = 'name'""")).isEqualTo("page_view 5 5 3, signup 0 1 1");
            assertThat(text(c, """
                    SELECT string_agg(concat_ws(' ', dimension, value, page_views, events, estimate), ', ' ORDER BY dimension)
                    FROM rollup_daily_dimensions WHERE dimension LIKE 'prop:%'""")).isEqualTo("prop:plan pro 0 1 1, prop:seats 3 0 1 1");
            assertThat(text(c, """
                    SELECT string_agg(concat_ws(' ', site_id, day, path, page_views, events, estimate), ', ' ORDER BY site_id, day, path)
                    FROM rollup_daily_paths""")).isEqualTo("old 2025-12-01 /gone 1 1, old 2026-01-02 / 3 3 3, "
                    + "old 2026-01-02 /docs 1 1 1, old 2026-01-02 /pricing 1 2 1, other 2026-01-02 / 1 1 1, other 2026-01-13 / 1 1 1");
            assertThat(text(c, """
                    SELECT string_agg(concat_ws(' ', dimension, value, visits, estimate), ', ' ORDER BY dimension, value)
                    FROM rollup_daily_visits WHERE site_id = 'old' AND dimension IN ('entry_page', 'exit_page')"""))
                    .isEqualTo("entry_page / 3 3, entry_page /docs 1 1, exit_page / 2 2, exit_page /docs 1 1, exit_page /pricing 1 1");
            assertThat(text(c, "SELECT concat_ws(' ', day, event_type, currency, amount, events) FROM rollup_daily_revenue"))
                    .isEqualTo("2026-01-02 signup EUR 12.500000 1");
            assertThat(text(c, """
                    SELECT string_agg(concat_ws(' ', site_id, visitor_id, first_day, active_days), ', ' ORDER BY site_id, visitor_id)
                    FROM visitors""")).isEqualTo("old a 2026-01-02 1, old b 2026-01-02 1, old v1 2026-01-02 1, other c 2026-01-02 100000000001");
            assertThat(text(c, """
                    SELECT string_agg(concat_ws(' ', site_id, unit, cohort, period, visitors), ', ' ORDER BY site_id, unit, cohort, period)
                    FROM rollup_retention""")).isEqualTo("old day 2026-01-02 0 3, old month 2026-01-01 0 3, old week 2025-12-29 0 3, "
                    + "other day 2026-01-02 0 1, other day 2026-01-02 11 1, other month 2026-01-01 0 1, other week 2025-12-29 0 1, "
                    + "other week 2025-12-29 2 1");
        }
    }

    static String text(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
