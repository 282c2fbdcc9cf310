package tally.stats.report;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * How to sum a range of days from the path rollups with the fewest rows: each calendar month
 * the range covers whole is one monthly row per path; a month it covers in part is either its
 * covered days, or the monthly row minus the days it leaves out, whichever is fewer days. So
 * "30d" in late November is November's monthly row (minus the days after today, none of which
 * hold data) plus two days of October, instead of thirty daily rows per path.
 */
final class PathSegments {

    /** Sum (or subtract, when {@code subtract}) the rows of one table over days {@code from}..{@code to}. */
    record Segment(boolean monthly, LocalDate from, LocalDate to, boolean subtract) {
    }

    private PathSegments() {}

    static List<Segment> of(DateRange range) {
        List<Segment> segments = new ArrayList<>();
        for (YearMonth month = YearMonth.from(range.from()); !month.isAfter(YearMonth.from(range.to())); month = month.plusMonths(1)) {
            LocalDate first = month.atDay(1);
            LocalDate last = month.atEndOfMonth();
            LocalDate from = range.from().isAfter(first) ? range.from() : first;
            LocalDate to = range.to().isBefore(last) ? range.to() : last;
            long covered = ChronoUnit.DAYS.between(from, to) + 1;
            long left = month.lengthOfMonth() - covered;
            if (left == 0) {
                segments.add(new Segment(true, first, first, false));
            } else if (left < covered) {
                segments.add(new Segment(true, first, first, false));
                if (from.isAfter(first)) {
                    segments.add(new Segment(false, first, from.minusDays(1), true));
                }
                if (to.isBefore(last)) {
                    segments.add(new Segment(false, to.plusDays(1), last, true));
                }
            } else {
                segments.add(new Segment(false, from, to, false));
            }
        }
        return segments;
    }
}
