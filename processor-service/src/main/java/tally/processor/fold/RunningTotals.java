package tally.processor.fold;

/**
 * The two kinds of running totals of a month, each day's folded from a neighbour's: to a day from
 * the month's 1st (the day before's totals plus the day's rows), and, once the month is finished,
 * from a day to the month's end (the day after's plus the day's rows). A day's neighbour in
 * another month adds nothing.
 */
enum RunningTotals {
    TO_DAY("rollup_month_to_day_paths", "rollup_month_to_day_visits", "- 1"),
    FROM_DAY("rollup_month_from_day_paths", "rollup_month_from_day_visits", "+ 1");

    final String pathsTable;
    final String visitsTable;
    /** SQL: the totals' rows of the neighbour of day :day, if it is in the same month. */
    final String neighbour;

    RunningTotals(String pathsTable, String visitsTable, String step) {
        this.pathsTable = pathsTable;
        this.visitsTable = visitsTable;
        String day = "CAST(:day AS date) " + step;
        this.neighbour = "day = %1$s AND date_trunc('month', %1$s) = date_trunc('month', CAST(:day AS date))".formatted(day);
    }
}
