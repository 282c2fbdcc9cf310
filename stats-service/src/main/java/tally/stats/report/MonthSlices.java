package tally.stats.report;

import java.time.YearMonth;
import java.util.Map;

/**
 * Reads any days of a range from the monthly rollups (paths, or visits), which keep each measure's
 * running totals by day of the month: element d of {@code page_views_to_day} is the page views of
 * days 1 to d. Each month the range touches is one row per path or value, and its days a to b are
 * element b minus element a - 1 (element 0 is NULL, taken as 0). So "30d" is two rows per path
 * wherever its days fall in the months, where daily rows would be thirty.
 */
final class MonthSlices {

    /** The rows of the months the range touches, with {@link #bind}'s parameters. */
    static final String MONTHS = "month BETWEEN :first_month AND :last_month";

    private MonthSlices() {}

    /** The SQL of a measure's count over the range's days of a row's month, for a measure kept as {@code <measure>_to_day}. */
    static String days(String measure) {
        return """
                (%1$s_to_day[CASE WHEN month = :last_month THEN :last_day ELSE 31 END]
                 - coalesce(%1$s_to_day[CASE WHEN month = :first_month THEN :first_day - 1 END], 0))""".formatted(measure);
    }

    /** Binds the parameters of {@link #MONTHS} and {@link #days} for a range. */
    static Map<String, Object> bind(DateRange range, Map<String, Object> params) {
        params.put("first_month", YearMonth.from(range.from()).atDay(1));
        params.put("last_month", YearMonth.from(range.to()).atDay(1));
        params.put("first_day", range.from().getDayOfMonth());
        params.put("last_day", range.to().getDayOfMonth());
        return params;
    }
}
