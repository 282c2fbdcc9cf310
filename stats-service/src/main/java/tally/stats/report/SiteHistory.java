package tally.stats.report;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A site's days with processed events, from rollup_daily_events: its first and last, which are
 * the range "all" (read at every ask, since they are an answer); and the {@link MonthSegments}
 * hints: its last day, and the last day its running totals hold. The hints are kept a few
 * seconds per site: a hint behind the data costs rows to read, never a wrong sum (the days after
 * the last day are still subtracted, and a running total is read only where the fold holds in
 * the reading statement), so a report's counts, visits and comparison, and the dozen lists of a
 * dashboard, read them once.
 */
@Component
class SiteHistory {

    static final String DAYS = "SELECT min(day), max(day) FROM rollup_daily_events WHERE site_id = :site";

    static final String HINTS = """
            SELECT (SELECT max(day) FROM rollup_daily_events WHERE site_id = :site),
                   (SELECT least(through, refold_from - 1) FROM folded_days WHERE site_id = :site)""";

    /** How long a site's hints are taken as read. */
    private static final Duration HINTS_KEPT = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final Cache<String, MonthSegments.Hints> hints = Caffeine.newBuilder().expireAfterWrite(HINTS_KEPT).maximumSize(10_000).build();

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
     * The site's last day with events ({@link LocalDate#MAX} for a site without any), and the
     * last day its running totals hold ({@link LocalDate#MIN} if none do).
     */
    MonthSegments.Hints hints(String siteId) {
        return hints.get(siteId, site -> jdbc.sql(HINTS).param("site", site).query((rs, n) -> {
            LocalDate last = rs.getObject(1, LocalDate.class);
            LocalDate folded = rs.getObject(2, LocalDate.class);
            return new MonthSegments.Hints(last == null ? LocalDate.MAX : last, folded == null ? LocalDate.MIN : folded);
        }).single());
    }
}
