package tally.common.time;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * A length of calendar time that days are grouped into: a day, a week (from Monday) or a month,
 * each named by its first day. Reports bucket days by it, and retention counts cohorts and the
 * periods after them in it; the processor and the stats service must agree on both.
 */
public enum Period {
    DAY(ChronoUnit.DAYS), WEEK(ChronoUnit.WEEKS), MONTH(ChronoUnit.MONTHS);

    public final ChronoUnit unit;

    Period(ChronoUnit unit) {
        this.unit = unit;
    }

    /** Its name in the API and in rollup_retention: "day", "week", "month". */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The period a day falls in, named by its first day. */
    public LocalDate start(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }

    /** How many periods after {@code first}'s the period of {@code day} is (0: the same one). */
    public int after(LocalDate first, LocalDate day) {
        return (int) unit.between(start(first), start(day));
    }
}
