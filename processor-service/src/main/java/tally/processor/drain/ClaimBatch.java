package tally.processor.drain;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tally.processor.rollup.KeptEvent;
import tally.processor.rollup.RollupLock;

import java.util.ArrayList;
import java.util.List;

/**
 * The first statement of a batch transaction, in one round trip: claim up to N queue rows that
 * no other processor holds (FOR UPDATE SKIP LOCKED), delete them, record their event_ids as
 * seen, and move the events whose event_id is new (or absent) into events. An event_id that is
 * already in seen_event_ids, or repeats within the batch, is drained but not kept. If the
 * transaction does not commit, all of it is undone and the rows are back in the queue.
 *
 * <p>First it takes the {@link RollupLock} shared, so that a rebuild of some days' rollups does
 * not interleave with it. The delete finds its rows by ctid, which a row keeps while this transaction holds its lock:
 * a TID scan touches just the claimed rows, where {@code id IN (...)} let the planner hash-join
 * against a scan of the whole queue.
 */
@Component
class ClaimBatch {

    static final String CLAIM_AND_MOVE = """
            WITH claimed AS (
                DELETE FROM events_queue
                WHERE ctid = ANY (ARRAY(SELECT ctid FROM events_queue WHERE id <= ? ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED))
                RETURNING *
            ), first_copies AS (
                SELECT DISTINCT ON (site_id, event_id) id, site_id, event_id
                FROM claimed WHERE event_id IS NOT NULL
                ORDER BY site_id, event_id, id
            ), newly_seen AS (
                INSERT INTO seen_event_ids (site_id, event_id, kept_id)
                SELECT site_id, event_id, id FROM first_copies ORDER BY site_id, event_id
                ON CONFLICT DO NOTHING
                RETURNING kept_id
            ), kept AS (
                INSERT INTO events (id, site_id, event_type, path, user_id, occurred_at, event_id, referrer, props, received_at,
                                    hostname, title, source, channel, utm_source, utm_medium, utm_campaign, utm_content, utm_term,
                                    browser, os, device, country, language, screen_width, revenue_amount, revenue_currency, visitor_id,
                                    day)
                SELECT c.id, c.site_id, c.event_type, c.path, c.user_id, c.occurred_at, c.event_id, c.referrer, c.props, c.received_at,
                       c.hostname, c.title, c.source, c.channel, c.utm_source, c.utm_medium, c.utm_campaign, c.utm_content, c.utm_term,
                       c.browser, c.os, c.device, c.country, c.language, c.screen_width, c.revenue_amount, c.revenue_currency, c.visitor_id,
                       (c.occurred_at AT TIME ZONE coalesce(s.time_zone, 'UTC'))::date
                FROM claimed c LEFT JOIN site_settings s ON s.site_id = c.site_id
                WHERE c.event_id IS NULL OR c.id IN (SELECT kept_id FROM newly_seen)
                RETURNING %s
            )
            SELECT n.drained, k.*
            FROM (SELECT count(*) AS drained FROM claimed) n LEFT JOIN kept k ON true""".formatted(KeptEvent.COLUMNS);

    /** The rows a claim drained and the events it kept. */
    record Claimed(int drained, List<KeptEvent> kept) {}

    private final JdbcClient jdbc;

    ClaimBatch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims up to {@code batchSize} rows with ids up to {@code lastId}. Call inside the batch transaction. */
    Claimed claim(int batchSize, long lastId) {
        jdbc.sql(RollupLock.SHARED).query(rs -> { });
        List<KeptEvent> kept = new ArrayList<>(batchSize);
        int[] drained = {0};
        jdbc.sql(CLAIM_AND_MOVE).params(lastId, batchSize).query(rs -> {
            drained[0] = rs.getInt(1);
            if (rs.getString(2) != null) {
                kept.add(KeptEvent.read(rs, 2));
            }
        });
        return new Claimed(drained[0], kept);
    }
}
