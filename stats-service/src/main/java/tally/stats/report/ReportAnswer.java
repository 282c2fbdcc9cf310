package tally.stats.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The answer to /api/v2/query, in Plausible's shape: one result per group, its dimension values
 * and its metrics in the order asked for (numbers; revenue an object of amounts per currency),
 * with the comparison period's figures when asked for.
 */
record ReportAnswer(List<Result> results, Meta meta, Echo query) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Result(List<String> dimensions, List<Object> metrics, Comparison comparison) {
    }

    /**
     * The same group in the comparison period. {@code change} is the percent change of each
     * metric, one decimal, or null where the earlier figure is 0.
     */
    record Comparison(List<String> dimensions, List<Object> metrics, List<Double> change) {
    }

    /** {@code total_rows} counts every group, only when the query includes it (as Plausible's). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Meta(@JsonProperty("time_range") Range timeRange,
                @JsonProperty("comparison_time_range") Range comparisonTimeRange,
                @JsonProperty("total_rows") Long totalRows) {
    }

    record Range(String from, String to) {
        static Range of(DateRange range) {
            return new Range(range.from().toString(), range.to().toString());
        }
    }

    /** The query as it was understood: relative ranges resolved to days, defaults filled in. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Echo(@JsonProperty("site_id") String siteId, List<String> metrics,
                @JsonProperty("date_range") List<String> dateRange, List<String> dimensions,
                @JsonProperty("order_by") List<List<String>> orderBy, Pagination pagination, String comparison) {
    }

    record Pagination(int limit, int offset) {
    }
}
