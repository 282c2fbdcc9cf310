package tally.stats.report;

import tally.common.time.SixDays;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How to sum a range of days with the fewest rows, from five rollups of the same figures: the daily
 * one, the monthly one, and three kinds of sums folded by the processor once days are finished: of
 * each month to a day from its 1st, of each finished month from a day to its end, and of the six
 * days to each of the last two weeks' days. Each calendar month the range covers whole is a monthly
 * row per value. Days a to the end of a finished month are its running total from a. Other days a
 * to b of a month are either their daily rows, or the month's totals to b minus its totals to
 * a - 1, whichever reads fewer rows; the totals to a day are its running total where the fold reached
 * it, else the month minus the days after it, or the running total of the last folded day plus the
 * days after that. So 30 days to the 15th of last month are two rows per page (September from the
 * 16th, October to the 15th), where daily rows would be thirty. Seven days are the sums of six of
 * them, folded to each day, and the other day's rows, where that reads no more rows: both are
 * added, where the month's totals would subtract (seven days to the 30th are the month less its
 * totals to the 23rd), so the top of a list of them can be read ({@link TopOfSegments}).
 *
 * <p>Two hints about the site choose the segments, and neither can make a sum wrong. Days after
 * the site's last day with events cost nothing to subtract, but are still subtracted, in the same
 * statement as the month is read. A running total is read only if the fold still reaches its day
 * in that statement's snapshot (a late event may have made it stale since), else that segment's
 * daily rows are (see {@link #FOLDED}).
 */
final class MonthSegments {

    enum Kind { MONTH, DAYS, TO_DAY, FROM_DAY, SIX_DAYS }

    /** Days in the sums of a {@link Kind#SIX_DAYS} segment. */
    static final int SIX = SixDays.DAYS;

    /**
     * The rows of one rollup, summed or (when {@code subtract}) subtracted: a month's
     * ({@code from} is its first day), days {@code from} to {@code to}, the running totals of
     * the month through {@code to} ({@code from} is the month's first day), those of the month
     * from {@code from} ({@code to} is its last day), or the sums of the six days {@code from} to
     * {@code to}.
     */
    record Segment(Kind kind, LocalDate from, LocalDate to, boolean subtract) {
        Segment negated() {
            return new Segment(kind, from, to, !subtract);
        }

        /** Whether it is read from sums the fold makes (running totals, six days' sums), which it may no longer hold ({@link #FOLDED}). */
        boolean fromFold() {
            return kind == Kind.TO_DAY || kind == Kind.FROM_DAY || kind == Kind.SIX_DAYS;
        }

        /**
         * SQL: whether the fold holds the sums it reads, the {@code i}-th segment of a statement
         * with the {@link #FOLDED} table: the fold reached its day, and it keeps six days' sums
         * from before it.
         */
        String heldSql(int i) {
            return kind == Kind.SIX_DAYS ? "(:to%1$d <= (SELECT day FROM folded) AND :to%1$d >= (SELECT six_days_from FROM folded))".formatted(i)
                    : ":to%d <= (SELECT day FROM folded)".formatted(i);
        }

        /** Whether its rows are one per value: all but several days' daily rows. */
        boolean rowPerValue() {
            return kind != Kind.DAYS || from.equals(to);
        }

        /** Whether it is days after the site's last day (subtracted from their month, or today's before its first event): days that hold no rows. */
        boolean emptyBy(Hints hints) {
            return kind == Kind.DAYS && from.isAfter(hints.lastDay());
        }

        /**
         * Added daily rows of at most {@code most} days that may hold rows, as a segment per day to
         * the site's last day ({@link #oneDay}) and one of the days after it ({@link #emptyBy}):
         * each day's rows are a row per value, whose top can be read. Any other segment as it is.
         */
        private List<Segment> inSingleDays(Hints hints, int most) {
            if (kind != Kind.DAYS || subtract || heldDays(hints) > most) {
                return List.of(this);
            }
            List<Segment> days = new ArrayList<>();
            LocalDate day = from;
            for (; !day.isAfter(to) && !day.isAfter(hints.lastDay()); day = day.plusDays(1)) {
                days.add(oneDay(day, hints));
            }
            if (!day.isAfter(to)) {
                days.add(new Segment(Kind.DAYS, day, to, false));
            }
            return days;
        }

        /**
         * A day's rows: a folded month's 1st as its running total to the 1st, which are the same
         * rows in an index by their counts, where the day's own must be sorted for their top (0.7 ms
         * for 2,000 pages, a day's worth of the benchmark's big site).
         */
        private static Segment oneDay(LocalDate day, Hints hints) {
            boolean foldedFirst = day.getDayOfMonth() == 1 && !hints.folded().isBefore(day);
            return new Segment(foldedFirst ? Kind.TO_DAY : Kind.DAYS, day, day, false);
        }

        /** How many of its days may hold rows: those up to the site's last day. */
        long heldDays(Hints hints) {
            LocalDate end = kind == Kind.MONTH ? YearMonth.from(from).atEndOfMonth() : to;
            LocalDate held = end.isAfter(hints.lastDay()) ? hints.lastDay() : end;
            return held.isBefore(from) ? 0 : ChronoUnit.DAYS.between(from, held) + 1;
        }
    }

    /**
     * The selects of a monthly, a daily, the two running-total and the six days' rollups,
     * formatted with a segment's sign ("-" or "") and index {@code i}, and the daily one with its
     * days' condition too ({@link #days}): the monthly one of month {@code :from<i>}, the daily one
     * of days {@code :from<i>} to {@code :to<i>}, the running totals to day {@code :to<i>} and
     * those from day {@code :from<i>}, and the six days' sums to day {@code :to<i>}.
     */
    record Tables(String monthly, String daily, String toDay, String fromDay, String sixDays) {
        /** The select of the {@code i}-th segment of a statement. */
        String of(Segment segment, int i) {
            String select = switch (segment.kind()) {
                case MONTH -> monthly;
                case DAYS -> daily;
                case TO_DAY -> toDay;
                case FROM_DAY -> fromDay;
                case SIX_DAYS -> sixDays;
            };
            return select.formatted(segment.subtract() ? "-" : "", i, days(segment.from().equals(segment.to()), i));
        }

        /** The daily rows of all the days of the {@code i}-th segment of a statement, whatever its kind. */
        String dailyOf(Segment segment, int i) {
            return daily.formatted(segment.subtract() ? "-" : "", i, days(false, i));
        }

        /**
         * The condition on the days of a daily select: one day is an equality, so that a value is
         * found by one descent of the index (site, day, value): with a range of days, the index
         * can only start at the day, and read the day's values up to the one looked up (0.027 ms
         * per page looked up, against 0.008; for entry pages, 0.036 ms, for every visit dimension
         * of the day comes before them).
         */
        private static String days(boolean oneDay, int i) {
            return oneDay ? "day = :from%d".formatted(i) : "day BETWEEN :from%d AND :to%d".formatted(i, i);
        }
    }

    /**
     * What a site's rows look like, as far as the choice of segments goes: no day after
     * {@code lastDay} holds rows, every day up to {@code folded} has running totals to it, and
     * its six days' sums from {@code sixDaysFrom} on, and every month that ends by {@code folded}
     * has them from each of its days.
     */
    record Hints(LocalDate lastDay, LocalDate folded, LocalDate sixDaysFrom) {
        /** Nothing known: any day may hold rows, and none is folded. */
        static final Hints NONE = new Hints(LocalDate.MAX, LocalDate.MIN, LocalDate.MAX);

        /** Six days' sums kept for every folded day. */
        Hints(LocalDate lastDay, LocalDate folded) {
            this(lastDay, folded, LocalDate.MIN);
        }
    }

    /**
     * A statement's table {@code folded}, of the fold's state of the site in its snapshot: the
     * last day its running totals hold ({@code day}: where the fold went, or the day before the
     * first day a late event changed since, {@code folded_through}, the fold's own rule), and the
     * first day it keeps six days' sums to ({@code six_days_from}).
     */
    static final String FOLDED = """
            folded AS MATERIALIZED (SELECT coalesce(folded_through(:site), '-infinity') AS day,
                coalesce((SELECT six_days_from FROM folded_days WHERE site_id = :site), 'infinity') AS six_days_from)""";

    /**
     * Daily rows of up to this many days (that may hold rows) are read by a top as a segment per
     * day ({@link #forTops}): in the benchmark, on a month's 2nd before its first event, 30 days of
     * pages read every page of both days (5.5 ms at the median, against 1.3 for 30 days to the 15th
     * of last month).
     */
    static final int SINGLE_DAYS = 2;

    /**
     * The same sums as {@code segments}, each a row per value wherever it can be, for reading their
     * tops ({@link TopOfSegments}): added daily rows of up to {@link #SINGLE_DAYS} days as a segment
     * per day, and a folded month's 1st as its running total to the 1st. So 30 days on a month's
     * 2nd are last month from a day, this month to the 1st and the 2nd's rows: only the 2nd's are
     * sorted.
     */
    static List<Segment> forTops(List<Segment> segments, Hints hints) {
        return segments.stream().flatMap(s -> s.inSingleDays(hints, SINGLE_DAYS).stream()).toList();
    }

    /** Some segments and the rows they read, counted in days' worth of rows (a month's or a running total's is one). */
    private record Plan(long cost, List<Segment> segments) {
        static final Plan NONE = new Plan(0, List.of());
        /** Segments the rollups cannot give: never the cheaper of two plans. */
        static final Plan UNAVAILABLE = new Plan(Long.MAX_VALUE, List.of());

        Plan plus(Plan other) {
            return new Plan(cost + other.cost, Stream.concat(segments.stream(), other.segments.stream()).toList());
        }

        Plan minus(Plan other) {
            return plus(new Plan(other.cost, other.segments.stream().map(Segment::negated).toList()));
        }

        Plan orCheaper(Plan other) {
            return other.cost < cost ? other : this;
        }
    }

    private MonthSegments() {}

    /** The segments of a range. */
    static List<Segment> of(DateRange range, Hints hints) {
        Plan months = Plan.NONE;
        for (MonthPart part : months(range)) {
            LocalDate first = part.first();
            months = months.plus(part.whole() ? new Plan(1, List.of(new Segment(Kind.MONTH, first, first, false)))
                    : days(part.from(), part.to(), hints)
                            .orCheaper(toDay(first, part.to(), hints).minus(toDay(first, part.from().minusDays(1), hints)))
                            .orCheaper(part.toFoldedEnd(hints) ? new Plan(1, List.of(part.fromDay())) : Plan.UNAVAILABLE));
        }
        // At equal cost, the seven days' segments: all added, a top of a list can be read from them.
        return sevenDays(range, hints).orCheaper(months).segments();
    }

    /**
     * Seven days as the six days' sums to their last day and their first day's rows or, where the
     * fold does not hold their last day yet (it is today), the sums to the day before and the last
     * day's rows; neither where the fold keeps no sums to that day (it keeps those of recent days).
     */
    private static Plan sevenDays(DateRange range, Hints hints) {
        if (range.days() != SIX + 1) {
            return Plan.UNAVAILABLE;
        }
        LocalDate last = range.to();
        LocalDate sumsTo = hints.folded().isBefore(last) ? last.minusDays(1) : last;
        if (hints.folded().isBefore(sumsTo) || sumsTo.isBefore(hints.sixDaysFrom())) {
            return Plan.UNAVAILABLE;
        }
        LocalDate day = sumsTo.equals(last) ? range.from() : last;
        return new Plan(1, List.of(new Segment(Kind.SIX_DAYS, sumsTo.minusDays(SIX - 1), sumsTo, false))).plus(days(day, day, hints));
    }

    /** The days {@code from} to {@code to} that a range covers of the month that starts on {@code first}. */
    private record MonthPart(LocalDate first, LocalDate from, LocalDate to) {
        boolean whole() {
            return from.equals(first) && to.equals(last());
        }

        /** Whether the part runs to the end of a month whose running totals from each day the fold holds. */
        boolean toFoldedEnd(Hints hints) {
            return to.equals(last()) && !hints.folded().isBefore(to);
        }

        /** The month's running totals from the part's first day. */
        Segment fromDay() {
            return new Segment(Kind.FROM_DAY, from, to, false);
        }

        private LocalDate last() {
            return YearMonth.from(first).atEndOfMonth();
        }
    }

    /** The parts of a range in each month it touches, in order. */
    private static List<MonthPart> months(DateRange range) {
        List<MonthPart> parts = new ArrayList<>();
        for (YearMonth month = YearMonth.from(range.from()); !month.isAfter(YearMonth.from(range.to())); month = month.plusMonths(1)) {
            LocalDate first = month.atDay(1);
            LocalDate last = month.atEndOfMonth();
            parts.add(new MonthPart(first, range.from().isAfter(first) ? range.from() : first, range.to().isBefore(last) ? range.to() : last));
        }
        return parts;
    }

    /**
     * The segments of a range whose rows are unioned, not summed (visitor sketches): a union
     * cannot be subtracted, and monthly rows have no sketches. So the days of a month from its
     * first on are its running total, where the fold reached them, plus the days after the last
     * folded one; the days of a folded month from a later day to its end are its running total
     * from that day; all other days are their daily rows. Each whole month is then one running
     * total, and 30 days to the 15th are last month from the range's first day in it, this month to
     * the 14th and the 15th's rows: 3 rows per page instead of 30. Seven days are the six days' sums
     * and a day's rows, where those are fewer.
     */
    static List<Segment> ofUnions(DateRange range, Hints hints) {
        List<Segment> segments = new ArrayList<>();
        for (MonthPart part : months(range)) {
            LocalDate through = hints.folded().isBefore(part.to()) ? hints.folded() : part.to();
            if (part.from().equals(part.first()) && through.isAfter(part.first())) {
                segments.add(new Segment(Kind.TO_DAY, part.first(), through, false));
                if (through.isBefore(part.to())) {
                    segments.add(new Segment(Kind.DAYS, through.plusDays(1), part.to(), false));
                }
            } else if (part.toFoldedEnd(hints)) {
                segments.add(part.fromDay());
            } else {
                segments.add(new Segment(Kind.DAYS, part.from(), part.to(), false));
            }
        }
        List<Segment> sevenDays = sevenDays(range, hints).segments();
        return !sevenDays.isEmpty() && rowsPerValue(sevenDays) < rowsPerValue(segments) ? sevenDays : segments;
    }

    /** How many rows a value has at most in some segments: a day's worth each, several days' daily rows one per day. */
    private static long rowsPerValue(List<Segment> segments) {
        return segments.stream().mapToLong(s -> s.kind() == Kind.DAYS ? ChronoUnit.DAYS.between(s.from(), s.to()) + 1 : 1).sum();
    }

    /** Days {@code from} to {@code to} of one month: their daily rows, those after the last day costing nothing. */
    private static Plan days(LocalDate from, LocalDate to, Hints hints) {
        if (from.isAfter(to)) {
            return Plan.NONE;
        }
        LocalDate lastHeld = to.isAfter(hints.lastDay()) ? hints.lastDay() : to;
        long held = Math.max(0, ChronoUnit.DAYS.between(from, lastHeld) + 1);
        return new Plan(held, List.of(new Segment(Kind.DAYS, from, to, false)));
    }

    /** The days of the month that starts on {@code first} up to and including {@code day} (none when it is before the month). */
    private static Plan toDay(LocalDate first, LocalDate day, Hints hints) {
        if (day.isBefore(first)) {
            return Plan.NONE;
        }
        Plan month = new Plan(1, List.of(new Segment(Kind.MONTH, first, first, false)));
        LocalDate last = YearMonth.from(first).atEndOfMonth();
        if (day.equals(last)) {
            return month;
        }
        Plan best = month.minus(days(day.plusDays(1), last, hints)).orCheaper(days(first, day, hints));
        if (!hints.folded().isBefore(day)) {
            // The running total even where the days after it cost nothing (none hold rows): a row per value that
            // TopOfSegments can read the top of, where the month minus days is a subtraction.
            best = new Plan(1, List.of(new Segment(Kind.TO_DAY, first, day, false))).orCheaper(best);
        } else if (!hints.folded().isBefore(first)) {
            best = best.orCheaper(new Plan(1, List.of(new Segment(Kind.TO_DAY, first, hints.folded(), false)))
                    .plus(days(hints.folded().plusDays(1), day, hints)));
        }
        return best;
    }

    /**
     * A range's rows as SQL: one UNION ALL of selects. When {@code rowPerValue}, the range is
     * one month or one day, a row per value: there is nothing to sum, and the rows are the
     * answer (a month of 2,000 pages read in 0.8 ms, summed in 2 ms). {@code rowsPerValue} is
     * how many rows a value has at most where the fold holds what the hints say.
     */
    record Union(String sql, boolean rowPerValue, long rowsPerValue) {
    }

    /**
     * The range's rows as one UNION ALL of the {@code tables}' selects, each kept to the rows
     * that meet {@code condition}; binds the condition's parameters and the segments'
     * {@code :from<i>} and {@code :to<i>} in {@code params}, which must bind {@code :site}. A
     * running total is read only while the fold holds its day ({@link #FOLDED}), its month's days
     * to that day otherwise (and so for a running total from a day, of the month's last day, and
     * for six days' sums, of their days).
     */
    static Union unionAll(DateRange range, Hints hints, Tables tables, FilterSql.Condition condition, Map<String, Object> params) {
        return unionAll(of(range, hints), tables, condition, params);
    }

    /** Some segments' rows as one UNION ALL of the {@code tables}' selects, as {@link #unionAll(DateRange, Hints, Tables, FilterSql.Condition, Map)}. */
    static Union unionAll(List<Segment> segments, Tables tables, FilterSql.Condition condition, Map<String, Object> params) {
        params.putAll(condition.params());
        String kept = " AND (" + condition.sql() + ")";
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            params.put("from" + i, segment.from());
            params.put("to" + i, segment.to());
            String rows = tables.of(segment, i);
            if (segment.fromFold()) {
                parts.add(rows + " AND " + segment.heldSql(i) + kept);
                parts.add(tables.dailyOf(segment, i) + " AND NOT " + segment.heldSql(i) + kept);
            } else {
                parts.add(rows + kept);
            }
        }
        Segment only = segments.size() == 1 ? segments.getFirst() : null;
        // A running total alone is not: the statement may read the daily rows in its stead.
        boolean rowPerValue = only != null && only.rowPerValue() && !only.fromFold();
        // The fold's day is read once per statement, however many running totals it checks (a call each cost 0.1-0.2 ms).
        boolean checksFold = segments.stream().anyMatch(Segment::fromFold);
        String union = String.join(" UNION ALL ", parts);
        return new Union(checksFold ? "WITH " + FOLDED + " " + union : union, rowPerValue,
                rowsPerValue(segments));
    }
}
