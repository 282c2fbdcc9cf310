package tally.processor.fold;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;
import tally.processor.ProcessorProperties;
import tally.processor.retention.RetentionSweep;
import tally.processor.session.Visits;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Folds each finished day into its month's running totals (rollup_month_to_day_paths and
 * rollup_month_to_day_visits): a day's totals are the day before's (none on the 1st) plus its
 * daily rows. Folding a month's last day also makes the month's totals from each day to its end
 * (rollup_month_from_day_paths and _visits), backwards from that day. The six days (a day and
 * the five before) to each of the last two weeks' days are summed beside them
 * (rollup_six_days_paths and _visits, {@link #SIX_DAYS_KEPT}). A site's days
 * are folded up to yesterday in its time zone, a few days per transaction, from the day after the
 * last good one: where the last fold stopped, or the first day a late event changed since
 * ({@link FoldedDays}). Today's rows still change with every batch, so reports read them from
 * the daily and monthly rollups.
 *
 * <p>Folding a day also makes its visit sketches again from its visits ({@link Visits#remakeSketches}):
 * a finished day's visitors by exit page, source or entry page count each visitor once, however
 * their visits grew or moved while batches came in.
 *
 * <p>Any processor instance may fold; the per-site lock makes two folds of one site take turns,
 * and the work is the same whoever does it.
 */
@Component
public class MonthToDayFold {

    private static final Logger log = LoggerFactory.getLogger(MonthToDayFold.class);

    /**
     * Days per transaction: a week of a site of 2,000 pages a day is a few seconds (its pages'
     * sketches unioned and its visits' sketches made again, in Java) that the site's batches
     * wait, while a backlog is folded. The transaction that folds a month's last day also writes
     * the month's 28 to 31 days of totals from each day, which it must, for readers take those
     * once the fold holds that day: for 1.6M events, 11-13 s more over six month ends.
     */
    static final int DAYS_PER_TRANSACTION = 7;

    /**
     * The days to yesterday whose six days' sums are kept: the dashboard's seven days to today
     * read the sums to yesterday, their comparison with the seven before those to a week ago, and a
     * week more serves the other seven-day ranges asked of recent days. Older seven days are read
     * as other ranges are. Kept for every day, they took about as much room as the running totals
     * to each day. (They cost the fold little time: the benchmark's big site, 2.7M events over 90
     * days, folded again from its first day in 92 s with them for every day and 96 s without.)
     */
    static final int SIX_DAYS_KEPT = 14;

    /**
     * Every site with processed events: its first day, time zone, the last day its totals hold
     * (null if none), and the days of raw events it keeps (null for all).
     */
    static final String SITES = """
            SELECT e.site_id, e.first, coalesce(s.time_zone, 'UTC'), folded_through(e.site_id), s.retention_days
            FROM (SELECT site_id, min(day) AS first FROM rollup_daily_events GROUP BY site_id) e
            LEFT JOIN site_settings s ON s.site_id = e.site_id
            ORDER BY e.site_id""";

    /** How far a site's totals go: the last day folded, and the last day they hold ({@code folded_through}, the readers' rule too). */
    static final String STATE = "SELECT through, folded_through(site_id) FROM folded_days WHERE site_id = :site";

    /** Deletes a table's rows of a site's days :from to :to. */
    static final String CLEAR = "DELETE FROM %s WHERE site_id = :site AND day BETWEEN :from AND :to";

    /** Deletes a table's rows of a site's days before :from. */
    static final String CLEAR_BEFORE = "DELETE FROM %s WHERE site_id = :site AND day < :from";

    /**
     * The neighbour's visit totals ({@link RunningTotals}), if any, plus the days'
     * rows; a value whose sums are all zero has no row. (Pages have sketches too, which
     * {@link PathTotalsFold} unions.) Written in key order, a day's rows lie in its index's order
     * in the table, and a report reads them a page at a time (in hash order, a page per row).
     */
    static final String FOLD_VISITS = """
            INSERT INTO %1$s (site_id, day, dimension, value, visits, bounces, duration, page_views, events)
            SELECT :site, CAST(:day AS date), dimension, value, sum(visits), sum(bounces), sum(duration), sum(page_views), sum(events)
            FROM (SELECT dimension, value, visits, bounces, duration, page_views, events FROM %1$s
                  WHERE site_id = :site AND %2$s
                  UNION ALL
                  SELECT dimension, value, visits, bounces, duration, page_views, events FROM rollup_daily_visits
                  WHERE site_id = :site AND %3$s) AS s
            GROUP BY dimension, value
            HAVING sum(visits) <> 0 OR sum(bounces) <> 0 OR sum(duration) <> 0 OR sum(page_views) <> 0 OR sum(events) <> 0
            ORDER BY dimension, value""";

    /**
     * The fold's state; the first day whose six days' sums are kept never goes back (yesterday
     * may, if the site's time zone changes), for the days before it have none.
     */
    static final String SAVE_STATE = """
            INSERT INTO folded_days (site_id, through, refold_from, from_day_totals, six_days_totals, six_days_from)
            VALUES (:site, :through, :refold, true, true, :sixDaysFrom)
            ON CONFLICT (site_id) DO UPDATE SET through = excluded.through, refold_from = excluded.refold_from,
                six_days_from = greatest(folded_days.six_days_from, excluded.six_days_from)""";

    /** How far a site's totals go: folded through {@code through}, and hold through {@code good}. */
    record State(LocalDate through, LocalDate good) {
    }

    /** A site to fold, with the last day its totals hold (null if none) and its retention in days (null if none). */
    record Site(String siteId, LocalDate first, ZoneId zone, LocalDate good, Integer retentionDays) {
        /** The day the fold goes on from: the day after the last good one, or the site's first. */
        LocalDate next() {
            return nextDay(first, good);
        }
    }

    private final JdbcClient jdbc;
    private final PathTotalsFold pathTotals;
    private final Visits visits;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final boolean scheduled;

    MonthToDayFold(JdbcClient jdbc, PathTotalsFold pathTotals, Visits visits, TransactionTemplate transaction, Clock clock,
                   ProcessorProperties properties) {
        this.jdbc = jdbc;
        this.pathTotals = pathTotals;
        this.visits = visits;
        this.transaction = transaction;
        this.clock = clock;
        this.scheduled = properties.scheduled();
    }

    @Scheduled(fixedDelayString = "${tally.processor.fold-interval:1m}", initialDelayString = "${tally.processor.fold-interval:1m}")
    void foldOnSchedule() {
        if (!scheduled) {
            return;
        }
        try {
            foldAll();
        } catch (DataAccessException | TransactionException e) {
            log.warn("folding the running totals failed, will retry: {}", e.getMostSpecificCause().getMessage());
        }
    }

    /** Folds every site's finished days; returns how many days it folded. What a failed transaction folded stays. */
    public int foldAll() {
        List<Site> sites = jdbc.sql(SITES).query((rs, n) -> new Site(rs.getString(1), rs.getObject(2, LocalDate.class),
                ZoneId.of(rs.getString(3)), rs.getObject(4, LocalDate.class), (Integer) rs.getObject(5))).list();
        int folded = 0;
        for (Site site : sites) {
            LocalDate yesterday = LocalDate.now(clock.withZone(site.zone())).minusDays(1);
            if (!site.next().isAfter(yesterday)) { // else nothing to fold: no transaction, no lock
                int days;
                do {
                    days = foldSome(site.siteId(), site.first(), yesterday, RetentionSweep.firstWholeDay(site.retentionDays(), clock));
                    folded += days;
                } while (days > 0);
            }
        }
        return folded;
    }

    /**
     * Folds a site's next few days up to {@code last}, in one transaction, making the visit
     * sketches again of those from {@code firstWhole} on; returns how many (0 when all are).
     */
    int foldSome(String siteId, LocalDate first, LocalDate last, LocalDate firstWhole) {
        Integer folded = transaction.execute(status -> {
            jdbc.sql(FoldedDays.HOLD_EXCLUSIVE).param(siteId).query(rs -> { });
            Optional<State> state = jdbc.sql(STATE).param("site", siteId)
                    .query((rs, n) -> new State(rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class))).optional();
            LocalDate from = nextDay(first, state.map(State::good).orElse(null));
            LocalDate week = from.plusDays(DAYS_PER_TRANSACTION - 1L);
            LocalDate to = week.isAfter(last) ? last : week;
            if (from.isAfter(to)) {
                return 0;
            }
            // Clears from the first day that no longer holds, which may come before the site's first
            // day now (its first days' events all forgotten): their totals are of events since deleted.
            LocalDate clearFrom = state.map(s -> s.good().plusDays(1)).orElse(LocalDate.of(1, 1, 1));
            clear(RunningTotals.TO_DAY, siteId, clearFrom, to);
            clear(RunningTotals.SIX_DAYS, siteId, clearFrom, to);
            // Six days' sums are kept for the last days to yesterday only: older ones go as the days pass.
            LocalDate sixDaysFrom = last.minusDays(SIX_DAYS_KEPT - 1L);
            for (String table : List.of(RunningTotals.SIX_DAYS.pathsTable, RunningTotals.SIX_DAYS.visitsTable)) {
                jdbc.sql(CLEAR_BEFORE.formatted(table)).param("site", siteId).param("from", sixDaysFrom).update();
            }
            // A month's totals from each day hold its days after clearFrom too: all of them go, to be made again at its end.
            clear(RunningTotals.FROM_DAY, siteId, clearFrom.withDayOfMonth(1), YearMonth.from(to).atEndOfMonth());
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                if (!day.isBefore(firstWhole)) {
                    visits.remakeSketches(siteId, day);
                }
                fold(RunningTotals.TO_DAY, siteId, day);
                if (!day.isBefore(sixDaysFrom)) {
                    fold(RunningTotals.SIX_DAYS, siteId, day);
                }
                if (day.equals(YearMonth.from(day).atEndOfMonth())) {
                    for (LocalDate back = day; back.getMonth() == day.getMonth(); back = back.minusDays(1)) {
                        fold(RunningTotals.FROM_DAY, siteId, back);
                    }
                }
            }
            // A refold that stops short of where the totals went leaves the rest stale.
            LocalDate through = state.map(State::through).filter(t -> t.isAfter(to)).orElse(to);
            jdbc.sql(SAVE_STATE).param("site", siteId).param("through", through).param("sixDaysFrom", sixDaysFrom)
                    .param("refold", through.isAfter(to) ? to.plusDays(1) : null).update();
            return (int) (to.toEpochDay() - from.toEpochDay() + 1);
        });
        return folded == null ? 0 : folded;
    }

    private void clear(RunningTotals totals, String siteId, LocalDate from, LocalDate to) {
        jdbc.sql(CLEAR.formatted(totals.pathsTable)).param("site", siteId).param("from", from).param("to", to).update();
        jdbc.sql(CLEAR.formatted(totals.visitsTable)).param("site", siteId).param("from", from).param("to", to).update();
    }

    /** Writes a day's totals of a kind, of pages and of visits; the day must have none yet. */
    private void fold(RunningTotals totals, String siteId, LocalDate day) {
        pathTotals.fold(totals, siteId, day);
        jdbc.sql(FOLD_VISITS.formatted(totals.visitsTable, totals.neighbour, totals.days)).param("site", siteId).param("day", day).update();
    }

    /** The day after the last one whose totals hold ({@code good}, null if none), and no earlier than the site's first. */
    private static LocalDate nextDay(LocalDate first, LocalDate good) {
        return good == null || good.isBefore(first) ? first : good.plusDays(1);
    }
}
