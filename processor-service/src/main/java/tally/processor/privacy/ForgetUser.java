package tally.processor.privacy;

import org.apache.datasketches.hll.HllSketch;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tally.common.sketch.UserSketches;
import tally.processor.rollup.BatchAggregate;
import tally.processor.rollup.DailyDimensions;
import tally.processor.rollup.DailyEventCounts;
import tally.processor.rollup.DailyPathCounts;
import tally.processor.rollup.DailyUsers;
import tally.processor.rollup.KeptEvent;
import tally.processor.rollup.RollupLock;
import tally.processor.session.Visits;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Deletes one user's events of a site (by user_id) and everything derived from them, in one
 * transaction that holds the {@link RollupLock} exclusively, so no batch runs meanwhile:
 * <ol>
 *   <li>their queued and stored events;</li>
 *   <li>the daily rollups of the days (in the site's time zone) they had events on, rebuilt from the events left on those
 *       days (a visitor sketch cannot subtract one visitor, so it is made again);</li>
 *   <li>their page views subtracted from the monthly and all-time path counts, and the all-time
 *       visitor sketch made again from the daily ones;</li>
 *   <li>their visits, subtracted from the visit rollup, whose sketches are made again.</li>
 * </ol>
 * Days whose raw events a site's retention already deleted cannot be rebuilt: their rollups
 * keep what they counted.
 */
@Component
public class ForgetUser {

    static final String DELETE_QUEUED = "DELETE FROM events_queue WHERE site_id = ? AND user_id = ?";

    static final String ZONE = "SELECT coalesce((SELECT time_zone FROM site_settings WHERE site_id = ?), 'UTC')";

    /** The deleted events' type, path, day in the site's time zone (the parameter) and visitor. */
    static final String DELETE_EVENTS = """
            DELETE FROM events WHERE site_id = ? AND user_id = ?
            RETURNING event_type, path, (occurred_at AT TIME ZONE ?)::date, coalesce(visitor_id, user_id)""";

    /** The daily rollups rebuilt from raw events: emptied for the days, then added to as a batch would. */
    static final List<String> DAILY = List.of("rollup_daily_events", "rollup_daily_paths", "rollup_daily_users", "rollup_daily_dimensions");

    static final String CLEAR_DAYS = "DELETE FROM %s WHERE site_id = ? AND day = ANY (?::date[])";

    static final String EVENTS_OF_DAY = "SELECT " + KeptEvent.COLUMNS
            + ", (occurred_at AT TIME ZONE ?)::date, ?::text FROM events WHERE site_id = ? AND occurred_at >= ? AND occurred_at < ?";

    static final String SUBTRACT_MONTHLY = """
            UPDATE rollup_monthly_paths r SET page_views = r.page_views - k.page_views, events = r.events - k.events
            FROM unnest(?::date[], ?::text[], ?::bigint[], ?::bigint[]) AS k(month, path, page_views, events)
            WHERE r.site_id = ? AND r.month = k.month AND r.path = k.path""";

    static final String SUBTRACT_ALL_TIME = """
            UPDATE rollup_all_time_paths r SET page_views = r.page_views - k.page_views, events = r.events - k.events
            FROM unnest(?::text[], ?::bigint[], ?::bigint[]) AS k(path, page_views, events)
            WHERE r.site_id = ? AND r.path = k.path""";

    static final String DROP_EMPTY_PATHS = """
            WITH monthly AS (DELETE FROM rollup_monthly_paths WHERE site_id = ? AND events <= 0)
            DELETE FROM rollup_all_time_paths WHERE site_id = ? AND events <= 0""";

    static final String DAILY_USER_SKETCHES = "SELECT users FROM rollup_daily_users WHERE site_id = ?";

    static final String REPLACE_ALL_TIME_USERS = "UPDATE rollup_all_time_users SET users = ?, estimate = ? WHERE site_id = ?";

    /** What was deleted. */
    public record Forgotten(long events, long queued, int visits, int days) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final DailyEventCounts eventCounts;
    private final DailyPathCounts pathCounts;
    private final DailyUsers users;
    private final DailyDimensions dimensions;
    private final Visits visits;

    ForgetUser(JdbcClient jdbc, TransactionTemplate transaction, DailyEventCounts eventCounts, DailyPathCounts pathCounts,
               DailyUsers users, DailyDimensions dimensions, Visits visits) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.eventCounts = eventCounts;
        this.pathCounts = pathCounts;
        this.users = users;
        this.dimensions = dimensions;
        this.visits = visits;
    }

    /** Forgets {@code userId} on {@code siteId}. This method is thread-safe. */
    public Forgotten forget(String siteId, String userId) {
        return transaction.execute(status -> {
            jdbc.sql(RollupLock.EXCLUSIVE).query(rs -> { });
            ZoneId zone = ZoneId.of(jdbc.sql(ZONE).param(siteId).query(String.class).single());
            long queued = jdbc.sql(DELETE_QUEUED).params(siteId, userId).update();
            Set<LocalDate> days = new TreeSet<>();
            Set<String> visitors = new TreeSet<>();
            Map<String, long[]> monthly = new TreeMap<>();
            Map<String, long[]> allTime = new TreeMap<>();
            long[] deleted = {0};
            jdbc.sql(DELETE_EVENTS).params(siteId, userId, zone.getId()).query(rs -> {
                deleted[0]++;
                boolean pageView = "page_view".equals(rs.getString(1));
                String path = rs.getString(2);
                LocalDate day = rs.getObject(3, LocalDate.class);
                days.add(day);
                visitors.add(rs.getString(4));
                add(monthly.computeIfAbsent(day.withDayOfMonth(1) + "\n" + path, k -> new long[2]), pageView);
                add(allTime.computeIfAbsent(path, k -> new long[2]), pageView);
            });
            if (deleted[0] > 0) {
                rebuildDays(siteId, days, zone);
                subtractPaths(siteId, monthly, allTime);
                rebuildAllTimeUsers(siteId);
            }
            int visitsDeleted = visitors.isEmpty() ? 0 : visits.forget(siteId, visitors, zone);
            return new Forgotten(deleted[0], queued, visitsDeleted, days.size());
        });
    }

    private static void add(long[] counts, boolean pageView) {
        counts[0] += pageView ? 1 : 0;
        counts[1]++;
    }

    /** Empties the daily rollups of the days and adds the events left on them, one day at a time. */
    private void rebuildDays(String siteId, Set<LocalDate> days, ZoneId zone) {
        String[] dayList = days.stream().map(Object::toString).toArray(String[]::new);
        for (String table : DAILY) {
            jdbc.sql(CLEAR_DAYS.formatted(table)).params(siteId, dayList).update();
        }
        for (LocalDate day : days) {
            List<KeptEvent> left = new ArrayList<>();
            jdbc.sql(EVENTS_OF_DAY).params(zone.getId(), zone.getId(), siteId, Timestamp.from(day.atStartOfDay(zone).toInstant()),
                    Timestamp.from(day.plusDays(1).atStartOfDay(zone).toInstant()))
                    .query(rs -> {
                        left.add(KeptEvent.read(rs, 1));
                    });
            BatchAggregate batch = BatchAggregate.of(left);
            if (!batch.isEmpty()) {
                eventCounts.add(batch);
                pathCounts.add(batch);
                users.add(batch);
                dimensions.add(batch);
            }
        }
    }

    private void subtractPaths(String siteId, Map<String, long[]> monthly, Map<String, long[]> allTime) {
        jdbc.sql(SUBTRACT_MONTHLY).params(
                monthly.keySet().stream().map(k -> k.substring(0, k.indexOf('\n'))).toArray(String[]::new),
                monthly.keySet().stream().map(k -> k.substring(k.indexOf('\n') + 1)).toArray(String[]::new),
                monthly.values().stream().mapToLong(c -> c[0]).toArray(), monthly.values().stream().mapToLong(c -> c[1]).toArray(),
                siteId).update();
        jdbc.sql(SUBTRACT_ALL_TIME).params(allTime.keySet().toArray(String[]::new),
                allTime.values().stream().mapToLong(c -> c[0]).toArray(), allTime.values().stream().mapToLong(c -> c[1]).toArray(),
                siteId).update();
        jdbc.sql(DROP_EMPTY_PATHS).params(siteId, siteId).update();
    }

    /** The all-time sketch is the union of the daily ones, which no longer hold the user on the rebuilt days. */
    private void rebuildAllTimeUsers(String siteId) {
        List<byte[]> daily = jdbc.sql(DAILY_USER_SKETCHES).param(siteId).query((rs, n) -> rs.getBytes(1)).list();
        HllSketch union = UserSketches.union(daily);
        jdbc.sql(REPLACE_ALL_TIME_USERS).params(union.toCompactByteArray(), UserSketches.estimate(union), siteId).update();
    }
}
