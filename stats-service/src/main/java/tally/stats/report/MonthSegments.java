package tally.stats.report;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How to sum a range of days from a daily and a monthly rollup (paths, or visits) with the
 * fewest rows: each calendar month the range covers whole is one monthly row per path or value;
 * a month it covers in part is either its covered days, or the monthly row minus the days it
 * leaves out, whichever is fewer days. So "30d" in late November is November's monthly row
 * (minus the days after today, none of which hold data) plus two days of October, instead of
 * thirty daily rows per path or entry page.
 *
 * <p>Days after the site's last day with events cost nothing to subtract: on the 10th, "30d" is
 * this month's row minus its twenty days to come (an empty read) rather than ten days of rows.
 * They are still subtracted, in the same statement as the month is read, so the sum is right
 * even if events of those days are processed in between, or the last day given is behind
 * ({@link SiteHistory#lastDayHint}).
 */
final class MonthSegments {

    /** Sum (or subtract, when {@code subtract}) the rows of one table over days {@code from}..{@code to}. */
    record Segment(boolean monthly, LocalDate from, LocalDate to, boolean subtract) {
    }

    private MonthSegments() {}

    /** The segments of a range, when no day after {@code lastDay} holds rows ({@link LocalDate#MAX}: any day may). */
    static List<Segment> of(DateRange range, LocalDate lastDay) {
        List<Segment> segments = new ArrayList<>();
        for (YearMonth month = YearMonth.from(range.from()); !month.isAfter(YearMonth.from(range.to())); month = month.plusMonths(1)) {
            LocalDate first = month.atDay(1);
            LocalDate last = month.atEndOfMonth();
            LocalDate from = range.from().isAfter(first) ? range.from() : first;
            LocalDate to = range.to().isBefore(last) ? range.to() : last;
            long covered = ChronoUnit.DAYS.between(from, to) + 1;
            // The days left out that may hold rows: those before the range, and those after it up to the last day.
            LocalDate lastHeld = last.isAfter(lastDay) ? lastDay : last;
            long left = ChronoUnit.DAYS.between(first, from) + Math.max(0, ChronoUnit.DAYS.between(to, lastHeld));
            if (from.equals(first) && to.equals(last)) {
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

    /**
     * The range's rows as one UNION ALL of {@code monthly} and {@code daily} selects (no day after
     * {@code lastDay} holding rows, as far as the choice of segments goes), each
     * formatted with its sign ("-" when subtracted) and its index {@code i}, and kept to the rows
     * that meet {@code condition}; binds the condition's parameters and the segments'
     * {@code :from<i>} and {@code :to<i>} in {@code params}.
     */
    static String unionAll(DateRange range, LocalDate lastDay, String monthly, String daily, FilterSql.Condition condition,
                           Map<String, Object> params) {
        params.putAll(condition.params());
        List<String> parts = new ArrayList<>();
        List<Segment> segments = of(range, lastDay);
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            params.put("from" + i, segment.from());
            params.put("to" + i, segment.to());
            parts.add((segment.monthly() ? monthly : daily).formatted(segment.subtract() ? "-" : "", i) + " AND (" + condition.sql() + ")");
        }
        return String.join(" UNION ALL ", parts);
    }
}
