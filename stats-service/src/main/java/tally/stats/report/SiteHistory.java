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
 * hints: its last day, the last day its running totals hold, and the first its six days' sums
 * are kept to. The hints are kept a few
 * seconds per site: a hint behind the data costs rows to read, never a wrong sum (the days after
 * the last day are still subtracted, and a running total is read only where the fold holds in
 * the reading statement), so a report's counts, visits and comparison, and the dozen lists of a
 * dashboard, read them once.
 */
@Component
class SiteHistory {

    /**
     * The site's first and last day with events, the last day its running totals hold, and the
     * first day its six days' sums are kept to: one read of the index's ends.
     */
    static final String DAYS = """
            SELECT (SELECT min(day) FROM rollup_daily_events WHERE site_id = :site),
                   (SELECT max(day) FROM rollup_daily_events WHERE site_id = :site),
                   folded_through(:site), (SELECT six_days_from FROM folded_days WHERE site_id = :site)""";

    /** How long a site's hints are taken as read. */
    private static final Duration HINTS_KEPT = Duration.ofSeconds(5);

    /** What one read of a site's days gives. */
    private record Days(Optional<DateRange> range, MonthSegments.Hints hints) {
    }

    private final JdbcClient jdbc;
    private final Cache<String, MonthSegments.Hints> hints = Caffeine.newBuilder().expireAfterWrite(HINTS_KEPT).maximumSize(10_000).build();

    SiteHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The site's first and last day with processed events, or empty if it has none. Read at every
     * ask; the hints read with them are kept, so a report over "all" reads the site's days once.
     */
    Optional<DateRange> of(String siteId) {
        Days days = read(siteId);
        hints.put(siteId, days.hints());
        return days.range();
    }

    /**
     * The site's last day with events ({@link LocalDate#MAX} for a site without any), the last
     * day its running totals hold ({@link LocalDate#MIN} if none do), and the first day its six
     * days' sums are kept to ({@link LocalDate#MAX} if none are).
     */
    MonthSegments.Hints hints(String siteId) {
        return hints.get(siteId, site -> read(site).hints());
    }

    private Days read(String siteId) {
        return jdbc.sql(DAYS).param("site", siteId).query((rs, n) -> {
            LocalDate first = rs.getObject(1, LocalDate.class);
            LocalDate last = rs.getObject(2, LocalDate.class);
            LocalDate folded = rs.getObject(3, LocalDate.class);
            LocalDate sixDaysFrom = rs.getObject(4, LocalDate.class);
            return new Days(first == null ? Optional.empty() : Optional.of(new DateRange(first, last, true)),
                    new MonthSegments.Hints(last == null ? LocalDate.MAX : last, folded == null ? LocalDate.MIN : folded,
                            sixDaysFrom == null ? LocalDate.MAX : sixDaysFrom));
        }).single();
    }
}
