package tally.stats.sites;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Each site's time zone (site_settings.time_zone, UTC when unset): the processor counts events
 * on their site's local days, so reports take "today" and the bounds of their days in it; and
 * how long it keeps raw events (retention_days). Read per question (a primary-key lookup), so a
 * change applies at once. This class is thread-safe.
 */
@Component
public class SiteZones {

    static final String SETTINGS = "SELECT time_zone, retention_days FROM site_settings WHERE site_id = ?";

    private final JdbcClient jdbc;
    private final Clock clock;

    SiteZones(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The site's current day and zone, and its first whole day of raw events, from one read of its
     * settings. The processor deletes raw events older than retention_days, so the day that many
     * days ago is in part deleted and the next one whole.
     */
    public SiteDays days(String siteId) {
        return jdbc.sql(SETTINGS).param(siteId).query((rs, n) -> {
            ZoneId zone = ZoneId.of(rs.getString(1));
            LocalDate today = LocalDate.now(clock.withZone(zone));
            Integer retention = (Integer) rs.getObject(2);
            return new SiteDays(today, zone, retention == null ? LocalDate.MIN : today.minusDays(retention - 1L));
        }).optional().orElseGet(() -> new SiteDays(LocalDate.now(clock.withZone(ZoneOffset.UTC)), ZoneOffset.UTC));
    }
}
