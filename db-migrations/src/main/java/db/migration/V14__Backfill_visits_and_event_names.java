package db.migration;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Gives the events stored before visits existed (V13) their visits, visitors and visit rollup,
 * and their part in rollup_daily_dimensions under 'name' (the event type) and each custom
 * property ('prop:' and its key): what the processor now writes for every batch. Visits are formed as the processor forms them (a visitor's events
 * with gaps under 30 minutes; entry and exit page views; the first event's source, referrer,
 * campaign, host, client and country); sketches are written the way the processor writes them
 * (HLL_4, lgK 12). Each part runs only while its table holds nothing, so a database that
 * already has visits is left as it is. Events a site's retention deleted cannot be given visits.
 */
public class V14__Backfill_visits_and_event_names extends BaseJavaMigration {

    private static final int LG_K = 12;
    /** Rows sent per JDBC batch: a large events table yields millions of rollup rows, each with its sketch. */
    private static final int BATCH = 1000;

    static final String VISITS = """
            INSERT INTO visits (site_id, visitor_id, started_at, ended_at, day, page_views, events, entry_page, entry_at, exit_page,
                                exit_at, hostname, source, channel, referrer, utm_source, utm_medium, utm_campaign, utm_content,
                                utm_term, device, browser, os, country)
            WITH e AS (
                SELECT id, site_id, coalesce(visitor_id, user_id) AS visitor, occurred_at, event_type = 'page_view' AS page_view, path
                FROM events
            ), starts AS (
                SELECT *, CASE WHEN occurred_at - lag(occurred_at) OVER w < interval '30 minutes' THEN 0 ELSE 1 END AS new_visit
                FROM e WINDOW w AS (PARTITION BY site_id, visitor ORDER BY occurred_at, id)
            ), numbered AS (
                SELECT *, sum(new_visit) OVER (PARTITION BY site_id, visitor ORDER BY occurred_at, id) AS visit FROM starts
            ), v AS (
                SELECT site_id, visitor, min(occurred_at) AS started_at, max(occurred_at) AS ended_at,
                       count(*) FILTER (WHERE page_view) AS page_views, count(*) AS events,
                       (array_agg(path ORDER BY occurred_at, path) FILTER (WHERE page_view))[1] AS entry_page,
                       min(occurred_at) FILTER (WHERE page_view) AS entry_at,
                       (array_agg(path ORDER BY occurred_at DESC, path DESC) FILTER (WHERE page_view))[1] AS exit_page,
                       max(occurred_at) FILTER (WHERE page_view) AS exit_at,
                       (array_agg(id ORDER BY occurred_at, id))[1] AS first_id
                FROM numbered GROUP BY site_id, visitor, visit
            )
            SELECT v.site_id, v.visitor, v.started_at, v.ended_at, (v.started_at AT TIME ZONE 'UTC')::date, v.page_views, v.events,
                   v.entry_page, v.entry_at, v.exit_page,
                   v.exit_at, f.hostname, coalesce(f.source, 'Direct / None'),
                   CASE WHEN f.source IS NOT NULL AND f.channel IS NOT NULL THEN f.channel ELSE 'Direct' END,
                   CASE WHEN f.source IS NOT NULL THEN f.referrer END, f.utm_source, f.utm_medium, f.utm_campaign, f.utm_content,
                   f.utm_term, f.device, f.browser, f.os, f.country
            FROM v JOIN events f ON f.id = v.first_id""";

    static final String VISITORS = """
            INSERT INTO visitors (site_id, visitor_id, first_seen_at, last_seen_at)
            SELECT site_id, coalesce(visitor_id, user_id), min(occurred_at), max(occurred_at) FROM events GROUP BY 1, 2""";

    /** Each visit's (dimension, value) rows, as the processor's DailyVisits names them. */
    static final String VISIT_VALUES = """
            FROM visits, LATERAL (VALUES ('all', ''), ('source', source), ('channel', channel), ('referrer', referrer),
                ('utm_source', utm_source), ('utm_medium', utm_medium), ('utm_campaign', utm_campaign), ('utm_content', utm_content),
                ('utm_term', utm_term), ('entry_page', entry_page), ('exit_page', exit_page), ('hostname', hostname),
                ('device', device), ('browser', browser), ('os', os), ('country', country)) d(dimension, value)
            WHERE d.value IS NOT NULL""";

    static final String VISIT_ROLLUP = """
            INSERT INTO rollup_daily_visits (site_id, day, dimension, value, visits, bounces, duration, page_views, events)
            SELECT site_id, day, d.dimension, d.value, count(*),
                   count(*) FILTER (WHERE page_views = 1 AND events = 1), sum(floor(extract(epoch FROM ended_at - started_at)))::bigint,
                   sum(page_views), sum(events)
            """ + VISIT_VALUES + " GROUP BY 1, 2, 3, 4";

    /** The visitors of the dimensions whose sketches the processor keeps: where visits came from. */
    static final String SKETCHED_VISITORS = "SELECT site_id, day, d.dimension, d.value, visitor_id "
            + VISIT_VALUES + " AND d.dimension IN ('source', 'channel', 'referrer', 'utm_source', 'utm_medium', 'utm_campaign', "
            + "'utm_content', 'utm_term') ORDER BY 1, 2, 3, 4";

    static final String SET_SKETCH = """
            UPDATE rollup_daily_visits SET users = ?, estimate = ? WHERE site_id = ? AND day = ?::date AND dimension = ? AND value = ?""";

    /** Every event under its name, and under each of its custom properties ("prop:" and the key). */
    static final String EVENT_NAMES = """
            SELECT site_id, day, dimension, value, visitor, page_view FROM (
                SELECT site_id, (occurred_at AT TIME ZONE 'UTC')::date AS day, 'name' AS dimension, event_type AS value,
                       coalesce(visitor_id, user_id) AS visitor, event_type = 'page_view' AS page_view
                FROM events
                UNION ALL
                SELECT site_id, (occurred_at AT TIME ZONE 'UTC')::date, 'prop:' || p.key, coalesce(p.value, 'null'),
                       coalesce(visitor_id, user_id), event_type = 'page_view'
                FROM events, jsonb_each_text(props) AS p) e
            ORDER BY 1, 2, 3, 4""";

    static final String INSERT_NAME = """
            INSERT INTO rollup_daily_dimensions (site_id, day, dimension, value, page_views, events, users, estimate)
            VALUES (?, ?::date, ?, ?, ?, ?, ?, ?)""";

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        try (Statement s = c.createStatement()) {
            if (isEmpty(s, "visits")) {
                s.execute(VISITS);
                s.execute(VISITORS);
                s.execute(VISIT_ROLLUP);
                visitSketches(c);
            }
            if (isEmpty(s, "rollup_daily_dimensions WHERE dimension = 'name'")) {
                eventNames(c);
            }
        }
    }

    private static boolean isEmpty(Statement s, String from) throws Exception {
        try (ResultSet rs = s.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM " + from + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private void visitSketches(Connection c) throws Exception {
        try (Statement read = c.createStatement(); PreparedStatement write = c.prepareStatement(SET_SKETCH)) {
            read.setFetchSize(10_000);
            try (ResultSet rs = read.executeQuery(SKETCHED_VISITORS)) {
                String[] key = null;
                HllSketch sketch = null;
                while (rs.next()) {
                    String[] row = {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)};
                    if (!java.util.Arrays.equals(row, key)) {
                        setSketch(write, key, sketch);
                        key = row;
                        sketch = new HllSketch(LG_K, TgtHllType.HLL_4);
                    }
                    sketch.update(rs.getString(5));
                }
                setSketch(write, key, sketch);
            }
            write.executeBatch();
            pending = 0;
        }
    }

    private void setSketch(PreparedStatement write, String[] key, HllSketch sketch) throws Exception {
        if (key == null) {
            return;
        }
        write.setBytes(1, sketch.toCompactByteArray());
        write.setLong(2, Math.round(sketch.getEstimate()));
        write.setString(3, key[0]);
        write.setString(4, key[1]);
        write.setString(5, key[2]);
        write.setString(6, key[3]);
        add(write);
    }

    /** Rows added to the current statement's batch and not sent yet. */
    private int pending;

    /** Adds the statement's parameters to its batch, sending the batch every {@link #BATCH} rows. */
    private void add(PreparedStatement write) throws Exception {
        write.addBatch();
        if (++pending == BATCH) {
            write.executeBatch();
            pending = 0;
        }
    }

    private void eventNames(Connection c) throws Exception {
        try (Statement read = c.createStatement(); PreparedStatement write = c.prepareStatement(INSERT_NAME)) {
            read.setFetchSize(10_000);
            try (ResultSet rs = read.executeQuery(EVENT_NAMES)) {
                String[] key = null;
                HllSketch sketch = null;
                long[] counts = new long[2];
                while (rs.next()) {
                    String[] row = {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)};
                    if (!java.util.Arrays.equals(row, key)) {
                        addName(write, key, counts, sketch);
                        key = row;
                        counts = new long[2];
                        sketch = new HllSketch(LG_K, TgtHllType.HLL_4);
                    }
                    counts[0] += rs.getBoolean(6) ? 1 : 0;
                    counts[1]++;
                    sketch.update(rs.getString(5));
                }
                addName(write, key, counts, sketch);
            }
            write.executeBatch();
            pending = 0;
        }
    }

    private void addName(PreparedStatement write, String[] key, long[] counts, HllSketch sketch) throws Exception {
        if (key == null) {
            return;
        }
        write.setString(1, key[0]);
        write.setString(2, key[1]);
        write.setString(3, key[2]);
        write.setString(4, key[3]);
        write.setLong(5, counts[0]);
        write.setLong(6, counts[1]);
        write.setBytes(7, sketch.toCompactByteArray());
        write.setLong(8, Math.round(sketch.getEstimate()));
        add(write);
    }
}
