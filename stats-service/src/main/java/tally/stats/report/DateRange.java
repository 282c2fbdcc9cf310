package tally.stats.report;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The days (the site's) a report covers, both ends included. {@code wholeHistory} marks "all": the
 * site's every day, which the all-time rollups answer without reading each day.
 */
record DateRange(LocalDate from, LocalDate to, boolean wholeHistory) {

    DateRange {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
    }

    long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    /** The same number of days just before this range. */
    DateRange previous() {
        return new DateRange(from.minusDays(days()), from.minusDays(1), false);
    }

    /** The same days a year earlier. */
    DateRange yearBefore() {
        return new DateRange(from.minusYears(1), to.minusYears(1), false);
    }
}
