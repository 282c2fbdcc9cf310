package tally.processor.privacy;

import org.apache.datasketches.hll.HllSketch;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tally.common.sketch.UserSketches;
import tally.processor.fold.FoldedDays;
import tally.processor.retention.RetentionSweep;
import tally.processor.rollup.AllTimePathCounts;
import tally.processor.rollup.BatchAggregate;
import tally.processor.rollup.DailyDimensions;
import tally.processor.rollup.DailyEventCounts;
import tally.processor.rollup.DailyRevenue;
import tally.processor.rollup.DailyPaths;
import tally.processor.rollup.DimensionSketches;
import tally.processor.rollup.KeptEvent;
import tally.processor.rollup.MonthlyPathCounts;
import tally.processor.rollup.RollupLock;
import tally.processor.rollup.SiteDay;
import tally.processor.session.Visit;
import tally.processor.session.Visits;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Deletes one user's events of a site (by user_id) and takes them out of every report, in one
 * transaction that holds the {@link RollupLock} exclusively, so no batch runs meanwhile:
 * <ol>
 *   <li>their queued and stored events are deleted;</li>
 *   <li>their counts are subtracted from every rollup, on the days they were counted on (which
 *       events keep, so a later change of time zone does not matter);</li>
 *   <li>the visitor sketches of those days are made again from the events left, streamed a day at
 *       a time (a sketch cannot subtract one visitor), and the all-time one from the daily ones;</li>
 *   <li>their visits are subtracted from the visit rollup, whose sketches are made again;</li>
 *   <li>the site's running totals are marked stale from the first day that lost an event or a
 *       visit, to be folded again from there ({@link FoldedDays}).</li>
 * </ol>
 * Counts are exact on every day. Sketches are rebuilt only on days the site's retention has not
 * begun to delete: rebuilt from a partly deleted day they would drop other visitors, so there
 * the user stays counted among the distinct visitors (never among page views or events).
 */
@Component
public class ForgetUser {

    static final String RETENTION = "SELECT retention_days FROM site_settings WHERE site_id = ?";

    static final String DELETE_QUEUED = "DELETE FROM events_queue WHERE site_id = ? AND user_id = ?";

    static final String DELETE_EVENTS = "DELETE FROM events WHERE site_id = ? AND user_id = ? RETURNING " + KeptEvent.COLUMNS;

    /**
     * The events counted on a day: they occurred within a day and a half of it whatever the
     * zone was (zones are at most 14 hours from UTC), which the (site_id, occurred_at) index finds.
     */
    static final String EVENTS_OF_DAY = "SELECT " + KeptEvent.COLUMNS + """
             FROM events WHERE site_id = ? AND occurred_at >= ? AND occurred_at < ?
            AND coalesce(day, (occurred_at AT TIME ZONE 'UTC')::date) = ?""";

    /** Rows of the days whose every event was deleted: a day's rows, then the days without events left. */
    static final List<String> EMPTIED_DAYS = List.of(
            "DELETE FROM rollup_daily_events WHERE site_id = ? AND day = ANY (?::date[]) AND events <= 0",
            "DELETE FROM rollup_daily_revenue WHERE site_id = ? AND day = ANY (?::date[]) AND events <= 0",
            "DELETE FROM rollup_daily_paths WHERE site_id = ? AND day = ANY (?::date[]) AND events <= 0",
            "DELETE FROM rollup_daily_dimensions WHERE site_id = ? AND day = ANY (?::date[]) AND events <= 0",
            """
            DELETE FROM rollup_daily_users u WHERE site_id = ? AND day = ANY (?::date[])
              AND NOT EXISTS (SELECT 1 FROM rollup_daily_events e WHERE e.site_id = u.site_id AND e.day = u.day)""");

    static final String EMPTIED_MONTHS = "DELETE FROM rollup_monthly_paths WHERE site_id = ? AND month = ANY (?::date[]) AND events <= 0";

    static final String EMPTIED_ALL_TIME = "DELETE FROM rollup_all_time_paths WHERE site_id = ? AND events <= 0";

    static final String REPLACE_DAILY_USERS = """
            UPDATE rollup_daily_users r SET users = k.users, estimate = k.estimate
            FROM unnest(?::text[], ?::date[], ?::bytea[], ?::bigint[]) AS k(site_id, day, users, estimate)
            WHERE r.site_id = k.site_id AND r.day = k.day""";

    static final String DAILY_USER_SKETCHES = "SELECT users FROM rollup_daily_users WHERE site_id = ?";

    static final String REPLACE_ALL_TIME_USERS = "UPDATE rollup_all_time_users SET users = ?, estimate = ? WHERE site_id = ?";

    /** Rows per round trip when streaming a day's events. */
    static final int FETCH = 5000;

    /** What was deleted, and how many days' sketches were made again. */
    public record Forgotten(long events, long queued, int visits, int days) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final DailyEventCounts eventCounts;
    private final DailyRevenue revenue;
    private final DailyPaths paths;
    private final MonthlyPathCounts monthlyPaths;
    private final AllTimePathCounts allTimePaths;
    private final DailyDimensions dimensions;
    private final Visits visits;
    private final FoldedDays folds;
    private final Clock clock;

    ForgetUser(JdbcClient jdbc, TransactionTemplate transaction, DailyEventCounts eventCounts, DailyRevenue revenue,
               DailyPaths paths, MonthlyPathCounts monthlyPaths, AllTimePathCounts allTimePaths, DailyDimensions dimensions,
               Visits visits, FoldedDays folds, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.eventCounts = eventCounts;
        this.revenue = revenue;
        this.paths = paths;
        this.monthlyPaths = monthlyPaths;
        this.allTimePaths = allTimePaths;
        this.dimensions = dimensions;
        this.visits = visits;
        this.folds = folds;
        this.clock = clock;
    }

    /** Forgets {@code userId} on {@code siteId}. This method is thread-safe. */
    public Forgotten forget(String siteId, String userId) {
        return transaction.execute(status -> {
            jdbc.sql(RollupLock.EXCLUSIVE).query(rs -> { });
            folds.hold(List.of(siteId));
            LocalDate firstWhole = firstWholeDay(siteId);
            long queued = jdbc.sql(DELETE_QUEUED).params(siteId, userId).update();
            List<KeptEvent> gone = jdbc.sql(DELETE_EVENTS).params(siteId, userId).query((rs, n) -> KeptEvent.read(rs, 1)).list();
            Set<String> visitors = new TreeSet<>();
            gone.forEach(e -> visitors.add(e.visitorId()));
            int rebuilt = 0;
            if (!gone.isEmpty()) {
                BatchAggregate minus = BatchAggregate.of(gone).negatedCounts();
                eventCounts.add(minus);
                revenue.add(minus);
                paths.add(minus);
                monthlyPaths.add(minus);
                allTimePaths.add(minus);
                dimensions.add(minus);
                Set<LocalDate> days = new TreeSet<>();
                gone.forEach(e -> days.add(e.day()));
                dropEmptied(siteId, days);
                for (LocalDate day : days) {
                    if (!day.isBefore(firstWhole)) {
                        rebuildSketches(siteId, day);
                        rebuilt++;
                    }
                }
                rebuildAllTimeUsers(siteId);
            }
            List<Visit> visitsGone = visitors.isEmpty() ? List.of() : visits.forget(siteId, visitors, firstWhole);
            // The running totals hold up to the first day that lost an event or a visit.
            Stream.concat(gone.stream().map(KeptEvent::day), visitsGone.stream().map(Visit::day)).min(Comparator.naturalOrder())
                    .ifPresent(first -> folds.changed(List.of(new SiteDay(siteId, first))));
            return new Forgotten(gone.size(), queued, visitsGone.size(), rebuilt);
        });
    }

    /** The first day the retention sweep has not begun on ({@link RetentionSweep#firstWholeDay}). */
    private LocalDate firstWholeDay(String siteId) {
        Integer retention = jdbc.sql(RETENTION).param(siteId).query((rs, n) -> (Integer) rs.getObject(1)).optional().orElse(null);
        return RetentionSweep.firstWholeDay(retention, clock);
    }

    private void dropEmptied(String siteId, Set<LocalDate> days) {
        String[] dayList = days.stream().map(Object::toString).toArray(String[]::new);
        String[] months = days.stream().map(d -> d.withDayOfMonth(1)).distinct().map(Object::toString).toArray(String[]::new);
        for (String statement : EMPTIED_DAYS) {
            jdbc.sql(statement).params(siteId, dayList).update();
        }
        jdbc.sql(EMPTIED_MONTHS).params(siteId, months).update();
        jdbc.sql(EMPTIED_ALL_TIME).params(siteId).update();
    }

    /** Makes a day's visitor sketches (the day's, each dimension value's and each path's) again from the events left on it. */
    private void rebuildSketches(String siteId, LocalDate day) {
        BatchAggregate left = new BatchAggregate();
        jdbc.sql(EVENTS_OF_DAY).withFetchSize(FETCH)
                .params(siteId, Timestamp.from(day.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()),
                        Timestamp.from(day.plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant()), day)
                .query(rs -> {
                    left.add(KeptEvent.read(rs, 1));
                });
        Map<SiteDay, HllSketch> daily = left.userSketches();
        jdbc.sql(REPLACE_DAILY_USERS).params(
                daily.keySet().stream().map(SiteDay::siteId).toArray(String[]::new),
                daily.keySet().stream().map(k -> k.day().toString()).toArray(String[]::new),
                daily.values().stream().map(HllSketch::toCompactByteArray).toArray(byte[][]::new),
                daily.values().stream().mapToLong(UserSketches::estimate).toArray()).update();
        Map<BatchAggregate.DimensionKey, HllSketch> byValue = left.dimensionSketches();
        List<BatchAggregate.DimensionKey> keys = new ArrayList<>(byValue.keySet());
        jdbc.sql(DimensionSketches.updateSketches("rollup_daily_dimensions")).params(
                keys.stream().map(BatchAggregate.DimensionKey::siteId).toArray(String[]::new),
                keys.stream().map(k -> k.day().toString()).toArray(String[]::new),
                keys.stream().map(BatchAggregate.DimensionKey::dimension).toArray(String[]::new),
                keys.stream().map(BatchAggregate.DimensionKey::value).toArray(String[]::new),
                byValue.values().stream().map(HllSketch::toCompactByteArray).toArray(byte[][]::new),
                byValue.values().stream().mapToLong(UserSketches::estimate).toArray()).update();
        paths.replaceSketches(left.pathSketches());
    }

    /** The all-time sketch is the union of the daily ones. */
    private void rebuildAllTimeUsers(String siteId) {
        List<byte[]> daily = jdbc.sql(DAILY_USER_SKETCHES).param(siteId).query((rs, n) -> rs.getBytes(1)).list();
        HllSketch union = UserSketches.union(daily);
        jdbc.sql(REPLACE_ALL_TIME_USERS).params(union.toCompactByteArray(), UserSketches.estimate(union), siteId).update();
    }
}
