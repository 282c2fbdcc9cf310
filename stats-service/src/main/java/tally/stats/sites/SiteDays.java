package tally.stats.sites;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A site's current day and its time zone (what a question's dates are read in), and the first
 * whole day of raw events it keeps ({@link LocalDate#MIN} when it keeps them all): questions
 * answered from raw events see nothing before it.
 */
public record SiteDays(LocalDate today, ZoneId zone, LocalDate firstRawDay) {

    /** A site in a zone that keeps every raw event. */
    public SiteDays(LocalDate today, ZoneId zone) {
        this(today, zone, LocalDate.MIN);
    }
}
