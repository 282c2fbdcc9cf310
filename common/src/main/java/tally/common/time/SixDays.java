package tally.common.time;

/**
 * The days of a six days' sum (rollup_six_days_paths and rollup_six_days_visits): a day and the
 * five before it. The processor folds them; the stats service reads seven days as such a sum and
 * one more day. Both must count the same days.
 */
public final class SixDays {

    public static final int DAYS = 6;

    private SixDays() {}
}
