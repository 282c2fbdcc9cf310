package tally.stats.report;

import tally.stats.sites.SiteDays;

import java.util.List;
import java.util.Optional;

/**
 * A checked query: everything in it is supported and consistent, so answering it cannot fail
 * for the query's sake.
 *
 * @param dimension  the grouping, if any (one at most for now)
 * @param comparison the earlier period each row is compared with, if any
 * @param filter     which events and visits to count, if not all
 * @param propKey    the key of the custom property the grouping is by, or null
 * @param site       the site's today, time zone and first day of raw events, as read for this question
 * @param totalRows  whether the answer counts every group ({@code include.total_rows}), not only the page's
 */
record Report(String siteId, List<Metric> metrics, Optional<Dimension> dimension, DateRange range,
              Optional<Comparison> comparison, List<Order> orderBy, int limit, int offset, Optional<Filter> filter,
              String propKey, SiteDays site, boolean totalRows) {

    /** The grouping dimension's name in the API ("event:props:plan" for a custom property). */
    Optional<String> dimensionName() {
        return dimension.map(d -> d.apiName(propKey));
    }

    /** Whether a metric is a count or share of distinct visitors. */
    boolean countsVisitors() {
        return metrics.stream().anyMatch(Metric::countsVisitors);
    }

    /** The period a comparison looks at. */
    enum Comparison {
        PREVIOUS_PERIOD("previous_period"),
        YEAR_OVER_YEAR("year_over_year");

        final String apiName;

        Comparison(String apiName) {
            this.apiName = apiName;
        }

        DateRange of(DateRange range) {
            return this == PREVIOUS_PERIOD ? range.previous() : range.yearBefore();
        }
    }

    /** Sort by a requested metric or by the dimension. */
    record Order(String key, boolean descending) {
    }
}
