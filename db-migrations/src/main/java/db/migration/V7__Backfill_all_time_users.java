package db.migration;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.HllUnion;
import org.apache.datasketches.hll.TgtHllType;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Fills rollup_all_time_users (added by V6) for the sites stored before it existed: the union of
 * each site's daily sketches, written the way the processor writes it (HLL_4, lgK 12).
 */
public class V7__Backfill_all_time_users extends BaseJavaMigration {

    private static final int LG_K = 12;

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement read = context.getConnection().createStatement();
             ResultSet days = read.executeQuery("SELECT site_id, users FROM rollup_daily_users ORDER BY site_id");
             PreparedStatement write = context.getConnection().prepareStatement(
                     "INSERT INTO rollup_all_time_users (site_id, users, estimate) VALUES (?, ?, ?)")) {
            String site = null;
            HllUnion union = null;
            while (days.next()) {
                if (!days.getString(1).equals(site)) {
                    add(write, site, union);
                    site = days.getString(1);
                    union = new HllUnion(LG_K);
                }
                union.update(HllSketch.heapify(days.getBytes(2)));
            }
            add(write, site, union);
            write.executeBatch();
        }
    }

    private static void add(PreparedStatement write, String site, HllUnion union) throws Exception {
        if (site == null) {
            return;
        }
        HllSketch sketch = union.getResult(TgtHllType.HLL_4);
        write.setString(1, site);
        write.setBytes(2, sketch.toCompactByteArray());
        write.setLong(3, Math.round(sketch.getEstimate()));
        write.addBatch();
    }
}
