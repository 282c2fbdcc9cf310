package tally.processor.session;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tally.common.time.Period;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * rollup_retention, as batches add days to visitors: a visitor counts once in each day, week and
 * month they were active in, under the cohort of the one they were first seen in. A batch adds
 * the periods that are new for a visitor; a late event that moves their first day out of their
 * cohort's period moves all their periods to the new cohort. Call inside the batch transaction,
 * with the visitors locked.
 */
@Component
class Cohorts {

    static final String WRITE_DAYS = """
            UPDATE visitors v SET first_day = k.first_day, active_days = k.bits::varbit
            FROM unnest(?::text[], ?::text[], ?::date[], ?::text[]) AS k(site_id, visitor_id, first_day, bits)
            WHERE v.site_id = k.site_id AND v.visitor_id = k.visitor_id""";

    static final String ADD = """
            INSERT INTO rollup_retention AS r (site_id, unit, cohort, period, visitors)
            SELECT * FROM unnest(?::text[], ?::text[], ?::date[], ?::int[], ?::bigint[])
            ON CONFLICT (site_id, unit, cohort, period) DO UPDATE SET visitors = r.visitors + excluded.visitors""";

    /** A row of rollup_retention; sorted, so that concurrent batches lock rows in one order. */
    record Key(String siteId, Period unit, LocalDate cohort, int period) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = siteId.compareTo(o.siteId);
            if (c == 0) {
                c = unit.compareTo(o.unit);
            }
            if (c == 0) {
                c = cohort.compareTo(o.cohort);
            }
            return c != 0 ? c : Integer.compare(period, o.period);
        }
    }

    private final JdbcClient jdbc;

    Cohorts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds the days of a batch's events to their visitors' stored days ({@code stored}, as the lock
     * read them; absent for a visitor with none) and the visitors' new periods to the rollup.
     */
    void add(Map<VisitorKey, ActiveDays> stored, SortedMap<VisitorKey, SortedSet<LocalDate>> arrived) {
        SortedMap<VisitorKey, ActiveDays> changed = new TreeMap<>();
        SortedMap<Key, Long> deltas = new TreeMap<>();
        arrived.forEach((visitor, days) -> {
            ActiveDays before = stored.get(visitor);
            ActiveDays after = ActiveDays.join(before, days);
            if (!after.equals(before)) {
                changed.put(visitor, after);
                count(visitor.siteId(), before, -1, deltas);
                count(visitor.siteId(), after, 1, deltas);
            }
        });
        if (changed.isEmpty()) {
            return;
        }
        jdbc.sql(WRITE_DAYS).params(changed.keySet().stream().map(VisitorKey::siteId).toArray(String[]::new),
                changed.keySet().stream().map(VisitorKey::visitorId).toArray(String[]::new),
                changed.values().stream().map(d -> d.first().toString()).toArray(String[]::new),
                changed.values().stream().map(ActiveDays::bits).toArray(String[]::new)).update();
        write(deltas);
    }

    /** Takes forgotten visitors' periods off the rollup. */
    void forget(String siteId, Collection<ActiveDays> gone) {
        SortedMap<Key, Long> deltas = new TreeMap<>();
        gone.forEach(days -> count(siteId, days, -1, deltas));
        write(deltas);
    }

    /** Adds {@code sign} for each period of each unit a visitor's days are in; null days are none. */
    private static void count(String siteId, ActiveDays days, long sign, SortedMap<Key, Long> deltas) {
        if (days == null) {
            return;
        }
        for (Period unit : Period.values()) {
            for (ActiveDays.Active active : days.periods(unit)) {
                deltas.merge(new Key(siteId, unit, active.cohort(), active.period()), sign, Long::sum);
            }
        }
    }

    private void write(SortedMap<Key, Long> deltas) {
        deltas.values().removeIf(n -> n == 0);
        if (deltas.isEmpty()) {
            return;
        }
        Set<Key> keys = deltas.keySet();
        jdbc.sql(ADD).params(keys.stream().map(Key::siteId).toArray(String[]::new),
                keys.stream().map(k -> k.unit().apiName()).toArray(String[]::new),
                keys.stream().map(k -> k.cohort().toString()).toArray(String[]::new),
                keys.stream().mapToInt(Key::period).toArray(),
                deltas.values().stream().mapToLong(Long::longValue).toArray()).update();
    }
}
