package tally.stats.report;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A query's filter, as Plausible's API writes it: a condition on one dimension's values
 * ({@code ["is", "visit:country", ["CH", "DE"]]}), or {@code and}, {@code or}, {@code not} of
 * filters. The rollups answer a filter whose conditions are all on one dimension; the raw events
 * and visits answer the others (ReportRunner picks).
 */
sealed interface Filter {

    /** The dimension of the filter's first condition: the only one when {@link #oneDimension()}. */
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

    /** Its conditions, in the order they are written. */
    default List<Condition> conditions() {
        return switch (this) {
            case Condition c -> List.of(c);
            case Not not -> not.filter().conditions();
            case And and -> and.filters().stream().flatMap(f -> f.conditions().stream()).toList();
            case Or or -> or.filters().stream().flatMap(f -> f.conditions().stream()).toList();
        };
    }

    /** Whether every condition is on the same dimension (and property key), which a rollup of that dimension can answer. */
    default boolean oneDimension() {
        Condition first = conditions().getFirst();
        return conditions().stream().allMatch(c -> c.dimension() == first.dimension() && Objects.equals(c.propKey(), first.propKey()));
    }

    /** Whether a condition is on a dimension that {@code test} holds for. */
    default boolean anyOn(Predicate<Dimension> test) {
        return conditions().stream().anyMatch(c -> test.test(c.dimension()));
    }

    /** The same filter with its conditions on {@code from} put on {@code to} instead. */
    default Filter moved(Dimension from, Dimension to) {
        return switch (this) {
            case Condition c -> c.dimension == from ? new Condition(c.operator, to, c.values, c.propKey) : c;
            case Not not -> new Not(not.filter().moved(from, to));
            case And and -> new And(and.filters().stream().map(f -> f.moved(from, to)).toList());
            case Or or -> new Or(or.filters().stream().map(f -> f.moved(from, to)).toList());
        };
    }

    /** The operators on values. */
    enum Operator {
        IS("is"), IS_NOT("is_not"), CONTAINS("contains"), CONTAINS_NOT("contains_not"), MATCHES("matches"), MATCHES_NOT("matches_not");

        final String apiName;

        Operator(String apiName) {
            this.apiName = apiName;
        }

        /** Whether the operator keeps the values that do not meet its test. */
        boolean negated() {
            return this == IS_NOT || this == CONTAINS_NOT || this == MATCHES_NOT;
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
