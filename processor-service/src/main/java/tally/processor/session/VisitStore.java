package tally.processor.session;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.function.Function;

/**
 * The visits table, as a batch uses it: lock the batch's visitors, read their visits near the
 * new events, and replace the visits that changed. Every statement takes its rows as arrays, one
 * round trip each. Call inside the batch transaction.
 */
@Component
class VisitStore {

    /**
     * Locks each visitor's row (creating it), in key order, so concurrent batches take turns per
     * visitor; returns the days they were active on so far ({@link ActiveDays}), null for a new one.
     */
    static final String LOCK_VISITORS = """
            INSERT INTO visitors (site_id, visitor_id, first_seen_at, last_seen_at)
            SELECT * FROM unnest(?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[])
            ON CONFLICT (site_id, visitor_id) DO UPDATE
            SET first_seen_at = least(visitors.first_seen_at, excluded.first_seen_at),
                last_seen_at = greatest(visitors.last_seen_at, excluded.last_seen_at)
            RETURNING site_id, visitor_id, first_day, active_days::text""";

    static final String COLUMNS = """
            site_id, visitor_id, started_at, ended_at, day, page_views, events, entry_page, entry_at, exit_page, exit_at,
            hostname, source, channel, referrer, utm_source, utm_medium, utm_campaign, utm_content, utm_term,
            device, browser, os, country""";

    /**
     * The visits that end less than {@link Sessions#GAP} before a visitor's first new event or start
     * less than that after the last: the caller passes those bounds, the first event's minus the
     * gap and the last's plus it. The index on ended_at keeps this to a visitor's recent visits.
     */
    static final String NEAR = "SELECT " + COLUMNS.replaceAll("(\\w+)", "v.$1") + """

            FROM visits v
            JOIN unnest(?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[]) AS k(site_id, visitor_id, ends_after, starts_before)
              ON v.site_id = k.site_id AND v.visitor_id = k.visitor_id
             AND v.ended_at > k.ends_after AND v.started_at < k.starts_before""";

    static final String DELETE = """
            DELETE FROM visits v USING unnest(?::text[], ?::text[], ?::timestamptz[]) AS k(site_id, visitor_id, started_at)
            WHERE v.site_id = k.site_id AND v.visitor_id = k.visitor_id AND v.started_at = k.started_at""";

    static final String INSERT = "INSERT INTO visits (" + COLUMNS + """
            )
            SELECT * FROM unnest(?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::date[], ?::int[], ?::int[],
                                 ?::text[], ?::timestamptz[], ?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::text[],
                                 ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                 ?::text[], ?::text[])""";

    static final String DELETE_VISITORS = """
            DELETE FROM visitors WHERE site_id = ? AND visitor_id = ANY (?::text[]) RETURNING first_day, active_days::text""";
    static final String DELETE_VISITS = "DELETE FROM visits WHERE site_id = ? AND visitor_id = ANY (?::text[]) RETURNING *";

    /** A site's visits that started on some days. */
    static final String STARTED_ON = "SELECT * FROM visits WHERE site_id = ? AND day = ANY (?::date[])";

    private final JdbcClient jdbc;

    VisitStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A batch's visitors, locked: their stored visits that the new events may join, and their days so far. */
    record Locked(Map<VisitorKey, List<Visit>> near, Map<VisitorKey, ActiveDays> days) {
    }

    /** Forgotten visitors: their visits and their days. */
    record Deleted(List<Visit> visits, List<ActiveDays> days) {
    }

    /** Locks the visitors of the new events and reads their stored visits that the events may join, and their days. */
    Locked lockAndReadNear(SortedMap<VisitorKey, List<Visit>> arrived) {
        int n = arrived.size();
        String[] sites = new String[n];
        String[] visitors = new String[n];
        String[] firsts = new String[n];
        String[] lasts = new String[n];
        String[] endsAfter = new String[n];
        String[] startsBefore = new String[n];
        int i = 0;
        for (Map.Entry<VisitorKey, List<Visit>> e : arrived.entrySet()) {
            sites[i] = e.getKey().siteId();
            visitors[i] = e.getKey().visitorId();
            Instant first = e.getValue().stream().map(Visit::startedAt).min(Instant::compareTo).orElseThrow();
            Instant last = e.getValue().stream().map(Visit::endedAt).max(Instant::compareTo).orElseThrow();
            firsts[i] = first.toString();
            lasts[i] = last.toString();
            endsAfter[i] = first.minus(Sessions.GAP).toString();
            startsBefore[i++] = last.plus(Sessions.GAP).toString();
        }
        Map<VisitorKey, ActiveDays> days = new HashMap<>();
        jdbc.sql(LOCK_VISITORS).params(sites, visitors, firsts, lasts).query(rs -> {
            ActiveDays stored = ActiveDays.read(rs.getObject(3, LocalDate.class), rs.getString(4));
            if (stored != null) {
                days.put(new VisitorKey(rs.getString(1), rs.getString(2)), stored);
            }
        });
        Map<VisitorKey, List<Visit>> near = new HashMap<>();
        jdbc.sql(NEAR).params(sites, visitors, endsAfter, startsBefore).query(rs -> {
            Visit visit = read(rs);
            near.computeIfAbsent(VisitorKey.of(visit), k -> new ArrayList<>()).add(visit);
        });
        return new Locked(near, days);
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
                column(added, v -> v.day().toString()),
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

    /** Deletes visitors and their visits, returning what they had. */
    Deleted deleteVisitors(String siteId, Collection<String> visitorIds) {
        String[] ids = visitorIds.toArray(String[]::new);
        List<ActiveDays> days = jdbc.sql(DELETE_VISITORS).params(siteId, ids)
                .query((rs, n) -> ActiveDays.read(rs.getObject(1, LocalDate.class), rs.getString(2))).list();
        List<Visit> visits = jdbc.sql(DELETE_VISITS).params(siteId, ids).query((rs, n) -> read(rs)).list();
        return new Deleted(visits, days.stream().filter(Objects::nonNull).toList());
    }

    /** The site's visits that count on the days. */
    List<Visit> countedOn(String siteId, Collection<LocalDate> days) {
        return jdbc.sql(STARTED_ON).params(siteId, days.stream().map(Object::toString).toArray(String[]::new))
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
                rs.getObject("day", LocalDate.class));
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
