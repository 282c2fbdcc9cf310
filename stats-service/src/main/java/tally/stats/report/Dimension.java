package tally.stats.report;

import java.util.Optional;

/** What a report can group by, by its name in the API. */
enum Dimension {
    /** The UTC day ("time" means the same: days are the rollups' finest grain). */
    TIME_DAY("time:day"),
    /** The path of the event. */
    PAGE("event:page"),
    /** The event type (page_view, signup...). */
    NAME("event:name"),
    /** The page's host name. */
    HOSTNAME("event:hostname", "hostname"),
    /** Mobile, Tablet or Desktop, from the user agent. */
    DEVICE("visit:device", "device"),
    BROWSER("visit:browser", "browser"),
    OS("visit:os", "os"),
    /** ISO 3166-1 alpha-2. */
    COUNTRY("visit:country", "country");

    final String apiName;
    /** Its name in rollup_daily_dimensions, for the dimensions kept there; null for the others. */
    final String rollupName;

    Dimension(String apiName) {
        this(apiName, null);
    }

    Dimension(String apiName, String rollupName) {
        this.apiName = apiName;
        this.rollupName = rollupName;
    }

    /** Whether visitors can be counted per value: per day, and per enriched dimension. */
    boolean countsVisitors() {
        return this == TIME_DAY || rollupName != null;
    }

    static Optional<Dimension> named(String name) {
        if (name.equals("time")) {
            return Optional.of(TIME_DAY);
        }
        for (Dimension dimension : values()) {
            if (dimension.apiName.equals(name)) {
                return Optional.of(dimension);
            }
        }
        return Optional.empty();
    }

    /** Whether a name is one of Plausible's dimensions that Tally does not group by yet. */
    static boolean notYet(String name) {
        return name.startsWith("visit:") || name.startsWith("event:props:") || name.equals("event:goal") || name.startsWith("time:");
    }

    /** The names, for error messages. */
    static String names() {
        return String.join(", ", java.util.Arrays.stream(values()).map(d -> d.apiName).toList());
    }
}
