package tally.stats.report;

import org.junit.jupiter.api.Test;
import tally.stats.report.MonthSegments.Hints;
import tally.stats.report.MonthSegments.Kind;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Ranges of days as the fewest rollup rows: whole months, running totals, or a month minus the days it leaves out. */
class MonthSegmentsTest {

    static List<MonthSegments.Segment> of(String from, String to) {
        return of(from, to, Hints.NONE);
    }

    static List<MonthSegments.Segment> of(String from, String to, Hints hints) {
        return MonthSegments.of(new DateRange(LocalDate.parse(from), LocalDate.parse(to), false), hints);
    }

    static Hints hints(String lastDay, String folded) {
        return new Hints(LocalDate.parse(lastDay), LocalDate.parse(folded));
    }

    static MonthSegments.Segment month(String first) {
        return new MonthSegments.Segment(Kind.MONTH, LocalDate.parse(first), LocalDate.parse(first), false);
    }

    static MonthSegments.Segment days(String from, String to, boolean subtract) {
        return new MonthSegments.Segment(Kind.DAYS, LocalDate.parse(from), LocalDate.parse(to), subtract);
    }

    static MonthSegments.Segment toDay(String day, boolean subtract) {
        LocalDate to = LocalDate.parse(day);
        return new MonthSegments.Segment(Kind.TO_DAY, to.withDayOfMonth(1), to, subtract);
    }

    static MonthSegments.Segment fromDay(String day) {
        LocalDate from = LocalDate.parse(day);
        return new MonthSegments.Segment(Kind.FROM_DAY, from, from.withDayOfMonth(from.lengthOfMonth()), false);
    }

    static MonthSegments.Segment sixDays(String to) {
        LocalDate last = LocalDate.parse(to);
        return new MonthSegments.Segment(Kind.SIX_DAYS, last.minusDays(5), last, false);
    }

    @Test
    void aFewDaysAreDays() {
        assertThat(of("2026-11-12", "2026-11-13")).containsExactly(days("2026-11-12", "2026-11-13", false));
        assertThat(of("2026-11-12", "2026-11-13", hints("2026-11-29", "2026-11-28"))).containsExactly(days("2026-11-12", "2026-11-13", false));
    }

    @Test
    void thirtyDaysInLateNovemberAreNovemberMinusItsLastDaysAndTwoDaysOfOctober() {
        assertThat(of("2026-10-30", "2026-11-28")).containsExactly(
                days("2026-10-30", "2026-10-31", false), month("2026-11-01"), days("2026-11-29", "2026-11-30", true));
    }

    @Test
    void wholeMonthsAreMonthsAndAPartAtTheStartIsSubtractedWhenSmaller() {
        assertThat(of("2026-01-03", "2026-03-31")).containsExactly(
                month("2026-01-01"), days("2026-01-01", "2026-01-02", true), month("2026-02-01"), month("2026-03-01"));
    }

    @Test
    void aRangeInsideOneMonthTakesWhicheverSideIsSmaller() {
        assertThat(of("2026-02-02", "2026-02-27")).containsExactly(
                month("2026-02-01"), days("2026-02-28", "2026-02-28", true), days("2026-02-01", "2026-02-01", true));
        assertThat(of("2026-02-10", "2026-02-20")).containsExactly(days("2026-02-10", "2026-02-20", false));
    }

    @Test
    void daysToComeCostNothingToSubtract() {
        assertThat(of("2026-10-12", "2026-11-10", hints("2026-11-10", "2026-09-30"))).containsExactly(
                month("2026-10-01"), days("2026-10-01", "2026-10-11", true), month("2026-11-01"), days("2026-11-11", "2026-11-30", true));
        assertThat(of("2026-10-12", "2026-11-10")).containsExactly(
                month("2026-10-01"), days("2026-10-01", "2026-10-11", true), days("2026-11-01", "2026-11-10", false));
    }

    @Test
    void aRangeCutInTheMiddleOfTwoFoldedMonthsIsTwoRunningTotals() {
        assertThat(of("2026-09-16", "2026-10-15", hints("2026-11-29", "2026-11-28"))).containsExactly(
                fromDay("2026-09-16"), toDay("2026-10-15", false));
    }

    @Test
    void aMonthNotFoldedToItsEndIsTheMonthMinusItsRunningTotal() {
        assertThat(of("2026-09-16", "2026-10-15", hints("2026-11-29", "2026-09-29"))).containsExactly(
                month("2026-09-01"), toDay("2026-09-15", true), days("2026-10-01", "2026-10-15", false));
    }

    @Test
    void daysAfterTheLastFoldedOneAreAddedToItsRunningTotal() {
        assertThat(of("2026-10-01", "2026-10-15", hints("2026-11-29", "2026-10-10"))).containsExactly(
                toDay("2026-10-10", false), days("2026-10-11", "2026-10-15", false));
    }

    @Test
    void sevenDaysToTodayAreTheSixDaysToYesterdayAndToday() {
        assertThat(of("2026-11-24", "2026-11-30", hints("2026-11-30", "2026-11-29"))).containsExactly(
                sixDays("2026-11-29"), days("2026-11-30", "2026-11-30", false));
        assertThat(of("2026-11-27", "2026-12-03", hints("2026-12-03", "2026-12-02"))).containsExactly(
                sixDays("2026-12-02"), days("2026-12-03", "2026-12-03", false));
    }

    @Test
    void sevenFoldedDaysAreTheSixDaysToTheLastAndTheFirst() {
        assertThat(of("2026-11-10", "2026-11-16", hints("2026-11-30", "2026-11-29"))).containsExactly(
                sixDays("2026-11-16"), days("2026-11-10", "2026-11-10", false));
    }

    @Test
    void sevenDaysTheFoldHasNotReachedOrThatEndAFoldedMonthAreNot() {
        assertThat(of("2026-11-22", "2026-11-28", hints("2026-11-30", "2026-11-26"))).containsExactly(
                month("2026-11-01"), days("2026-11-29", "2026-11-30", true), toDay("2026-11-21", true));
        assertThat(of("2026-10-25", "2026-10-31", hints("2026-11-30", "2026-11-29"))).containsExactly(fromDay("2026-10-25"));
    }

    /** The fold keeps six days' sums of recent days only: seven days before those are read as other ranges are. */
    @Test
    void sevenDaysBeforeTheSixDaysKeptAreNot() {
        Hints sumsFromThe16th = new Hints(LocalDate.parse("2026-11-30"), LocalDate.parse("2026-11-29"), LocalDate.parse("2026-11-16"));
        assertThat(of("2026-11-10", "2026-11-16", sumsFromThe16th)).containsExactly(
                sixDays("2026-11-16"), days("2026-11-10", "2026-11-10", false));
        assertThat(of("2026-11-09", "2026-11-15", sumsFromThe16th)).containsExactly(toDay("2026-11-15", false), toDay("2026-11-08", true));
        assertThat(MonthSegments.ofUnions(new DateRange(LocalDate.parse("2026-11-09"), LocalDate.parse("2026-11-15"), false),
                sumsFromThe16th)).containsExactly(days("2026-11-09", "2026-11-15", false));
    }

    /** A range of the grid below, with a site's last day and last folded day before, in or after it. */
    record Shape(DateRange range, Hints hints) {
    }

    static final LocalDate GRID_START = LocalDate.parse("2025-12-20");

    /** Ranges across a turn of the year and three months' ends, of 1 to 120 days, and of seven. */
    static List<Shape> shapes() {
        List<Shape> shapes = new ArrayList<>();
        for (int a = 0; a < 80; a += 3) {
            for (int b = a; b < 120; b += 7) {
                shapes.add(shape(a, b, (a * 31L + b * 17L) % 150, (a * 13L + b * 29L) % 150 - 20));
            }
            for (int folded = a - 1; folded <= a + 7; folded++) {
                shapes.add(shape(a, a + 6, a + 6, folded));
            }
        }
        return shapes;
    }

    /** Days {@code a} to {@code b} of the grid, whose site's last day is {@code last} and last folded day is {@code folded}. */
    static Shape shape(long a, long b, long last, long folded) {
        return new Shape(new DateRange(GRID_START.plusDays(a), GRID_START.plusDays(b), false),
                new Hints(GRID_START.plusDays(last), GRID_START.plusDays(folded)));
    }

    /** The days around the grid, from 40 days before its first to 50 after its last. */
    static List<LocalDate> daysAround() {
        return GRID_START.minusDays(40).datesUntil(GRID_START.plusDays(170)).toList();
    }

    /** How many times segments count a day: a monthly row each day of its month, a subtracted segment negatively. */
    static int timesCounted(List<MonthSegments.Segment> segments, LocalDate day) {
        int count = 0;
        for (MonthSegments.Segment s : segments) {
            boolean in = s.kind() == Kind.MONTH ? day.withDayOfMonth(1).equals(s.from()) : !day.isBefore(s.from()) && !day.isAfter(s.to());
            if (in) {
                count += s.subtract() ? -1 : 1;
            }
        }
        return count;
    }

    static int inRange(DateRange range, LocalDate day) {
        return !day.isBefore(range.from()) && !day.isAfter(range.to()) ? 1 : 0;
    }

    @Test
    void everyDayOfTheRangeIsCountedOnceWhateverTheShape() {
        for (Shape shape : shapes()) {
            List<MonthSegments.Segment> segments = MonthSegments.of(shape.range(), shape.hints());
            // A running total from a day is read by its first day alone: it must run to a month's end the fold holds.
            assertThat(segments).filteredOn(s -> s.kind() == Kind.FROM_DAY).allSatisfy(s -> {
                assertThat(s.subtract()).isFalse();
                assertThat(s.to()).isEqualTo(s.from().withDayOfMonth(s.from().lengthOfMonth())).isBeforeOrEqualTo(shape.hints().folded());
            });
            // Six days' sums are read by their last day alone: they must be six days to a day the fold holds.
            assertThat(segments).filteredOn(s -> s.kind() == Kind.SIX_DAYS).allSatisfy(s -> {
                assertThat(s.subtract()).isFalse();
                assertThat(s.from()).isEqualTo(s.to().minusDays(5));
                assertThat(s.to()).isBeforeOrEqualTo(shape.hints().folded());
            });
            for (LocalDate day : daysAround()) {
                assertThat(timesCounted(segments, day)).as(day + " in " + shape).isEqualTo(inRange(shape.range(), day));
            }
        }
    }

    @Test
    void aUnionOfAMonthFromItsFirstDayTakesTheLastFoldedTotalThenTheDaysAfter() {
        Hints hints = hints("2026-11-30", "2026-11-29");
        assertThat(MonthSegments.ofUnions(new DateRange(LocalDate.parse("2026-10-17"), LocalDate.parse("2026-11-30"), false), hints))
                .containsExactly(fromDay("2026-10-17"), toDay("2026-11-29", false), days("2026-11-30", "2026-11-30", false));
        Hints octoberUnfinished = hints("2026-11-30", "2026-10-30");
        assertThat(MonthSegments.ofUnions(new DateRange(LocalDate.parse("2026-10-17"), LocalDate.parse("2026-11-30"), false), octoberUnfinished))
                .containsExactly(days("2026-10-17", "2026-10-31", false), days("2026-11-01", "2026-11-30", false));
    }

    @Test
    void aUnionOfSevenDaysIsTheirSixDaysAndADayWhereThoseAreFewer() {
        Hints hints = hints("2026-11-30", "2026-11-29");
        assertThat(MonthSegments.ofUnions(new DateRange(LocalDate.parse("2026-11-24"), LocalDate.parse("2026-11-30"), false), hints))
                .containsExactly(sixDays("2026-11-29"), days("2026-11-30", "2026-11-30", false));
        assertThat(MonthSegments.ofUnions(new DateRange(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-07"), false), hints))
                .containsExactly(toDay("2026-11-07", false));
    }

    /**
     * For reading tops, 30 days on a month's 2nd are last month from a day, the 1st as the month's
     * running total to it where the fold holds it (its daily rows where not), and the 2nd's rows
     * (where today has events, the sums of pages by their counts take this month's row instead);
     * a few days' rows are a segment per day, those after the site's last day one segment.
     */
    @Test
    void topsReadAFoldedFirstOfTheMonthAsItsRunningTotal() {
        DateRange thirtyDays = new DateRange(LocalDate.parse("2026-11-02"), LocalDate.parse("2026-12-02"), false);
        Hints foldedFirst = hints("2026-12-02", "2026-12-01");
        List<MonthSegments.Segment> expected = List.of(fromDay("2026-11-02"), toDay("2026-12-01", false), days("2026-12-02", "2026-12-02", false));

        assertThat(MonthSegments.forTops(MonthSegments.ofUnions(thirtyDays, foldedFirst), foldedFirst)).isEqualTo(expected);
        Hints beforeTodaysFirstEvent = hints("2026-12-01", "2026-12-01");
        assertThat(MonthSegments.forTops(MonthSegments.of(thirtyDays, beforeTodaysFirstEvent), beforeTodaysFirstEvent)).isEqualTo(expected);
        Hints foldedNovember = hints("2026-12-02", "2026-11-30");
        assertThat(MonthSegments.forTops(MonthSegments.ofUnions(thirtyDays, foldedNovember), foldedNovember)).containsExactly(
                fromDay("2026-11-02"), days("2026-12-01", "2026-12-01", false), days("2026-12-02", "2026-12-02", false));
        assertThat(MonthSegments.forTops(List.of(days("2026-12-01", "2026-12-03", false)), beforeTodaysFirstEvent))
                .containsExactly(toDay("2026-12-01", false), days("2026-12-02", "2026-12-03", false));
        assertThat(MonthSegments.forTops(List.of(days("2026-12-01", "2026-12-01", true)), foldedFirst))
                .containsExactly(days("2026-12-01", "2026-12-01", true));
    }

    /** The segments for tops count every day of the range once, as those they are made of do, and take no running total the fold does not hold. */
    @Test
    void topsCountEveryDayOnce() {
        for (Shape shape : shapes()) {
            for (List<MonthSegments.Segment> planned : List.of(MonthSegments.of(shape.range(), shape.hints()),
                    MonthSegments.ofUnions(shape.range(), shape.hints()))) {
                List<MonthSegments.Segment> segments = MonthSegments.forTops(planned, shape.hints());
                assertThat(segments).filteredOn(s -> s.kind() == Kind.TO_DAY).allSatisfy(s -> {
                    assertThat(s.from().getDayOfMonth()).isEqualTo(1);
                    assertThat(s.to()).isBeforeOrEqualTo(shape.hints().folded());
                });
                for (LocalDate day : daysAround()) {
                    assertThat(timesCounted(segments, day)).as(day + " in " + shape).isEqualTo(timesCounted(planned, day));
                }
            }
        }
    }

    /**
     * Unions never subtract and never take a monthly row: every day of a range is in exactly one
     * segment, and a running total is only of a month from its first day, through a folded day, or
     * from a day to the end of a folded month, or six days to a folded day.
     */
    @Test
    void everyDayOfAUnionIsInOneSegment() {
        for (Shape shape : shapes()) {
            LocalDate folded = shape.hints().folded();
            List<MonthSegments.Segment> segments = MonthSegments.ofUnions(shape.range(), new Hints(LocalDate.parse("2026-12-31"), folded));
            assertThat(segments).allSatisfy(s -> {
                assertThat(s.subtract()).isFalse();
                assertThat(s.kind()).isNotEqualTo(Kind.MONTH);
                if (s.kind() == Kind.TO_DAY) {
                    assertThat(s.from().getDayOfMonth()).isEqualTo(1);
                    assertThat(s.to()).isBeforeOrEqualTo(folded);
                }
                if (s.kind() == Kind.FROM_DAY) {
                    assertThat(s.to()).isEqualTo(s.from().withDayOfMonth(s.from().lengthOfMonth())).isBeforeOrEqualTo(folded);
                }
                if (s.kind() == Kind.SIX_DAYS) {
                    assertThat(s.from()).isEqualTo(s.to().minusDays(5));
                    assertThat(s.to()).isBeforeOrEqualTo(folded);
                }
            });
            for (LocalDate day : daysAround()) {
                assertThat(timesCounted(segments, day)).as(day + " in " + shape).isEqualTo(inRange(shape.range(), day));
            }
        }
    }
}
