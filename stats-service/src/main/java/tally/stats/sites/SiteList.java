package tally.stats.sites;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;

/**
 * Every site with processed events, busiest first, read from the daily event rollup (a few
 * rows per site and day, so this stays small next to the events themselves).
 */
@Component
class SiteList {

    /** One site: how many events it has and the first and last day with any. */
    record Site(@JsonProperty("site_id") String siteId, long events,
                @JsonProperty("first_day") LocalDate firstDay, @JsonProperty("last_day") LocalDate lastDay) {
    }

    static final String SITES = """
            SELECT site_id, sum(events) AS events, min(day) AS first_day, max(day) AS last_day
            FROM rollup_daily_events
            GROUP BY site_id
            ORDER BY events DESC, site_id""";

    /** The custom property keys a site's events carried, most events first. */
    static final String PROPERTIES = """
            SELECT substr(dimension, 6) AS key, sum(events) FROM rollup_daily_dimensions
            WHERE site_id = ? AND dimension LIKE 'prop:%'
            GROUP BY dimension ORDER BY 2 DESC, 1""";

    private final JdbcClient jdbc;

    SiteList(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<String> properties(String siteId) {
        return jdbc.sql(PROPERTIES).param(siteId).query((rs, n) -> rs.getString(1)).list();
    }

    List<Site> all() {
        return jdbc.sql(SITES).query((rs, n) -> new Site(rs.getString(1), rs.getLong(2),
                rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class))).list();
    }
}
