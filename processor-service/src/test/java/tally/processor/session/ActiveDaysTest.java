package tally.processor.session;

import org.junit.jupiter.api.Test;
import tally.common.time.Period;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A visitor's days, as batches add them, without a database. */
class ActiveDaysTest {

    static final LocalDate MON = LocalDate.parse("2026-03-02");

    @Test
    void daysAreBitsFromTheFirst() {
        ActiveDays days = ActiveDays.join(null, List.of(MON.plusDays(3), MON, MON.plusDays(1)));

        assertThat(days.first()).isEqualTo(MON);
        assertThat(days.bits()).isEqualTo("1101");
        assertThat(ActiveDays.read(MON, "1101")).isEqualTo(days);
        assertThat(ActiveDays.read(null, null)).isNull();
    }

    @Test
    void anEarlierDayMovesTheFirstAndShiftsTheBits() {
        ActiveDays stored = ActiveDays.read(MON, "101");

        ActiveDays joined = ActiveDays.join(stored, List.of(MON.minusDays(2), MON.plusDays(1)));

        assertThat(joined.first()).isEqualTo(MON.minusDays(2));
        assertThat(joined.bits()).isEqualTo("10111");
    }

    @Test
    void aDayAlreadyThereChangesNothing() {
        ActiveDays stored = ActiveDays.read(MON, "101");

        assertThat(ActiveDays.join(stored, List.of(MON.plusDays(2)))).isEqualTo(stored);
    }

    @Test
    void periodsAreCountedFromTheCohortsPeriod() {
        // Sunday the 8th, Monday the 9th, and Tuesday the 31st (of March): weeks 0 and 1 and 4 after the week of the 2nd.
        ActiveDays days = ActiveDays.join(null, List.of(MON.plusDays(6), MON.plusDays(7), MON.plusDays(29)));

        assertThat(days.periods(Period.DAY)).containsExactlyInAnyOrder(new ActiveDays.Active(MON.plusDays(6), 0),
                new ActiveDays.Active(MON.plusDays(6), 1), new ActiveDays.Active(MON.plusDays(6), 23));
        assertThat(days.periods(Period.WEEK)).isEqualTo(Set.of(new ActiveDays.Active(MON, 0), new ActiveDays.Active(MON, 1),
                new ActiveDays.Active(MON, 4)));
        assertThat(days.periods(Period.MONTH)).isEqualTo(Set.of(new ActiveDays.Active(MON.withDayOfMonth(1), 0)));
    }
}
