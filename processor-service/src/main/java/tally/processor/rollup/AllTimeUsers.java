package tally.processor.rollup;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * rollup_all_time_users: one distinct-user sketch per site over all its days, so an all-time
 * report reads one row instead of merging a sketch per day. Merged in as {@link SketchUpsert}
 * describes.
 */
@Component
public class AllTimeUsers {

    static final String INSERT_NEW = """
            INSERT INTO rollup_all_time_users (site_id, users, estimate)
            SELECT * FROM unnest(?::text[], ?::bytea[], ?::bigint[])
            ON CONFLICT (site_id) DO NOTHING
            RETURNING site_id""";

    static final String LOCK_EXISTING = """
            SELECT r.site_id, r.users
            FROM rollup_all_time_users r
            WHERE r.site_id = ANY (?::text[])
            ORDER BY r.site_id
            FOR UPDATE""";

    static final String UPDATE = """
            UPDATE rollup_all_time_users r SET users = k.users, estimate = k.estimate
            FROM unnest(?::text[], ?::bytea[], ?::bigint[]) AS k(site_id, users, estimate)
            WHERE r.site_id = k.site_id""";

    private final SketchUpsert<String> upsert;

    public AllTimeUsers(JdbcClient jdbc) {
        this.upsert = new SketchUpsert<>(jdbc, INSERT_NEW, LOCK_EXISTING, UPDATE,
                keys -> new Object[] {keys.toArray(String[]::new)}, (rs, n) -> rs.getString("site_id"));
    }

    /** Merges the batch's per-site sketches in. Call inside the batch transaction. */
    public void add(BatchAggregate batch) {
        upsert.add(batch.allTimeUsers);
    }
}
