package tally.processor.fold;

import tally.common.time.SixDays;

/**
 * The sums the fold keeps of a site's finished days, each day's made from its daily rows and a
 * neighbour's sums: a month's running totals to a day from its 1st (the day before's totals plus
 * the day's rows), and, once the month is finished, from a day to the month's end (the day
 * after's plus the day's rows), where a day's neighbour in another month adds nothing; and the six
 * days to a day (their six days' rows, no neighbour).
 */
enum RunningTotals {
    TO_DAY("rollup_month_to_day_paths", "rollup_month_to_day_visits", sameMonth("- 1"), "day = :day"),
    FROM_DAY("rollup_month_from_day_paths", "rollup_month_from_day_visits", sameMonth("+ 1"), "day = :day"),
    SIX_DAYS("rollup_six_days_paths", "rollup_six_days_visits", "false", "day BETWEEN CAST(:day AS date) - " + (SixDays.DAYS - 1) + " AND :day");

    final String pathsTable;
    final String visitsTable;
    /** SQL: the sums' rows of the neighbour of day :day, if it has one. */
    final String neighbour;
    /** SQL: the daily rows of the days added to the neighbour's sums. */
    final String days;

    RunningTotals(String pathsTable, String visitsTable, String neighbour, String days) {
        this.pathsTable = pathsTable;
        this.visitsTable = visitsTable;
        this.neighbour = neighbour;
        this.days = days;
    }

    /** SQL: the rows of day :day {@code step}, if in the same month. */
    private static String sameMonth(String step) {
        String day = "CAST(:day AS date) " + step;
        return "day = %1$s AND date_trunc('month', %1$s) = date_trunc('month', CAST(:day AS date))".formatted(day);
    }
}
