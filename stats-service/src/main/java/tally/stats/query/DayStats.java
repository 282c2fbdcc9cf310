package tally.stats.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.LocalDate;
import java.util.List;

/**
 * The seed's get-stats answer, field for field. {@code date} is null for all-time figures.
 * {@code total_views} counts page_view events; {@code unique_users} is the number of distinct
 * user_ids among all events of the period (a sketch estimate past a few hundred, see README).
 */
public record DayStats(
        @JsonProperty("site_id") String siteId,
        @JsonInclude(JsonInclude.Include.ALWAYS) LocalDate date,
        @JsonProperty("total_views") long totalViews,
        @JsonProperty("unique_users") long uniqueUsers,
        @JsonProperty("top_paths") List<PathViews> topPaths) {

    /** One of the most viewed paths. */
    public record PathViews(String path, long views) {}
}
