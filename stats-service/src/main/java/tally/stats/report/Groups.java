package tally.stats.report;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A reader's groups, keyed by the dimension's value, and how many there are in all: more than it
 * holds when the reader kept only a {@link Top}.
 */
record Groups<T>(Map<String, T> byKey, long total) {

    /** A group's figures from its row of a grouping select. */
    interface Row<T> {
        T of(ResultSet rs) throws SQLException;
    }

    static <T> Groups<T> all(Map<String, T> byKey) {
        return new Groups<>(byKey, byKey.size());
    }

    /**
     * Runs a grouping select whose first column is the group's key; ranked by {@code column} and
     * kept to the top when asked for one that the select has a column for (the metric's name in
     * {@code columns}, else all groups are read).
     */
    static <T> Groups<T> query(JdbcClient jdbc, String sql, Map<String, ?> params, Optional<Top> top, Map<Metric, String> columns,
                               Row<T> row) {
        Optional<String> ranked = top.flatMap(t -> Optional.ofNullable(columns.get(t.metric())).map(column -> t.rank(sql, column)));
        Map<String, T> byKey = new LinkedHashMap<>();
        long[] total = {0};
        jdbc.sql(ranked.orElse(sql)).params(params).query(rs -> {
            byKey.put(rs.getString(1), row.of(rs));
            total[0] = ranked.isPresent() ? rs.getLong("total_rows") : byKey.size();
        });
        return new Groups<>(byKey, total[0]);
    }
}
