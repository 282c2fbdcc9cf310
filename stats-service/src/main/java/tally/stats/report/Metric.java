package tally.stats.report;

import java.util.Optional;
import java.util.Set;

/** What a report can count, by its name in the API. */
enum Metric {
    /** Distinct visitor ids (a sketch estimate past a few hundred). */
    VISITORS("visitors"),
    /** Visits: a visitor's events with gaps under 30 minutes, counted on the day they start. */
    VISITS("visits"),
    /** page_view events. */
    PAGEVIEWS("pageviews"),
    /** Page views per visit, two decimals. */
    VIEWS_PER_VISIT("views_per_visit"),
    /** Percent of visits with one page view and nothing else, rounded. */
    BOUNCE_RATE("bounce_rate"),
    /** Mean seconds from a visit's first event to its last, rounded. */
    VISIT_DURATION("visit_duration"),
    /** Events of every type. */
    EVENTS("events"),
    /** Percent of the period's visitors that sent the events of a name (two decimals): needs event:name. */
    CONVERSION_RATE("conversion_rate"),
    /** A group's share of the visitors of all groups (the same filter, no grouping), two decimals: needs a dimension. */
    PERCENTAGE("percentage"),
    /** The amounts events carried, summed per currency: {"EUR": 19.98, "USD": 5}. */
    REVENUE("revenue");

    /** Metrics of Plausible's API that Tally does not answer yet. */
    static final Set<String> NOT_YET = Set.of("group_conversion_rate",
            "time_on_page", "scroll_depth");

    final String apiName;

    Metric(String apiName) {
        this.apiName = apiName;
    }

    /** Whether the metric is a count or share of distinct visitors. */
    boolean countsVisitors() {
        return this == VISITORS || this == CONVERSION_RATE || this == PERCENTAGE;
    }

    /** Whether the metric is read from the visits rollup. */
    boolean ofVisits() {
        return this == VISITS || this == VIEWS_PER_VISIT || this == BOUNCE_RATE || this == VISIT_DURATION;
    }

    static Optional<Metric> named(String name) {
        for (Metric metric : values()) {
            if (metric.apiName.equals(name)) {
                return Optional.of(metric);
            }
        }
        return Optional.empty();
    }

    /** The names, for error messages. */
    static String names() {
        return String.join(", ", java.util.Arrays.stream(values()).map(m -> m.apiName).toList());
    }
}
