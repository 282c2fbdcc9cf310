package tally.stats.report;

import tally.common.http.BadRequestException;
import tally.stats.sites.SiteDays;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a funnel's JSON into a {@link Funnel}, or a 400 naming the offending part:
 * {@code {"site_id", "date_range", "steps": [{"page": "/pricing"}, {"event": "signup"}], "window": "1h", "filters"}}.
 * The date range and the filters are those of /api/v2/query; filters may only be on what each
 * event carries itself (its page, name, host, device, browser, system, country).
 */
final class FunnelParser {

    static final Set<String> FIELDS = Set.of("site_id", "date_range", "steps", "window", "filters");
    static final int MIN_STEPS = 2;
    static final int MAX_STEPS = 8;
    static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
    static final Duration MAX_WINDOW = Duration.ofDays(30);
    private static final Pattern WINDOW = Pattern.compile("([1-9][0-9]{0,4})([mhd])");

    private FunnelParser() {}

    static Funnel parse(JsonNode body, Function<String, SiteDays> daysOf, Function<String, Optional<DateRange>> history) {
        if (body == null || !body.isObject()) {
            throw new BadRequestException("body", "must be a JSON object");
        }
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!FIELDS.contains(field.getKey())) {
                throw new BadRequestException(field.getKey(), "is not a funnel field; the fields are " + String.join(", ", FIELDS.stream().sorted().toList()));
            }
        }
        String siteId = ReportParser.siteId(body.get("site_id"));
        List<Funnel.Step> steps = steps(body.get("steps"));
        Duration window = window(body.get("window"));
        Optional<Filter> filter = ReportParser.filters(body.get("filters"));
        if (filter.isPresent() && filter.get().anyOn(d -> !d.inEvents())) {
            throw new BadRequestException("filters", "a funnel filters by what each event carries: event:page, event:name, "
                    + "event:hostname, event:props:<key>, visit:device, visit:browser, visit:os, visit:country");
        }
        SiteDays site = daysOf.apply(siteId);
        DateRange range = DateRanges.parse(body.get("date_range"), site, () -> history.apply(siteId));
        return new Funnel(siteId, range, steps, window, filter, site);
    }

    private static List<Funnel.Step> steps(JsonNode node) {
        if (node == null || !node.isArray() || node.size() < MIN_STEPS || node.size() > MAX_STEPS) {
            throw new BadRequestException("steps", "must be an array of " + MIN_STEPS + " to " + MAX_STEPS
                    + " steps, each {\"page\": \"/path\"} (* matches any characters) or {\"event\": \"name\"}");
        }
        List<Funnel.Step> steps = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String field = "steps[" + i + "]";
            JsonNode step = node.get(i);
            if (step == null || !step.isObject() || step.size() != 1 || !(step.has("page") || step.has("event"))) {
                throw new BadRequestException(field, "must be {\"page\": \"/path\"} or {\"event\": \"name\"}");
            }
            if (step.has("page")) {
                String page = ReportParser.string(step.get("page"), field + ".page");
                if (!page.startsWith("/") || page.length() > 2048) {
                    throw new BadRequestException(field + ".page", "must start with / and be at most 2048 characters");
                }
                steps.add(new Funnel.Step(page, null));
            } else {
                String event = ReportParser.string(step.get("event"), field + ".event");
                if (event.isEmpty() || event.length() > 64) {
                    throw new BadRequestException(field + ".event", "must be 1-64 characters");
                }
                steps.add(new Funnel.Step(null, event));
            }
        }
        return List.copyOf(steps);
    }

    private static Duration window(JsonNode node) {
        if (node == null || node.isNull()) {
            return DEFAULT_WINDOW;
        }
        Matcher m = node.isString() ? WINDOW.matcher(node.asString()) : null;
        if (m == null || !m.matches()) {
            throw new BadRequestException("window", "must be minutes, hours or days such as \"30m\", \"1h\" or \"7d\"");
        }
        long n = Long.parseLong(m.group(1));
        Duration window = switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        if (window.compareTo(MAX_WINDOW) > 0) {
            throw new BadRequestException("window", "must be at most 30 days");
        }
        return window;
    }
}
