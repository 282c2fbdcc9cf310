package tally.processor.rollup;

import org.springframework.jdbc.core.simple.JdbcClient;
import tally.processor.rollup.BatchAggregate.DimensionKey;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Set;

/**
 * The visitor sketches of a table keyed by (site_id, day, dimension, value), as
 * rollup_daily_dimensions and rollup_daily_visits are: the statements {@link SketchUpsert} runs on
 * such a table, and its keys as array parameters.
 */
public final class DimensionSketches {

    private DimensionSketches() {}

    /** Sets the sketches and estimates of existing rows: keys, then sketches and estimates, as arrays. */
    public static String updateSketches(String table) {
        return """
                UPDATE %s r SET users = k.users, estimate = k.estimate
                FROM unnest(?::text[], ?::date[], ?::text[], ?::text[], ?::bytea[], ?::bigint[])
                     AS k(site_id, day, dimension, value, users, estimate)
                WHERE r.site_id = k.site_id AND r.day = k.day AND r.dimension = k.dimension AND r.value = k.value""".formatted(table);
    }

    /**
     * Merges sketches into the table's rows, creating the rows that have none
     * ({@link SketchUpsert}), and adds page views and events, given along with them, in the same
     * write.
     */
    public static SketchUpsert<DimensionKey> upsertWithCounts(JdbcClient jdbc, String table) {
        String insertNew = """
                INSERT INTO %s (site_id, day, dimension, value, users, estimate, page_views, events)
                SELECT * FROM unnest(?::text[], ?::date[], ?::text[], ?::text[], ?::bytea[], ?::bigint[], ?::bigint[], ?::bigint[])
                ON CONFLICT (site_id, day, dimension, value) DO NOTHING
                RETURNING site_id, day, dimension, value""".formatted(table);
        String update = """
                UPDATE %s r
                SET users = k.users, estimate = k.estimate, page_views = r.page_views + k.page_views, events = r.events + k.events
                FROM unnest(?::text[], ?::date[], ?::text[], ?::text[], ?::bytea[], ?::bigint[], ?::bigint[], ?::bigint[])
                     AS k(site_id, day, dimension, value, users, estimate, page_views, events)
                WHERE r.site_id = k.site_id AND r.day = k.day AND r.dimension = k.dimension AND r.value = k.value""".formatted(table);
        return new SketchUpsert<>(jdbc, insertNew, read(table) + "\nFOR UPDATE OF r", update, DimensionSketches::keyColumns,
                DimensionSketches::key);
    }

    /**
     * Merges sketches into rows that exist and that the transaction holds, having just written
     * them: they are read without a lock and written once ({@link SketchUpsert}).
     */
    public static SketchUpsert<DimensionKey> mergeIntoHeld(JdbcClient jdbc, String table) {
        return new SketchUpsert<>(jdbc, null, read(table), updateSketches(table), DimensionSketches::keyColumns, DimensionSketches::key);
    }

    /** The rows of the keys given as four arrays, in key order: their key columns and sketch. */
    private static String read(String table) {
        return """
                SELECT r.site_id, r.day, r.dimension, r.value, r.users
                FROM %s r
                JOIN unnest(?::text[], ?::date[], ?::text[], ?::text[]) AS k(site_id, day, dimension, value)
                  ON r.site_id = k.site_id AND r.day = k.day AND r.dimension = k.dimension AND r.value = k.value
                ORDER BY r.site_id, r.day, r.dimension, r.value""".formatted(table);
    }

    private static DimensionKey key(ResultSet rs, int row) throws SQLException {
        return new DimensionKey(rs.getString("site_id"), rs.getObject("day", LocalDate.class), rs.getString("dimension"), rs.getString("value"));
    }

    /** The keys as four arrays, in the keys' order. */
    public static Object[] keyColumns(Set<DimensionKey> keys) {
        return new Object[] {
                keys.stream().map(DimensionKey::siteId).toArray(String[]::new),
                keys.stream().map(k -> k.day().toString()).toArray(String[]::new),
                keys.stream().map(DimensionKey::dimension).toArray(String[]::new),
                keys.stream().map(DimensionKey::value).toArray(String[]::new)};
    }
}
