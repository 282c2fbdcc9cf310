package tally.stats.report;

import java.util.Optional;

/** What a report can group by, by its name in the API. */
enum Dimension {
    /** The UTC day ("time" means the same: days are the rollups' finest grain). */
    TIME_DAY("time:day"),
    /** The path of the event. */
    PAGE("event:page"),
    /** The event type (page_view, signup...). */
    NAME("event:name");

    final String apiName;

    Dimension(String apiName) {
        this.apiName = apiName;
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
        return name.startsWith("visit:") || name.startsWith("event:props:") || name.equals("event:hostname")
                || name.equals("event:goal") || name.startsWith("time:");
    }
}
