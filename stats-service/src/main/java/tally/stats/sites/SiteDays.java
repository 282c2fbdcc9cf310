package tally.stats.sites;

import java.time.LocalDate;
import java.time.ZoneId;

/** A site's current day and its time zone: what a question's dates are read in. */
public record SiteDays(LocalDate today, ZoneId zone) {
}
