package tally.processor.session;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Function;

/**
 * The visits table, as a batch uses it: lock the batch's visitors, read their visits near the
 * new events, and replace the visits that changed. Every statement takes its rows as arrays, one
 * round trip each. Call inside the batch transaction.
 */
@Component
class VisitStore {

    /** Locks each visitor's row (creating it), in key order, so concurrent batches take turns per visitor. */
    static final String LOCK_VISITORS = """
            INSERT INTO visitors (site_id, visitor_id, first_seen_at, last_seen_at)
            SELECT * FROM unnest(?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[])
            ON CONFLICT (site_id, visitor_id) DO UPDATE
            SET first_seen_at = least(visitors.first_seen_at, excluded.first_seen_at),
                last_seen_at = greatest(visitors.last_seen_at, excluded.last_seen_at)""";

    static final String COLUMNS = """
            site_id, visitor_id, started_at, ended_at, page_views, events, entry_page, entry_at, exit_page, exit_at,
            hostname, source, channel, referrer, utm_source, utm_medium, utm_campaign, utm_content, utm_term,
            device, browser, os, country""";

    /** The visits that end less than 30 minutes before a visitor's first new event or start less than 30 minutes after the last. */
    static final String NEAR = "SELECT " + COLUMNS.replaceAll("(\\w+)", "v.$1") + """
            , coalesce(s.time_zone, 'UTC') AS time_zone
            FROM visits v
            LEFT JOIN site_settings s ON s.site_id = v.site_id
            JOIN unnest(?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[]) AS k(site_id, visitor_id, first_at, last_at)
              ON v.site_id = k.site_id AND v.visitor_id = k.visitor_id
             AND v.ended_at > k.first_at - interval '30 minutes' AND v.started_at < k.last_at + interval '30 minutes'""";

    static final String DELETE = """
            DELETE FROM visits v USING unnest(?::text[], ?::text[], ?::timestamptz[]) AS k(site_id, visitor_id, started_at)
            WHERE v.site_id = k.site_id AND v.visitor_id = k.visitor_id AND v.started_at = k.started_at""";

    static final String INSERT = "INSERT INTO visits (" + COLUMNS + """
            )
            SELECT * FROM unnest(?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::int[], ?::int[],
                                 ?::text[], ?::timestamptz[], ?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::text[],
                                 ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                 ?::text[], ?::text[])""";

    static final String DELETE_VISITORS = """
            WITH gone AS (DELETE FROM visitors WHERE site_id = ? AND visitor_id = ANY (?::text[]))
            DELETE FROM visits WHERE site_id = ? AND visitor_id = ANY (?::text[]) RETURNING *, ?::text AS time_zone""";

    /** A site's visits that started on some days. */
    static final String STARTED_ON = """
            SELECT *, ?::text AS time_zone FROM visits WHERE site_id = ? AND (started_at AT TIME ZONE ?)::date = ANY (?::date[])""";

    private final JdbcClient jdbc;

    VisitStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks the visitors of the new events and returns their stored visits that the events may join. */
    Map<VisitorKey, List<Visit>> lockAndReadNear(SortedMap<VisitorKey, List<Visit>> arrived) {
        int n = arrived.size();
        String[] sites = new String[n];
        String[] visitors = new String[n];
        String[] firsts = new String[n];
        String[] lasts = new String[n];
        int i = 0;
        for (Map.Entry<VisitorKey, List<Visit>> e : arrived.entrySet()) {
            sites[i] = e.getKey().siteId();
            visitors[i] = e.getKey().visitorId();
            firsts[i] = e.getValue().stream().map(Visit::startedAt).min(Instant::compareTo).orElseThrow().toString();
            lasts[i++] = e.getValue().stream().map(Visit::endedAt).max(Instant::compareTo).orElseThrow().toString();
        }
        jdbc.sql(LOCK_VISITORS).params(sites, visitors, firsts, lasts).update();
        Map<VisitorKey, List<Visit>> near = new HashMap<>();
        jdbc.sql(NEAR).params(sites, visitors, firsts, lasts).query(rs -> {
            Visit visit = read(rs);
            near.computeIfAbsent(VisitorKey.of(visit), k -> new ArrayList<>()).add(visit);
        });
        return near;
    }

    /** Deletes the removed visits, then inserts the added ones. */
    void replace(Sessions.Changes changes) {
        List<Visit> removed = changes.removed();
        if (!removed.isEmpty()) {
            jdbc.sql(DELETE).params(column(removed, Visit::siteId), column(removed, Visit::visitorId),
                    column(removed, v -> v.startedAt().toString())).update();
        }
        List<Visit> added = changes.added();
        if (added.isEmpty()) {
            return;
        }
        jdbc.sql(INSERT).params(
                column(added, Visit::siteId), column(added, Visit::visitorId),
                column(added, v -> v.startedAt().toString()), column(added, v -> v.endedAt().toString()),
                added.stream().mapToInt(Visit::pageViews).toArray(), added.stream().mapToInt(Visit::events).toArray(),
                column(added, Visit::entryPage), column(added, v -> text(v.entryAt())),
                column(added, Visit::exitPage), column(added, v -> text(v.exitAt())),
                column(added, v -> v.origin().hostname()), column(added, v -> v.origin().source()),
                column(added, v -> v.origin().channel()), column(added, v -> v.origin().referrer()),
                column(added, v -> v.origin().utmSource()), column(added, v -> v.origin().utmMedium()),
                column(added, v -> v.origin().utmCampaign()), column(added, v -> v.origin().utmContent()),
                column(added, v -> v.origin().utmTerm()), column(added, v -> v.origin().device()),
                column(added, v -> v.origin().browser()), column(added, v -> v.origin().os()),
                column(added, v -> v.origin().country())).update();
    }

    /** Deletes visitors and their visits, returning the visits. */
    List<Visit> deleteVisitors(String siteId, Collection<String> visitorIds, java.time.ZoneId zone) {
        String[] ids = visitorIds.toArray(String[]::new);
        return jdbc.sql(DELETE_VISITORS).params(siteId, ids, siteId, ids, zone.getId()).query((rs, n) -> read(rs)).list();
    }

    /** The site's visits that started on the days (in its time zone). */
    List<Visit> startedOn(String siteId, Collection<java.time.LocalDate> days, java.time.ZoneId zone) {
        return jdbc.sql(STARTED_ON).params(zone.getId(), siteId, zone.getId(), days.stream().map(Object::toString).toArray(String[]::new))
                .query((rs, n) -> read(rs)).list();
    }

    private static Visit read(ResultSet rs) throws SQLException {
        return new Visit(rs.getString("site_id"), rs.getString("visitor_id"), instant(rs, "started_at"), instant(rs, "ended_at"),
                rs.getInt("page_views"), rs.getInt("events"), rs.getString("entry_page"), instant(rs, "entry_at"),
                rs.getString("exit_page"), instant(rs, "exit_at"),
                new Visit.Origin(rs.getString("hostname"), rs.getString("source"), rs.getString("channel"),
                        rs.getString("referrer"), rs.getString("utm_source"), rs.getString("utm_medium"),
                        rs.getString("utm_campaign"), rs.getString("utm_content"), rs.getString("utm_term"),
                        rs.getString("device"), rs.getString("browser"), rs.getString("os"), rs.getString("country")),
                java.time.ZoneId.of(rs.getString("time_zone")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }

    private static String[] column(Collection<Visit> visits, Function<Visit, String> value) {
        return visits.stream().map(value).toArray(String[]::new);
    }
}
