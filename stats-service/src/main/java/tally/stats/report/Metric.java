package tally.stats.report;

import java.util.Optional;
import java.util.Set;

/** What a report can count, by its name in the API. */
enum Metric {
    /** Distinct user ids (a sketch estimate past a few hundred). */
    VISITORS("visitors"),
    /** page_view events. */
    PAGEVIEWS("pageviews"),
    /** Events of every type. */
    EVENTS("events");

    /** Metrics of Plausible's API that need visits, which the rollups do not hold yet. */
    static final Set<String> NOT_YET = Set.of("visits", "views_per_visit", "bounce_rate", "visit_duration",
            "percentage", "conversion_rate", "revenue", "group_conversion_rate", "time_on_page", "scroll_depth");

    final String apiName;

    Metric(String apiName) {
        this.apiName = apiName;
    }

    static Optional<Metric> named(String name) {
        for (Metric metric : values()) {
            if (metric.apiName.equals(name)) {
                return Optional.of(metric);
            }
        }
        return Optional.empty();
    }
}
