package tally.stats.report;

import tally.common.http.BadRequestException;
import tally.common.time.Period;
import tally.stats.sites.SiteDays;
import tools.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A checked retention question: the visitors first seen in each day, week or month of a range
 * (cohorts, by the {@link Period} they fall in), and how many of them came back in each of the
 * {@code periods} periods after.
 */
record Retention(String siteId, DateRange range, Period period, int periods, SiteDays site) {

    static final Set<String> FIELDS = Set.of("site_id", "date_range", "period", "periods");
    static final int DEFAULT_PERIODS = 8;
    static final int MAX_PERIODS = 52;

    static Retention parse(JsonNode body, Function<String, SiteDays> daysOf, Function<String, Optional<DateRange>> history) {
        if (body == null || !body.isObject()) {
            throw new BadRequestException("body", "must be a JSON object");
        }
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!FIELDS.contains(field.getKey())) {
                throw new BadRequestException(field.getKey(), "is not a retention field; the fields are "
                        + String.join(", ", FIELDS.stream().sorted().toList()));
            }
        }
        String siteId = ReportParser.siteId(body.get("site_id"));
        Period period = Period.WEEK;
        JsonNode periodNode = body.get("period");
        if (periodNode != null && !periodNode.isNull()) {
            String name = ReportParser.string(periodNode, "period");
            period = Arrays.stream(Period.values()).filter(p -> p.apiName().equals(name)).findFirst()
                    .orElseThrow(() -> new BadRequestException("period", "must be day, week or month"));
        }
        int periods = DEFAULT_PERIODS;
        JsonNode periodsNode = body.get("periods");
        if (periodsNode != null && !periodsNode.isNull()) {
            if (!periodsNode.isIntegralNumber() || !periodsNode.canConvertToInt() || periodsNode.intValue() < 1
                    || periodsNode.intValue() > MAX_PERIODS) {
                throw new BadRequestException("periods", "must be a whole number from 1 to " + MAX_PERIODS);
            }
            periods = periodsNode.intValue();
        }
        SiteDays site = daysOf.apply(siteId);
        DateRange range = DateRanges.parse(body.get("date_range"), site, () -> history.apply(siteId));
        return new Retention(siteId, range, period, periods, site);
    }
}
