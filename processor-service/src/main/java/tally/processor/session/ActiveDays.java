package tally.processor.session;

import tally.common.time.Period;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The days a visitor had events counted on: the first, and a bit for each day since (bit i is
 * the first day plus i), stored as visitors.first_day and active_days (a varbit, written as a
 * string of '0' and '1'). Days only join it, so the first day only moves earlier.
 */
record ActiveDays(LocalDate first, BitSet days) {

    /** A cohort's period that a visitor was active in: the cohort's first day and the periods after it (0: its own). */
    record Active(LocalDate cohort, int period) {
    }

    /** The stored days, or null where none are stored (a visitor new to the batch, or older than the days kept). */
    static ActiveDays read(LocalDate first, String bits) {
        if (first == null || bits == null) {
            return null;
        }
        BitSet days = new BitSet(bits.length());
        for (int i = 0; i < bits.length(); i++) {
            if (bits.charAt(i) == '1') {
                days.set(i);
            }
        }
        return new ActiveDays(first, days);
    }

    /** These days and {@code more}; {@code stored} may be null (no days yet). */
    static ActiveDays join(ActiveDays stored, Collection<LocalDate> more) {
        LocalDate first = more.stream().min(LocalDate::compareTo).orElseThrow();
        BitSet days = new BitSet();
        if (stored != null) {
            first = first.isBefore(stored.first) ? first : stored.first;
            int shift = (int) ChronoUnit.DAYS.between(first, stored.first);
            stored.days.stream().forEach(i -> days.set(i + shift));
        }
        for (LocalDate day : more) {
            days.set((int) ChronoUnit.DAYS.between(first, day));
        }
        return new ActiveDays(first, days);
    }

    /** As stored: '1' for each day active, from the first to the last. */
    String bits() {
        StringBuilder bits = new StringBuilder(days.length());
        for (int i = 0; i < days.length(); i++) {
            bits.append(days.get(i) ? '1' : '0');
        }
        return bits.toString();
    }

    /** The periods of {@code period} this visitor was active in, counted from the one they were first seen in. */
    Set<Active> periods(Period period) {
        LocalDate cohort = period.start(first);
        Set<Active> active = new HashSet<>();
        days.stream().forEach(i -> active.add(new Active(cohort, period.after(first, first.plusDays(i)))));
        return active;
    }
}
