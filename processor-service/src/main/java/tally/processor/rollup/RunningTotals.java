package tally.processor.rollup;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.StringJoiner;

/**
 * What a batch adds to one row of a monthly rollup, for each of its measures: the month's total
 * and its running totals by day of the month (element d - 1 holds days 1 to d; 31 of them, so a
 * shorter month's last ones repeat its total). The stats service reads any days a to b of a month
 * from one row as the difference of two elements.
 */
public final class RunningTotals {

    /** Elements per measure: the days of the longest month. */
    public static final int DAYS = 31;

    private final long[][] byMeasure;

    public RunningTotals(int measures) {
        byMeasure = new long[measures][DAYS];
    }

    /** Adds one amount per measure on a day: to that day's element and every later one. */
    public RunningTotals add(LocalDate day, long... amounts) {
        for (int measure = 0; measure < byMeasure.length; measure++) {
            long[] totals = byMeasure[measure];
            for (int i = day.getDayOfMonth() - 1; i < DAYS; i++) {
                totals[i] += amounts[measure];
            }
        }
        return this;
    }

    /**
     * Whether adding these changes nothing. A month's total can be zero when its days are not: a
     * visit that moved from the 3rd to the 5th changes the running totals of the 3rd and 4th.
     */
    public boolean isZero() {
        return Arrays.stream(byMeasure).allMatch(totals -> Arrays.stream(totals).allMatch(t -> t == 0));
    }

    /** The month's totals of one measure in the rows' order, for a bigint[] parameter. */
    public static long[] totals(Collection<RunningTotals> rows, int measure) {
        return rows.stream().mapToLong(row -> row.byMeasure[measure][DAYS - 1]).toArray();
    }

    /**
     * The running totals of one measure in the rows' order, each as an array literal ("{0,0,2,...}"),
     * for a text[] parameter that the statement casts to bigint[] row by row: an array of arrays
     * would be one two-dimensional array, which unnest flattens.
     */
    public static String[] literals(Collection<RunningTotals> rows, int measure) {
        return rows.stream().map(row -> {
            StringJoiner literal = new StringJoiner(",", "{", "}");
            for (long total : row.byMeasure[measure]) {
                literal.add(Long.toString(total));
            }
            return literal.toString();
        }).toArray(String[]::new);
    }
}
