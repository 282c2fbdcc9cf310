package tally.stats.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link Filter} as a SQL condition on one column of a rollup, with its values as named
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

    static Condition of(Filter filter, String column) {
        Map<String, Object> params = new java.util.LinkedHashMap<>();
        return new Condition(sql(filter, column, params), params);
    }

    private static String sql(Filter filter, String column, Map<String, Object> params) {
        return switch (filter) {
            case Filter.And and -> join(and.filters(), " AND ", column, params);
            case Filter.Or or -> join(or.filters(), " OR ", column, params);
            case Filter.Not not -> "NOT (" + sql(not.filter(), column, params) + ")";
            case Filter.Condition c -> condition(c, column, params);
        };
    }

    private static String join(List<Filter> filters, String glue, String column, Map<String, Object> params) {
        List<String> parts = new ArrayList<>();
        for (Filter f : filters) {
            parts.add("(" + sql(f, column, params) + ")");
        }
        return String.join(glue, parts);
    }

    private static String condition(Filter.Condition c, String column, Map<String, Object> params) {
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
        boolean negated = c.operator() == Filter.Operator.IS_NOT || c.operator() == Filter.Operator.CONTAINS_NOT
                || c.operator() == Filter.Operator.MATCHES_NOT;
        return negated ? "NOT (" + test + ")" : test;
    }

    private static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
