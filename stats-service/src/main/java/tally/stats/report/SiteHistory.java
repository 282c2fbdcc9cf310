package tally.stats.report;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;

/**
 * A site's days with processed events, from rollup_daily_events: its first and last, which are
 * the range "all" (read at every ask, since they are an answer), and its last day as a hint for
 * {@link MonthSegments}. The hint is kept a few seconds per site: a hint behind the data costs
 * rows to read, never a wrong sum (the days it rules out are still subtracted), so a report's
 * counts, visits and comparison, and the dozen lists of a dashboard, read it once.
 */
@Component
class SiteHistory {

    static final String DAYS = "SELECT min(day), max(day) FROM rollup_daily_events WHERE site_id = :site";

    /** How long a site's last day is taken as read. */
    private static final Duration HINT_KEPT = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final Cache<String, LocalDate> lastDays = Caffeine.newBuilder().expireAfterWrite(HINT_KEPT).maximumSize(10_000).build();

    SiteHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The site's first and last day with processed events, or empty if it has none. */
    Optional<DateRange> of(String siteId) {
        return jdbc.sql(DAYS).param("site", siteId).query((rs, n) -> {
            LocalDate first = rs.getObject(1, LocalDate.class);
            return first == null ? null : new DateRange(first, rs.getObject(2, LocalDate.class), true);
        }).optional();
    }

    /**
     * The last day that holds rows as far as the month segments of a range go: the site's last day
     * with events ({@link LocalDate#MAX} for a site without any). Read only when it can change the
     * segments: when the range ends before its month does.
     */
    LocalDate lastDayHint(String siteId, DateRange range) {
        if (range.to().equals(YearMonth.from(range.to()).atEndOfMonth())) {
            return LocalDate.MAX;
        }
        return lastDays.get(siteId, site -> of(site).map(DateRange::to).orElse(LocalDate.MAX));
    }
}
