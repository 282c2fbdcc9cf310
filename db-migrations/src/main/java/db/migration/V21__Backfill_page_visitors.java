package db.migration;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;

/**
 * Gives the days processed before the processor kept visitors per page their visitor sketches,
 * the way the processor writes them (HLL_4, lgK 12): each path's (V20) from the stored events, on
 * the day the processor counted each on; each entry and exit page's in rollup_daily_visits from
 * the stored visits. Days whose events and visits a site's retention deleted keep no sketch:
 * their pages count no visitors.
 */
public class V21__Backfill_page_visitors extends BaseJavaMigration {

    private static final int LG_K = 12;
    /** Rows sent per JDBC batch: a large events table yields millions of paths, each with its sketch. */
    private static final int BATCH = 1000;

    /** Key columns, then the visitor: ordered by the key. */
    static final String PATH_VISITORS = """
            SELECT site_id, coalesce(day, (occurred_at AT TIME ZONE 'UTC')::date), path, coalesce(visitor_id, user_id)
            FROM events ORDER BY 1, 2, 3""";

    static final String SET_PATH_SKETCH = """
            UPDATE rollup_daily_paths SET users = ?, estimate = ? WHERE site_id = ? AND day = ?::date AND path = ?""";

    static final String PAGE_VISITORS = """
            SELECT site_id, day, d.dimension, d.value, visitor_id
            FROM visits, LATERAL (VALUES ('entry_page', entry_page), ('exit_page', exit_page)) d(dimension, value)
            WHERE d.value IS NOT NULL ORDER BY 1, 2, 3, 4""";

    static final String SET_PAGE_SKETCH = """
            UPDATE rollup_daily_visits SET users = ?, estimate = ? WHERE site_id = ? AND day = ?::date AND dimension = ? AND value = ?""";

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        setSketches(c, PATH_VISITORS, SET_PATH_SKETCH, 3);
        setSketches(c, PAGE_VISITORS, SET_PAGE_SKETCH, 4);
    }

    /**
     * Sets the sketch and estimate of each key that {@code visitors} yields (its first
     * {@code keyColumns} columns, then a visitor), with {@code update}'s parameters the sketch,
     * the estimate and the key.
     */
    private static void setSketches(Connection c, String visitors, String update, int keyColumns) throws Exception {
        try (Statement read = c.createStatement(); PreparedStatement write = c.prepareStatement(update)) {
            read.setFetchSize(10_000);
            int pending = 0;
            try (ResultSet rs = read.executeQuery(visitors)) {
                String[] key = null;
                HllSketch sketch = null;
                while (rs.next()) {
                    String[] row = new String[keyColumns];
                    for (int i = 0; i < keyColumns; i++) {
                        row[i] = rs.getString(i + 1);
                    }
                    if (!Arrays.equals(row, key)) {
                        pending = set(write, key, sketch, pending);
                        key = row;
                        sketch = new HllSketch(LG_K, TgtHllType.HLL_4);
                    }
                    sketch.update(rs.getString(keyColumns + 1));
                }
                set(write, key, sketch, pending);
            }
            write.executeBatch();
        }
    }

    /** Adds a key's sketch to the statement's batch, sending the batch every {@link #BATCH} rows; returns the rows not sent yet. */
    private static int set(PreparedStatement write, String[] key, HllSketch sketch, int pending) throws Exception {
        if (key == null) {
            return pending;
        }
        write.setBytes(1, sketch.toCompactByteArray());
        write.setLong(2, Math.round(sketch.getEstimate()));
        for (int i = 0; i < key.length; i++) {
            write.setString(i + 3, key[i]);
        }
        write.addBatch();
        if (pending + 1 == BATCH) {
            write.executeBatch();
            return 0;
        }
        return pending + 1;
    }
}
