package tally.stats.report;

import java.util.List;

/**
 * A query's filter, as Plausible's API writes it: a condition on one dimension's values
 * ({@code ["is", "visit:country", ["CH", "DE"]]}), or {@code and}, {@code or}, {@code not} of
 * filters. Tally answers filters from the rollups, so every condition of one query is on the
 * same dimension (ReportParser checks).
 */
sealed interface Filter {

    /** The dimension the filter is on (every condition of a query's filter is on the same one). */
    default Dimension dimension() {
        return switch (this) {
            case Condition c -> c.dimension;
            case Not not -> not.filter().dimension();
            case And and -> and.filters().getFirst().dimension();
            case Or or -> or.filters().getFirst().dimension();
        };
    }

    /** The key of the custom property the filter is on, or null when it is on another dimension. */
    default String propKey() {
        return switch (this) {
            case Condition c -> c.propKey;
            case Not not -> not.filter().propKey();
            case And and -> and.filters().getFirst().propKey();
            case Or or -> or.filters().getFirst().propKey();
        };
    }

    /** The operators on values. */
    enum Operator {
        IS("is"), IS_NOT("is_not"), CONTAINS("contains"), CONTAINS_NOT("contains_not"), MATCHES("matches"), MATCHES_NOT("matches_not");

        final String apiName;

        Operator(String apiName) {
            this.apiName = apiName;
        }
    }

    /** A condition on a dimension's values; {@code propKey} is the key of an event:props dimension, else null. */
    record Condition(Operator operator, Dimension dimension, List<String> values, String propKey) implements Filter {
    }

    record And(List<Filter> filters) implements Filter {
    }

    record Or(List<Filter> filters) implements Filter {
    }

    record Not(Filter filter) implements Filter {
    }
}
