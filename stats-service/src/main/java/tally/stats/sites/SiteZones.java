package tally.stats.sites;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Each site's time zone (site_settings.time_zone, UTC when unset): the processor counts events
 * on their site's local days, so reports take "today" and the bounds of their days in it. Read
 * per question (a primary-key lookup), so a change applies at once. This class is thread-safe.
 */
@Component
public class SiteZones {

    static final String ZONE = "SELECT time_zone FROM site_settings WHERE site_id = ?";

    private final JdbcClient jdbc;
    private final Clock clock;

    SiteZones(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public ZoneId of(String siteId) {
        return jdbc.sql(ZONE).param(siteId).query(String.class).optional().map(ZoneId::of).orElse(ZoneOffset.UTC);
    }

    /** The site's current day. */
    public LocalDate today(String siteId) {
        return LocalDate.now(clock.withZone(of(siteId)));
    }

    /** The site's current day and zone, from one read of its settings. */
    public SiteDays days(String siteId) {
        ZoneId zone = of(siteId);
        return new SiteDays(LocalDate.now(clock.withZone(zone)), zone);
    }
}
