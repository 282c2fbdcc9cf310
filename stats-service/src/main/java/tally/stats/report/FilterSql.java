package tally.stats.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link Filter} as a SQL condition, each of its conditions on a column (one column of a
 * rollup, or each dimension's column of the raw events and visits), with its values as named
 * array parameters: {@code is} is {@code = ANY}, {@code contains} a case-insensitive
 * {@code ILIKE ANY} with the value's wildcards escaped, {@code matches} a PostgreSQL regular
 * expression ({@code ~ ANY}); the {@code _not} forms and {@code not} negate, {@code and} and
 * {@code or} combine.
 */
final class FilterSql {

    /** The condition and its parameters (f0, f1...). */
    record Condition(String sql, Map<String, Object> params) {
        static final Condition NONE = new Condition("true", Map.of());
    }

    private FilterSql() {}

    /**
     * Where each condition is tested: its column, and what its test becomes before a
     * {@code _not} negates it (for a visit, "any of its events meets it").
     */
    interface Columns {
        String of(Filter.Condition condition);

        default String around(Filter.Condition condition, String test) {
            return test;
        }
    }

    /** Every condition on one column. */
    static Condition of(Filter filter, String column) {
        return of(filter, c -> column);
    }

    static Condition of(Filter filter, Columns columns) {
        Map<String, Object> params = new java.util.LinkedHashMap<>();
        return new Condition(sql(filter, columns, params), params);
    }

    private static String sql(Filter filter, Columns columns, Map<String, Object> params) {
        return switch (filter) {
            case Filter.And and -> join(and.filters(), " AND ", columns, params);
            case Filter.Or or -> join(or.filters(), " OR ", columns, params);
            case Filter.Not not -> "NOT (" + sql(not.filter(), columns, params) + ")";
            case Filter.Condition c -> condition(c, columns, params);
        };
    }

    private static String join(List<Filter> filters, String glue, Columns columns, Map<String, Object> params) {
        List<String> parts = new ArrayList<>();
        for (Filter f : filters) {
            parts.add("(" + sql(f, columns, params) + ")");
        }
        return String.join(glue, parts);
    }

    private static String condition(Filter.Condition c, Columns columns, Map<String, Object> params) {
        String column = columns.of(c);
        String name = "f" + params.size();
        String test = switch (c.operator()) {
            case IS, IS_NOT -> {
                params.put(name, c.values().toArray(String[]::new));
                yield column + " = ANY (:" + name + ")";
            }
            case CONTAINS, CONTAINS_NOT -> {
                params.put(name, c.values().stream().map(v -> "%" + escapeLike(v) + "%").toArray(String[]::new));
                yield column + " ILIKE ANY (:" + name + ")";
            }
            case MATCHES, MATCHES_NOT -> {
                params.put(name, c.values().toArray(String[]::new));
                yield column + " ~ ANY (:" + name + ")";
            }
        };
        String tested = columns.around(c, test);
        return c.operator().negated() ? "NOT (" + tested + ")" : tested;
    }

    private static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
