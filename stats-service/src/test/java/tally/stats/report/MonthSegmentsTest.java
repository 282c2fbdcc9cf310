package tally.stats.report;

import org.junit.jupiter.api.Test;
import tally.stats.report.MonthSegments.Hints;
import tally.stats.report.MonthSegments.Kind;

import java.time.LocalDate;
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
    void aRangeCutInTheMiddleOfTwoMonthsIsAMonthAndTwoRunningTotals() {
        assertThat(of("2026-09-16", "2026-10-15", hints("2026-11-29", "2026-11-28"))).containsExactly(
                month("2026-09-01"), toDay("2026-09-15", true), toDay("2026-10-15", false));
    }

    @Test
    void daysAfterTheLastFoldedOneAreAddedToItsRunningTotal() {
        assertThat(of("2026-10-01", "2026-10-15", hints("2026-11-29", "2026-10-10"))).containsExactly(
                toDay("2026-10-10", false), days("2026-10-11", "2026-10-15", false));
    }

    @Test
    void everyDayOfTheRangeIsCountedOnceWhateverTheShape() {
        LocalDate start = LocalDate.parse("2025-12-20");
        for (int a = 0; a < 80; a += 3) {
            for (int b = a; b < 120; b += 7) {
                LocalDate from = start.plusDays(a);
                LocalDate to = start.plusDays(b);
                LocalDate lastDay = start.plusDays((a * 31L + b * 17L) % 150); // before, in or after the range
                LocalDate folded = start.plusDays((a * 13L + b * 29L) % 150 - 20);
                for (LocalDate day = start.minusDays(40); day.isBefore(start.plusDays(170)); day = day.plusDays(1)) {
                    int count = 0;
                    for (MonthSegments.Segment s : MonthSegments.of(new DateRange(from, to, false), new Hints(lastDay, folded))) {
                        boolean in = s.kind() == Kind.MONTH ? day.withDayOfMonth(1).equals(s.from())
                                : !day.isBefore(s.from()) && !day.isAfter(s.to());
                        if (in) {
                            count += s.subtract() ? -1 : 1;
                        }
                    }
                    boolean inRange = !day.isBefore(from) && !day.isAfter(to);
                    assertThat(count).as(day + " in " + from + ".." + to).isEqualTo(inRange ? 1 : 0);
                }
            }
        }
    }

    @Test
    void aUnionOfAMonthFromItsFirstDayTakesTheLastFoldedTotalThenTheDaysAfter() {
        Hints hints = hints("2026-11-30", "2026-11-29");
        assertThat(MonthSegments.ofUnions(new DateRange(LocalDate.parse("2026-10-17"), LocalDate.parse("2026-11-30"), false), hints))
                .containsExactly(days("2026-10-17", "2026-10-31", false), toDay("2026-11-29", false),
                        days("2026-11-30", "2026-11-30", false));
    }

    /**
     * Unions never subtract and never take a monthly row: every day of a range is in exactly one
     * segment, and a running total is only of a month from its first day, through a folded day.
     */
    @Test
    void everyDayOfAUnionIsInOneSegment() {
        LocalDate start = LocalDate.parse("2025-12-20");
        for (int a = 0; a < 80; a += 3) {
            for (int b = a; b < 120; b += 7) {
                LocalDate from = start.plusDays(a);
                LocalDate to = start.plusDays(b);
                LocalDate folded = start.plusDays((a * 13L + b * 29L) % 150 - 20);
                List<MonthSegments.Segment> segments = MonthSegments.ofUnions(new DateRange(from, to, false), hints("2026-12-31", folded.toString()));
                assertThat(segments).allSatisfy(s -> {
                    assertThat(s.subtract()).isFalse();
                    assertThat(s.kind()).isNotEqualTo(Kind.MONTH);
                    if (s.kind() == Kind.TO_DAY) {
                        assertThat(s.from().getDayOfMonth()).isEqualTo(1);
                        assertThat(s.to()).isBeforeOrEqualTo(folded);
                    }
                });
                for (LocalDate day = start.minusDays(40); day.isBefore(start.plusDays(170)); day = day.plusDays(1)) {
                    LocalDate d = day;
                    long count = segments.stream().filter(s -> !d.isBefore(s.from()) && !d.isAfter(s.to())).count();
                    boolean inRange = !day.isBefore(from) && !day.isAfter(to);
                    assertThat(count).as(day + " in " + from + ".." + to).isEqualTo(inRange ? 1 : 0);
                }
            }
        }
    }
}
