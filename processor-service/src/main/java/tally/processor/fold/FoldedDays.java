package tally.processor.fold;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tally.processor.rollup.SiteDay;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * What writers of the daily rollups owe the running totals ({@link MonthToDayFold}): a batch
 * that changes a daily row of a day already folded (a late event) marks the site's totals stale
 * from that day on, in its own transaction, so no report takes a total that misses a committed
 * event.
 *
 * <p>The mark is only right if no fold reads the daily rows between the batch's write and its
 * commit: a fold that did would miss the batch's events and still move past their day. So
 * writers hold a per-site advisory lock shared until they commit, and a fold holds it
 * exclusively: it waits for the batches of its site to commit, and batches that come after wait
 * for the fold, then see where it went. Shared locks are taken in one order (of the lock keys),
 * so that batches and folds, which wait for each other, never do so in a circle.
 *
 * <p>Writers take the lock before their first write ({@link #hold}): the fold also writes daily
 * rows (it makes the day's visit sketches again, {@code Visits.remakeSketches}), and a writer
 * that held one of those rows while it waited for the lock would wait for the fold, which waits
 * for the row.
 */
@Component
public class FoldedDays {

    /**
     * The first key of the per-site locks: PostgreSQL's two-key advisory locks are apart from the
     * one-key {@code RollupLock}. These are the ASCII codes of "FOLD"; the second key is the
     * hash of the site.
     */
    static final int LOCK_SPACE = 0x464F4C44;

    static final String HOLD_SHARED = """
            SELECT count(pg_advisory_xact_lock_shared(%d, h))
            FROM (SELECT DISTINCT hashtext(site) AS h FROM unnest(?::text[]) AS site ORDER BY 1) AS keys""".formatted(LOCK_SPACE);

    static final String HOLD_EXCLUSIVE = "SELECT pg_advisory_xact_lock(%d, hashtext(?))".formatted(LOCK_SPACE);

    /** Its own statement, after the lock: one statement would read folded_days as it was before it waited. */
    static final String MARK_STALE = """
            UPDATE folded_days f SET refold_from = least(f.refold_from, c.day)
            FROM (SELECT site, min(day) AS day FROM unnest(?::text[], ?::date[]) AS c(site, day) GROUP BY site) AS c
            WHERE f.site_id = c.site AND c.day <= f.through""";

    private final JdbcClient jdbc;

    FoldedDays(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Holds these sites' locks shared until the transaction ends, so that no fold of them runs
     * meanwhile. Call inside a transaction that writes their daily rows, before its first write.
     */
    public void hold(Collection<String> sites) {
        if (!sites.isEmpty()) {
            jdbc.sql(HOLD_SHARED).param(sites.toArray(String[]::new)).query(rs -> { });
        }
    }

    /**
     * Marks the totals of the days a transaction changed daily rows of. Call inside that
     * transaction, after its writes, which it began by {@link #hold}ing the sites' locks.
     */
    public void changed(Collection<SiteDay> days) {
        if (days.isEmpty()) {
            return;
        }
        Map<String, LocalDate> earliest = new TreeMap<>();
        days.forEach(d -> earliest.merge(d.siteId(), d.day(), (a, b) -> a.isBefore(b) ? a : b));
        String[] sites = earliest.keySet().toArray(String[]::new);
        jdbc.sql(MARK_STALE).params(sites, earliest.values().stream().map(Object::toString).toArray(String[]::new)).update();
    }
}
