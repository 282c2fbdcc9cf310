package db.migration;

import org.apache.datasketches.hll.HllSketch;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Fills rollup_daily_users.estimate (added by V2) for the days stored before it existed. The
 * estimate is the sketch's own, so only Java can compute it; from now on the processor writes
 * it together with the sketch.
 */
public class V3__Backfill_user_estimates extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement read = context.getConnection().createStatement();
             ResultSet days = read.executeQuery("SELECT site_id, day, users FROM rollup_daily_users");
             PreparedStatement write = context.getConnection().prepareStatement(
                     "UPDATE rollup_daily_users SET estimate = ? WHERE site_id = ? AND day = ?")) {
            while (days.next()) {
                write.setLong(1, Math.round(HllSketch.heapify(days.getBytes(3)).getEstimate()));
                write.setString(2, days.getString(1));
                write.setObject(3, days.getObject(2));
                write.addBatch();
            }
            write.executeBatch();
        }
    }
}
