package tally.stats.report;

import tally.common.http.BadRequestException;
import tally.stats.sites.SiteDays;
import tally.common.http.SiteIds;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a query's JSON into a {@link Report}, or a 400 that names the offending part
 * ({@code metrics[2]}, {@code date_range}, {@code order_by[0]}...) and says why. Plausible's
 * names are accepted; what Tally cannot answer yet is refused as such, never answered wrongly.
 */
final class ReportParser {

    static final Set<String> FIELDS = Set.of("site_id", "metrics", "date_range", "dimensions", "filters",
            "order_by", "include", "pagination");
    /** Rows a page may hold: Plausible's own ceiling. */
    static final int MAX_LIMIT = 10_000;

    private ReportParser() {}

    /**
     * @param today     the site's current day, for relative ranges
     * @param history   the first and last day of a site's data, for "all"
     */
    static Report parse(JsonNode body, LocalDate today, Function<String, Optional<DateRange>> history) {
        return parse(body, site -> new SiteDays(today, ZoneOffset.UTC), history);
    }

    /**
     * @param daysOf    a site's current day and time zone, for relative ranges and datetimes
     * @param history   the first and last day of a site's data, for "all"
     */
    static Report parse(JsonNode body, Function<String, SiteDays> daysOf, Function<String, Optional<DateRange>> history) {
        if (body == null || !body.isObject()) {
            throw new BadRequestException("body", "must be a JSON object");
        }
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!FIELDS.contains(field.getKey())) {
                throw new BadRequestException(field.getKey(), "is not a query field; the fields are " + String.join(", ", FIELDS.stream().sorted().toList()));
            }
        }
        String siteId = siteId(body.get("site_id"));
        List<Metric> metrics = metrics(body.get("metrics"));
        Optional<Named> grouping = dimension(body.get("dimensions"));
        Optional<Dimension> dimension = grouping.map(Named::dimension);
        String groupKey = grouping.map(Named::propKey).orElse(null);
        Optional<Filter> filter = filters(body.get("filters"));
        if (metrics.contains(Metric.CONVERSION_RATE) && dimension.orElse(null) != Dimension.NAME
                && !filter.map(f -> f.anyOn(d -> d == Dimension.NAME)).orElse(false)) {
            throw new BadRequestException("metrics", "conversion_rate needs event:name as the dimension or in the filters: "
                    + "it is the percent of the period's visitors who sent those events");
        }
        if (metrics.contains(Metric.PERCENTAGE) && dimension.isEmpty()) {
            throw new BadRequestException("metrics", "percentage needs a dimension: it is each group's percent of the visitors");
        }
        if (dimension.isPresent()) {
            visitMetricsGroupedBy(metrics, dimension.get(), groupKey);
        }
        SiteDays site = daysOf.apply(siteId);
        DateRange range = DateRanges.parse(body.get("date_range"), site, () -> history.apply(siteId));
        if (dimension.isPresent() && dimension.get().isClock()) {
            clockRange(dimension.get(), range);
        }
        Optional<Report.Comparison> comparison = comparison(body.get("include"));
        List<Report.Order> orderBy = orderBy(body.get("order_by"), metrics, dimension.map(d -> d.apiName(groupKey)));
        JsonNode pagination = body.get("pagination");
        int limit = integer(pagination, "limit", MAX_LIMIT, 1, MAX_LIMIT);
        int offset = integer(pagination, "offset", 0, 0, Integer.MAX_VALUE);
        return new Report(siteId, metrics, dimension, range, comparison, orderBy, limit, offset, filter, groupKey, site,
                totalRows(body.get("include")));
    }

    /**
     * Refuses visit metrics by what a visit has many of: event names and properties. By page, a
     * visit's bounce and duration count on the page it entered on (as in Plausible); its count and
     * page views would count it on every page it viewed, which the visits do not keep.
     */
    private static void visitMetricsGroupedBy(List<Metric> metrics, Dimension dimension, String groupKey) {
        for (Metric metric : metrics) {
            if (!metric.ofVisits() || dimension.visitName != null || dimension.isClock()) {
                continue;
            }
            if (dimension != Dimension.PAGE) {
                throw new BadRequestException("metrics", metric.apiName + " by " + dimension.apiName(groupKey)
                        + " is not supported: a visit has events of several names and properties; visit metrics are grouped "
                        + "by time, by the visit: dimensions, and (bounce_rate, visit_duration) by event:page");
            }
            if (metric == Metric.VISITS || metric == Metric.VIEWS_PER_VISIT) {
                throw new BadRequestException("metrics", metric.apiName + " by event:page is not supported: by page, bounce_rate "
                        + "and visit_duration are of the visits that entered on it, which visit:entry_page counts");
            }
        }
    }

    static String siteId(JsonNode node) {
        if (node == null || node.isNull()) {
            throw new BadRequestException("site_id", "is required");
        }
        if (!node.isString() || !SiteIds.isValid(node.asString())) {
            throw new BadRequestException("site_id", "must be 1-64 letters, digits, '.', '_' or '-'");
        }
        return node.asString();
    }

    private static List<Metric> metrics(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new BadRequestException("metrics", "must be a non-empty array of metric names");
        }
        List<Metric> metrics = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String field = "metrics[" + i + "]";
            String name = string(node.get(i), field);
            Metric metric = Metric.named(name).orElseThrow(() -> new BadRequestException(field,
                    (Metric.NOT_YET.contains(name) ? name + " is not supported yet" : "unknown metric " + name)
                            + "; the metrics are " + Metric.names()));
            if (metrics.contains(metric)) {
                throw new BadRequestException(field, name + " is asked for twice");
            }
            metrics.add(metric);
        }
        return List.copyOf(metrics);
    }

    /** The most days a query by hour or by minute may cover: they read raw events, whose cost grows with the range. */
    static final int MAX_HOUR_DAYS = 31;
    static final int MAX_MINUTE_DAYS = 1;

    /** Hours and minutes come from the raw events: a bounded range. */
    private static void clockRange(Dimension clock, DateRange range) {
        int max = clock == Dimension.TIME_HOUR ? MAX_HOUR_DAYS : MAX_MINUTE_DAYS;
        if (range.days() > max) {
            throw new BadRequestException("date_range", clock.apiName + " covers at most " + max + (max == 1 ? " day" : " days")
                    + ", this range has " + range.days());
        }
    }

    /** A dimension as a query names it: a custom property's with its key. */
    private record Named(Dimension dimension, String propKey) {
    }

    /** A custom property's key, as ingest takes them. */
    private static final java.util.regex.Pattern PROP_KEY = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private static Named named(String name, Dimension dimension, String field) {
        if (dimension != Dimension.PROP) {
            return new Named(dimension, null);
        }
        String key = name.substring(Dimension.PROP.apiName.length());
        if (!PROP_KEY.matcher(key).matches()) {
            throw new BadRequestException(field, "a property key is 1-64 letters, digits, '.', '_', ':' or '-'");
        }
        return new Named(dimension, key);
    }

    private static Optional<Named> dimension(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            throw new BadRequestException("dimensions", "must be an array of dimension names");
        }
        if (node.size() > 1) {
            throw new BadRequestException("dimensions", "more than one dimension is not supported yet");
        }
        if (node.isEmpty()) {
            return Optional.empty();
        }
        String name = string(node.get(0), "dimensions[0]");
        Dimension dimension = Dimension.named(name).orElseThrow(() -> new BadRequestException("dimensions[0]",
                Dimension.notYet(name) ? name + " is not supported yet; the dimensions are " + Dimension.names()
                        : "unknown dimension " + name + "; the dimensions are " + Dimension.names()));
        return Optional.of(named(name, dimension, "dimensions[0]"));
    }

    /** Most values one condition may list, and nesting of and/or/not: more is a mistake, not a question. */
    static final int MAX_FILTER_VALUES = 100;
    static final int MAX_FILTER_DEPTH = 8;
    /** Conditions in all: each is a parameter per segment of a page query, and PostgreSQL takes 65,535. */
    static final int MAX_FILTER_CONDITIONS = 20;

    static Optional<Filter> filters(JsonNode node) {
        if (node == null || node.isNull() || (node.isArray() && node.isEmpty())) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            throw new BadRequestException("filters", "must be an array of filters, e.g. [[\"is\", \"visit:country\", [\"CH\"]]]");
        }
        List<Filter> all = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            all.add(filter(node.get(i), "filters[" + i + "]", 1));
        }
        Filter filter = all.size() == 1 ? all.getFirst() : new Filter.And(all);
        List<Filter.Condition> conditions = conditions(filter, new ArrayList<>());
        if (conditions.size() > MAX_FILTER_CONDITIONS) {
            throw new BadRequestException("filters", "has " + conditions.size() + " conditions; at most " + MAX_FILTER_CONDITIONS);
        }
        return Optional.of(filter);
    }

    private static List<Filter.Condition> conditions(Filter filter, List<Filter.Condition> found) {
        switch (filter) {
            case Filter.Condition c -> found.add(c);
            case Filter.Not not -> conditions(not.filter(), found);
            case Filter.And and -> and.filters().forEach(f -> conditions(f, found));
            case Filter.Or or -> or.filters().forEach(f -> conditions(f, found));
        }
        return found;
    }

    private static Filter filter(JsonNode node, String field, int depth) {
        if (depth > MAX_FILTER_DEPTH) {
            throw new BadRequestException(field, "nests deeper than " + MAX_FILTER_DEPTH);
        }
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new BadRequestException(field, "must be [operator, dimension, [values]], or [\"and\" | \"or\", [filters]], or [\"not\", filter]");
        }
        String operator = string(node.get(0), field + "[0]");
        switch (operator) {
            case "and", "or" -> {
                JsonNode list = node.get(1);
                if (node.size() != 2 || list == null || !list.isArray() || list.isEmpty()) {
                    throw new BadRequestException(field, operator + " takes one non-empty array of filters");
                }
                List<Filter> filters = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    filters.add(filter(list.get(i), field + "[1][" + i + "]", depth + 1));
                }
                return operator.equals("and") ? new Filter.And(filters) : new Filter.Or(filters);
            }
            case "not" -> {
                if (node.size() != 2) {
                    throw new BadRequestException(field, "not takes one filter");
                }
                return new Filter.Not(filter(node.get(1), field + "[1]", depth + 1));
            }
            default -> {
                return condition(node, field, operator);
            }
        }
    }

    private static Filter.Condition condition(JsonNode node, String field, String operatorName) {
        Filter.Operator operator = null;
        for (Filter.Operator o : Filter.Operator.values()) {
            if (o.apiName.equals(operatorName)) {
                operator = o;
            }
        }
        if (operator == null) {
            throw new BadRequestException(field + "[0]", "unknown operator " + operatorName
                    + "; the operators are is, is_not, contains, contains_not, matches, matches_not, and, or, not");
        }
        if (node.size() != 3) {
            throw new BadRequestException(field, operatorName + " takes a dimension and an array of values");
        }
        String name = string(node.get(1), field + "[1]");
        Dimension dimension = Dimension.named(name).filter(d -> !d.isTime() && !d.isClock()).orElseThrow(() -> new BadRequestException(
                field + "[1]", "cannot filter by " + name + "; filters take "
                        + Dimension.names().replace("time:day, time:week, time:month, time:hour, time:minute, ", "")));
        JsonNode values = node.get(2);
        if (!values.isArray() || values.isEmpty() || values.size() > MAX_FILTER_VALUES) {
            throw new BadRequestException(field + "[2]", "must be an array of 1 to " + MAX_FILTER_VALUES + " values");
        }
        List<String> clauses = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String value = string(values.get(i), field + "[2][" + i + "]");
            if (value.length() > 256) {
                throw new BadRequestException(field + "[2][" + i + "]", "must be at most 256 characters");
            }
            if (operator == Filter.Operator.MATCHES || operator == Filter.Operator.MATCHES_NOT) {
                try {
                    java.util.regex.Pattern.compile(value);
                } catch (java.util.regex.PatternSyntaxException e) {
                    throw new BadRequestException(field + "[2][" + i + "]", "is not a regular expression: " + e.getDescription());
                }
            }
            clauses.add(value);
        }
        return new Filter.Condition(operator, dimension, List.copyOf(clauses), named(name, dimension, field + "[1]").propKey());
    }

    private static Optional<Report.Comparison> comparison(JsonNode include) {
        if (include == null || include.isNull()) {
            return Optional.empty();
        }
        if (!include.isObject()) {
            throw new BadRequestException("include", "must be an object");
        }
        for (Map.Entry<String, JsonNode> field : include.properties()) {
            if (!field.getKey().equals("comparisons") && !field.getKey().equals("total_rows")) {
                throw new BadRequestException("include." + field.getKey(), "is not supported; include takes comparisons and total_rows");
            }
        }
        JsonNode comparisons = include.get("comparisons");
        if (comparisons == null || comparisons.isNull()) {
            return Optional.empty();
        }
        String mode = string(comparisons.get("mode"), "include.comparisons.mode");
        for (Report.Comparison comparison : Report.Comparison.values()) {
            if (comparison.apiName.equals(mode)) {
                return Optional.of(comparison);
            }
        }
        throw new BadRequestException("include.comparisons.mode", "must be previous_period or year_over_year");
    }

    /** Whether {@code include.total_rows} asks for the count of every group (checked by {@link #comparison}). */
    private static boolean totalRows(JsonNode include) {
        JsonNode totalRows = include == null ? null : include.get("total_rows");
        if (totalRows == null || totalRows.isNull()) {
            return false;
        }
        if (!totalRows.isBoolean()) {
            throw new BadRequestException("include.total_rows", "must be true or false");
        }
        return totalRows.booleanValue();
    }

    private static List<Report.Order> orderBy(JsonNode node, List<Metric> metrics, Optional<String> dimension) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new BadRequestException("order_by", "must be an array of [metric or dimension, \"asc\" or \"desc\"]");
        }
        List<Report.Order> orders = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String field = "order_by[" + i + "]";
            JsonNode pair = node.get(i);
            if (!pair.isArray() || pair.size() != 2) {
                throw new BadRequestException(field, "must be [metric or dimension, \"asc\" or \"desc\"]");
            }
            String key = string(pair.get(0), field);
            boolean known = metrics.stream().anyMatch(m -> m.apiName.equals(key))
                    || dimension.map(d -> d.equals(key) || (d.startsWith("time") && key.equals("time"))).orElse(false);
            if (!known) {
                throw new BadRequestException(field, key + " is not among the query's metrics and dimensions");
            }
            String direction = string(pair.get(1), field);
            if (!direction.equals("asc") && !direction.equals("desc")) {
                throw new BadRequestException(field, "the direction must be asc or desc");
            }
            orders.add(new Report.Order(key.equals("time") ? dimension.orElseThrow() : key, direction.equals("desc")));
        }
        return List.copyOf(orders);
    }

    private static int integer(JsonNode parent, String name, int fallback, int min, int max) {
        if (parent == null || parent.isNull()) {
            return fallback;
        }
        if (!parent.isObject()) {
            throw new BadRequestException("pagination", "must be an object with limit and offset");
        }
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            throw new BadRequestException("pagination." + name, "must be a whole number from " + min + " to " + max);
        }
        return node.intValue();
    }

    static String string(JsonNode node, String field) {
        if (node == null || !node.isString()) {
            throw new BadRequestException(field, "must be a string");
        }
        return node.asString();
    }
}
