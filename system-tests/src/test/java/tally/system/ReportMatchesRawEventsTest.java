package tally.system;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tally.testing.Await;
import tally.testing.TestHttp;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A property test of /api/v2/query: a random data set goes through ingest and the processor, then
 * random queries (every metric, dimension and kind of date range, with and without comparisons,
 * with and without filters) are answered by the API and, by brute force, from the events as they
 * were sent: visits are formed here from each visitor's events sorted by time. Counts must be
 * equal; visitors, a sketch estimate, within three standard errors (4.8 %). Retried events (the
 * same event_id sent twice) must count once. The seed is in every failure message; set
 * -Dtally.seed to replay one.
 *
 * <p>The processor starts once everything is sent, so one batch holds it all: how visits grow
 * across batches, in any order, is VisitsTest's in the processor.
 */
class ReportMatchesRawEventsTest {

    static final long SEED = Long.getLong("tally.seed", System.nanoTime());
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    static final List<String> SITES = List.of("alpha", "beta", "gamma");
    static final int DAYS = 45;
    static final int QUERIES = 80;

    /**
     * One event as sent; day is its UTC day; browser, os and device what its user agent means;
     * source and channel what its referrer means (null source: a page of the same site).
     */
    record Sent(String site, String type, String path, String user, Instant at, LocalDate day, String hostname,
                String browser, String os, String device, String referrer, String source, String channel, Map<String, String> props,
                java.math.BigDecimal amount, String currency) {
    }

    /** A visit: a user's events with gaps under 30 minutes, counted on the (UTC) day of its first: these sites keep UTC. */
    record SentVisit(Sent first, List<Sent> events, LocalDate day, String entry, String exit) {
        long pageViews() {
            return events.stream().filter(e -> e.type().equals("page_view")).count();
        }

        boolean bounced() {
            return pageViews() == 1 && events.size() == 1;
        }

        long seconds() {
            return Duration.between(first.at(), events.getLast().at()).toSeconds();
        }
    }

    /** Referrers with the source and channel ingest makes of them; "self" is a page of the same site. */
    static final String[][] REFERRERS = {
            {null, "Direct / None", "Direct"}, {null, "Direct / None", "Direct"},
            {"https://www.google.com/", "Google", "Organic Search"},
            {"https://news.ycombinator.com/item?id=1", "Hacker News", "Organic Social"},
            {"self", null, null}, {"self", null, null}};

    /** User agents with what ua-parser makes of them (as UserAgentsTest checks): browser, os, device. */
    static final String[][] AGENTS = {
            {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Chrome", "Windows", "Desktop"},
            {"Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1", "Mobile Safari", "iOS", "Mobile"},
            {"Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36", "Chrome Mobile", "Android", "Mobile"},
            {"Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox", "Ubuntu", "Desktop"},
            {"curl/8.5.0", "curl", null, null}};
    static final List<String> HOSTS = List.of("www.example.com", "example.com", "shop.example.com");

    static Tally tally;
    static TestHttp stats;
    static final List<Sent> SENT = new ArrayList<>();
    static final List<SentVisit> VISITS = new ArrayList<>();

    @BeforeAll
    static void sendAndProcess() {
        tally = new Tally(Map.of());
        TestHttp ingest = Tally.http(tally.start(Service.INGEST));
        stats = Tally.http(tally.start(Service.STATS));

        Random random = new Random(SEED);
        Instant now = Instant.now();
        List<String> batch = new ArrayList<>();
        Map<String, Instant> lastAt = new java.util.HashMap<>();
        java.util.Set<String> taken = new java.util.HashSet<>();
        for (int i = 0; i < 6_000; i++) {
            String site = SITES.get(random.nextInt(10) < 6 ? 0 : 1 + random.nextInt(2));
            String type = random.nextInt(10) < 7 ? "page_view" : random.nextBoolean() ? "signup" : "click";
            String path = "/p" + (int) Math.floor(12 * Math.pow(random.nextDouble(), 2));
            String user = "u" + random.nextInt(site.equals("alpha") ? 400 : 60);
            Instant previous = lastAt.get(site + "/" + user);
            Instant at;
            if (previous != null && random.nextInt(3) > 0) {
                // Most events follow the user's last one by up to 40 minutes: visits of several events, some split.
                at = previous.plusSeconds(1 + random.nextInt(40 * 60));
                if (at.isAfter(now)) {
                    at = previous.minusSeconds(1 + random.nextInt(40 * 60));
                }
            } else {
                LocalDate day = TODAY.minusDays((long) Math.floor(DAYS * Math.pow(random.nextDouble(), 1.5)));
                Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
                long span = Math.max(1, Math.min(86_399, ChronoUnit.SECONDS.between(start, now)));
                at = start.plusSeconds(random.nextLong(span));
            }
            if (!taken.add(site + "/" + user + "@" + at)) {
                continue; // a visitor's events at one instant would enter a visit in no defined order
            }
            lastAt.put(site + "/" + user, at);
            LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
            String[] agent = AGENTS[random.nextInt(AGENTS.length)];
            String host = HOSTS.get(random.nextInt(HOSTS.size()));
            String[] from = REFERRERS[random.nextInt(REFERRERS.length)];
            String referrer = "self".equals(from[0]) ? "https://" + host + "/p1" : from[0];
            Map<String, String> props = random.nextInt(3) > 0 ? Map.of()
                    : type.equals("signup") ? Map.of("plan", random.nextBoolean() ? "pro" : "free", "seats", Integer.toString(1 + random.nextInt(3)))
                    : Map.of("plan", List.of("pro", "free", "team").get(random.nextInt(3)));
            // Some sign-ups pay, in one of two currencies.
            java.math.BigDecimal amount = type.equals("signup") && random.nextBoolean()
                    ? java.math.BigDecimal.valueOf(100 + random.nextInt(10_000), 2) : null;
            String currency = amount == null ? null : random.nextInt(3) == 0 ? "USD" : "EUR";
            String event = """
                    {"site_id": "%s", "event_type": "%s", "path": "%s", "user_id": "%s", "timestamp": "%s", "event_id": "e%d",
                     "hostname": "%s", "user_agent": "%s"%s, "props": {%s}%s}"""
                    .formatted(site, type, path, user, at, i, host, agent[0],
                            referrer == null ? "" : ", \"referrer\": \"" + referrer + "\"",
                            props.entrySet().stream().map(p -> "\"" + p.getKey() + "\": \"" + p.getValue() + "\"").collect(Collectors.joining(", ")),
                            amount == null ? "" : ", \"revenue\": {\"amount\": \"" + amount + "\", \"currency\": \"" + currency + "\"}");
            SENT.add(new Sent(site, type, path, user, at, day, host, agent[1], agent[2], agent[3], referrer, from[1], from[2], props,
                    amount, currency));
            batch.add(event);
            if (random.nextInt(50) == 0) {
                batch.add(event); // a client's retry: the same event_id again
            }
            if (batch.size() >= 500) {
                send(ingest, batch);
            }
        }
        send(ingest, batch);
        VISITS.addAll(visits(SENT));
        tally.start(Service.PROCESSOR);
        Await.until("every sent event to be processed", Duration.ofSeconds(60), () -> {
            JsonNode status = stats.get("/api/v1/status", "apikey", Tally.SECRET_KEY).json();
            return status.path("queue_depth").asLong() == 0 && status.path("events_stored").asLong() == SENT.size();
        });
    }

    static void send(TestHttp ingest, List<String> batch) {
        TestHttp.Reply reply = ingest.postJson("/api/v1/events", "[" + String.join(",", batch) + "]");
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        batch.clear();
    }

    @AfterAll
    static void stop() {
        tally.close();
    }

    /** Each site's users' events sorted by time, split where a gap is 30 minutes or more. */
    static List<SentVisit> visits(List<Sent> sent) {
        Map<String, List<Sent>> byUser = new TreeMap<>();
        sent.forEach(e -> byUser.computeIfAbsent(e.site() + "/" + e.user(), k -> new ArrayList<>()).add(e));
        List<SentVisit> visits = new ArrayList<>();
        for (List<Sent> events : byUser.values()) {
            events.sort(Comparator.comparing(Sent::at));
            List<Sent> run = new ArrayList<>();
            for (Sent e : events) {
                if (!run.isEmpty() && !e.at().isBefore(run.getLast().at().plus(Duration.ofMinutes(30)))) {
                    visits.add(visit(run));
                    run = new ArrayList<>();
                }
                run.add(e);
            }
            visits.add(visit(run));
        }
        return visits;
    }

    static SentVisit visit(List<Sent> events) {
        List<Sent> views = events.stream().filter(e -> e.type().equals("page_view")).toList();
        return new SentVisit(events.getFirst(), events, events.getFirst().day(),
                views.isEmpty() ? null : views.getFirst().path(), views.isEmpty() ? null : views.getLast().path());
    }

    static final List<String> EVENT_METRICS = List.of("visitors", "pageviews", "events", "revenue");
    static final List<String> VISIT_METRICS = List.of("visits", "bounce_rate", "visit_duration", "views_per_visit");
    /** The dimensions only visits have: event metrics by these count the events of the visits. */
    static final List<String> VISIT_ONLY = List.of("visit:source", "visit:channel", "visit:referrer", "visit:entry_page",
            "visit:exit_page");

    @Test
    void everyRandomQueryMatchesTheBruteForceAnswer() {
        Random random = new Random(SEED + 1);
        for (int q = 0; q < QUERIES; q++) {
            String site = random.nextInt(12) == 0 ? "nobody" : SITES.get(random.nextInt(SITES.size()));
            List<String> dimensions = List.of("", "time:day", "time:week", "time:month", "time:hour", "event:page", "event:name", "event:hostname", "visit:device",
                    "visit:browser", "visit:os", "visit:country", "visit:source", "visit:channel", "visit:referrer",
                    "visit:entry_page", "visit:exit_page", "event:props:plan");
            String dimension = dimensions.get(random.nextInt(dimensions.size()));
            boolean time = dimension.startsWith("time");
            List<String> metrics = new ArrayList<>(EVENT_METRICS);
            metrics.addAll(VISIT_METRICS);
            // A visit has events of several names and properties; by page, its bounce and duration count on the page it entered on.
            if (dimension.equals("event:name") || dimension.startsWith("event:props:")) {
                metrics.removeAll(VISIT_METRICS);
            } else if (dimension.equals("event:page")) {
                metrics.removeAll(List.of("visits", "views_per_visit"));
            }
            java.util.Collections.shuffle(metrics, random);
            metrics = metrics.subList(0, 1 + random.nextInt(Math.min(4, metrics.size())));
            String range;
            LocalDate from;
            LocalDate to;
            // Hours come from raw events, at most 31 days of them: today, 7 days, or up to 20 days.
            switch (dimension.equals("time:hour") ? List.of(0, 1, 5).get(random.nextInt(3)) : random.nextInt(6)) {
                case 0 -> { range = "\"day\""; from = TODAY; to = TODAY; }
                case 1 -> { range = "\"7d\""; from = TODAY.minusDays(6); to = TODAY; }
                case 2 -> { range = "\"30d\""; from = TODAY.minusDays(29); to = TODAY; }
                case 3 -> { range = "\"month\""; from = TODAY.withDayOfMonth(1); to = TODAY; }
                case 4 -> {
                    range = "\"all\"";
                    LocalDate first = SENT.stream().filter(e -> e.site().equals(site)).map(Sent::day)
                            .min(Comparator.naturalOrder()).orElse(TODAY);
                    from = first;
                    to = TODAY;
                }
                default -> {
                    from = TODAY.minusDays(random.nextInt(DAYS + 5));
                    to = from.plusDays(random.nextInt(20));
                    range = "[\"" + from + "\", \"" + to + "\"]";
                }
            }
            boolean compare = random.nextInt(3) == 0 && !range.equals("\"all\"");
            // Two in five queries are filtered; half of those on two dimensions, which only the raw events and visits answer.
            List<String> filterable = dimensions.subList(5, dimensions.size());
            List<RandomFilter> filters = new ArrayList<>();
            int conditions = random.nextInt(5) < 2 ? 1 + random.nextInt(2) : 0;
            for (int f = 0; f < conditions; f++) {
                boolean byGrouping = f == 0 && !dimension.isEmpty() && !time && random.nextBoolean();
                filters.add(randomFilter(byGrouping ? dimension : filterable.get(random.nextInt(filterable.size())), random));
            }
            if ((dimension.equals("event:name") || filters.stream().anyMatch(f -> f.dimension().equals("event:name"))) && random.nextBoolean()) {
                metrics.add("conversion_rate");
            }
            // Visitors of a source are sketches that may keep a visitor a late event moved: left to VisitsTest.
            if (!dimension.isEmpty() && !VISIT_ONLY.contains(dimension) && filters.stream().noneMatch(f -> VISIT_ONLY.contains(f.dimension()))
                    && random.nextBoolean()) {
                metrics.add("percentage");
            }
            // Half the lists ordered by a count are paged: the page must be the brute-force order's, cut at the same place.
            boolean paged = !dimension.isEmpty() && !time && !ESTIMATES.contains(metrics.getFirst()) && random.nextBoolean();
            int limit = 1 + random.nextInt(5);
            int offset = random.nextInt(4);
            // Without total_rows, the top pages are read from the top of the rollups' segments (TopOfSegments): half ask for it.
            boolean counted = random.nextBoolean();
            String include = compare && counted ? "{\"comparisons\": {\"mode\": \"previous_period\"}, \"total_rows\": true}"
                    : compare ? "{\"comparisons\": {\"mode\": \"previous_period\"}}" : counted ? "{\"total_rows\": true}" : null;
            String query = """
                    {"site_id": "%s", "metrics": [%s], "date_range": %s, "dimensions": [%s]%s%s%s}""".formatted(site,
                    metrics.stream().map(m -> "\"" + m + "\"").collect(Collectors.joining(", ")), range,
                    dimension.isEmpty() ? "" : "\"" + dimension + "\"",
                    include == null ? "" : ", \"include\": " + include,
                    filters.isEmpty() ? "" : ", \"filters\": [" + filters.stream().map(RandomFilter::json).collect(Collectors.joining(", ")) + "]",
                    paged ? ", \"pagination\": {\"limit\": %d, \"offset\": %d}".formatted(limit, offset) : "");
            String context = "seed " + SEED + ", query " + query;

            TestHttp.Reply reply = stats.postJson("/api/v2/query", query, "apikey", Tally.SECRET_KEY);
            assertThat(reply.status()).as(context + ": " + reply.body()).isEqualTo(200);
            JsonNode results = reply.json().get("results");

            Map<String, double[]> expected = bruteForce(site, dimension, metrics, from, to, filters);
            List<String> expectedKeys = order(expected, dimension, metrics);
            if (paged) {
                expectedKeys = expectedKeys.subList(Math.min(offset, expectedKeys.size()), Math.min(offset + limit, expectedKeys.size()));
            }
            if (counted) {
                assertThat(reply.json().at("/meta/total_rows").asLong()).as(context + ": total_rows").isEqualTo(expected.size());
            } else {
                assertThat(reply.json().at("/meta").has("total_rows")).as(context + ": total_rows not asked for").isFalse();
            }
            List<String> keys = new ArrayList<>();
            for (JsonNode row : results) {
                keys.add(dimension.isEmpty() ? "" : row.get("dimensions").get(0).asString());
            }
            if (ESTIMATES.contains(metrics.getFirst()) && !time) {
                assertThat(keys).as(context).containsExactlyInAnyOrderElementsOf(expectedKeys);
            } else {
                assertThat(keys).as(context).isEqualTo(expectedKeys);
            }
            long days = ChronoUnit.DAYS.between(from, to) + 1;
            Map<String, double[]> earlier = compare
                    ? bruteForce(site, dimension, metrics, from.minusDays(days), from.minusDays(1), filters) : Map.of();
            int revenueAt = metrics.indexOf("revenue");
            Map<String, List<Sent>> revenueGroups = revenueAt < 0 ? Map.of() : eventGroups(site, dimension, from, to, filters);
            for (JsonNode row : results) {
                String key = dimension.isEmpty() ? "" : row.get("dimensions").get(0).asString();
                matches(row.get("metrics"), expected.get(key), metrics, context + ", group " + key);
                if (revenueAt >= 0) {
                    revenueMatches(row.get("metrics").get(revenueAt), revenueGroups.getOrDefault(key, List.of()), context + ", group " + key);
                }
                if (compare) {
                    String earlierKey = dimension.equals("time:hour")
                            ? java.time.LocalDateTime.parse(key, HOUR).minusDays(days).format(HOUR)
                            : time ? bucket(dimension, LocalDate.parse(key).minusDays(days)).toString() : key;
                    matches(row.at("/comparison/metrics"), earlier.getOrDefault(earlierKey, new double[metrics.size()]),
                            metrics, context + ", comparison of " + key);
                }
            }
        }
    }

    /** The metrics that are sketch estimates, or ratios of them. */
    static final List<String> ESTIMATES = List.of("visitors", "conversion_rate", "percentage");

    /** How the API names an hour. */
    static final java.time.format.DateTimeFormatter HOUR = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** A day's week (its Monday) or month (its first day). */
    static LocalDate bucket(String dimension, LocalDate day) {
        return switch (dimension) {
            case "time:week" -> day.with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
            case "time:month" -> day.withDayOfMonth(1);
            default -> day;
        };
    }

    /** An event's value of a dimension (null: it has none). */
    static Function<Sent, String> keyOf(String dimension) {
        return switch (dimension) {
            case "time:day", "time:week", "time:month" -> e -> bucket(dimension, e.day()).toString();
            case "time:hour" -> e -> java.time.LocalDateTime.ofInstant(e.at(), ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).format(HOUR);
            case "event:page" -> Sent::path;
            case "event:name" -> Sent::type;
            case "event:hostname" -> Sent::hostname;
            case "visit:device" -> Sent::device;
            case "visit:browser" -> Sent::browser;
            case "visit:os" -> Sent::os;
            case "visit:country" -> e -> null; // every event came from this host, which has no country
            case "" -> e -> "";
            default -> e -> e.props().get(dimension.substring("event:props:".length()));
        };
    }

    /**
     * A visit's value of a dimension: its day (or the hour it started), its entry and exit pages,
     * for event:page the page it entered on, and the rest of its first event.
     */
    static Function<SentVisit, String> visitKeyOf(String dimension) {
        return switch (dimension) {
            case "time:day", "time:week", "time:month" -> v -> bucket(dimension, v.day()).toString();
            case "visit:entry_page", "event:page" -> SentVisit::entry;
            case "visit:source" -> v -> v.first().source() == null ? "Direct / None" : v.first().source();
            case "visit:channel" -> v -> v.first().source() == null ? "Direct" : v.first().channel();
            case "visit:referrer" -> v -> v.first().source() == null ? null : v.first().referrer();
            case "visit:exit_page" -> SentVisit::exit;
            case "" -> v -> "";
            default -> v -> keyOf(dimension).apply(v.first());
        };
    }

    /** The dimensions whose value is in each event only: a visit meets a condition on them if one of its events does. */
    static boolean eventOnly(String dimension) {
        return dimension.equals("event:page") || dimension.equals("event:name") || dimension.startsWith("event:props:");
    }

    /** A random filter on {@code dimension}: its JSON, the values its operator matches, and whether it keeps the others instead. */
    record RandomFilter(String json, String dimension, java.util.function.Predicate<String> match, boolean negated) {

        /** Whether an event meets it (by the event's own value, or for a dimension only visits have, its visit's). */
        boolean keeps(Sent e, SentVisit visit) {
            return VISIT_ONLY.contains(dimension) ? keeps(visitKeyOf(dimension).apply(visit)) : keeps(keyOf(dimension).apply(e));
        }

        /** Whether a visit meets it: by its own value, or for what events carry, whether one of its events matches. */
        boolean keeps(SentVisit v) {
            if (!eventOnly(dimension)) {
                return keeps(visitKeyOf(dimension).apply(v));
            }
            boolean any = v.events().stream().map(keyOf(dimension)).anyMatch(value -> value != null && match.test(value));
            return negated != any;
        }

        boolean keeps(String value) {
            return value != null && negated != match.test(value);
        }
    }

    static RandomFilter randomFilter(String dimension, Random random) {
        List<String> values = (VISIT_ONLY.contains(dimension) ? VISITS.stream().map(visitKeyOf(dimension))
                : SENT.stream().map(keyOf(dimension))).filter(java.util.Objects::nonNull).distinct().sorted().toList();
        String sample = values.isEmpty() ? "CH" : values.get(random.nextInt(values.size()));
        String operator = List.of("is", "is_not", "contains", "contains_not", "matches", "matches_not").get(random.nextInt(6));
        List<String> clauses = new ArrayList<>();
        java.util.function.Predicate<String> match;
        switch (operator) {
            case "is", "is_not" -> {
                clauses.add(sample);
                if (random.nextBoolean() && !values.isEmpty()) {
                    clauses.add(values.get(random.nextInt(values.size())));
                }
                match = clauses::contains;
            }
            case "contains", "contains_not" -> {
                int at = random.nextInt(Math.max(1, sample.length() - 1));
                String part = sample.substring(at, Math.min(sample.length(), at + 2));
                String asked = random.nextBoolean() ? part.toUpperCase(java.util.Locale.ROOT) : part;
                clauses.add(asked);
                match = v -> v.toLowerCase(java.util.Locale.ROOT).contains(asked.toLowerCase(java.util.Locale.ROOT));
            }
            default -> {
                // The values' first letters hold no regular-expression syntax, and mean the same in Java and PostgreSQL.
                String regex = "^" + sample.substring(0, Math.min(2, sample.length()));
                clauses.add(regex);
                java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(regex);
                match = v -> pattern.matcher(v).find();
            }
        }
        String json = "[\"%s\", \"%s\", [%s]]".formatted(operator, dimension,
                clauses.stream().map(c -> "\"" + c.replace("\\", "\\\\") + "\"").collect(Collectors.joining(", ")));
        return new RandomFilter(json, dimension, match, operator.endsWith("_not"));
    }

    /**
     * Each group's metrics, from the sent events (each retried event once) and their visits. Event
     * metrics group and filter events by their own values; where a dimension only visits have
     * groups or filters them, they count the events of the visits that start in the range (by
     * hour, the events of the range's hours), grouped by time by their visit's day. Visit metrics
     * group and filter visits by the values of their first event, and by whether any of their
     * events meets a condition on what events carry; by page, by the page they entered on. A group
     * either finds is a group, except that by page the pages are the events' when a metric counts events.
     */
    static Map<String, double[]> bruteForce(String site, String dimension, List<String> metrics, LocalDate from, LocalDate to,
                                            List<RandomFilter> filters) {
        Map<String, List<Sent>> events = eventGroups(site, dimension, from, to, filters);
        Map<String, List<SentVisit>> visits = new TreeMap<>();
        Function<SentVisit, String> visitKey = visitKeyOf(dimension);
        // By page, a condition on the page is one on the page a visit entered on.
        java.util.function.Predicate<SentVisit> kept = v -> filters.stream().allMatch(f -> dimension.equals("event:page")
                && f.dimension().equals("event:page") ? f.keeps(v.entry()) : f.keeps(v));
        for (SentVisit v : VISITS) {
            if (v.first().site().equals(site) && !v.day().isBefore(from) && !v.day().isAfter(to) && visitKey.apply(v) != null
                    && kept.test(v)) {
                visits.computeIfAbsent(visitKey.apply(v), k -> new ArrayList<>()).add(v);
            }
        }
        long periodVisitors = visitors(eventGroups(site, "", from, to, List.of()).getOrDefault("", List.of()));
        // Grouped by time, a conversion rate is of the bucket's visitors.
        Map<String, List<Sent>> buckets = dimension.startsWith("time") ? eventGroups(site, dimension, from, to, List.of()) : Map.of();
        long filteredVisitors = visitors(eventGroups(site, "", from, to, filters).getOrDefault("", List.of()));
        java.util.Set<String> groups = new java.util.TreeSet<>();
        if (metrics.stream().anyMatch(m -> (EVENT_METRICS.contains(m) && !m.equals("revenue")) || m.equals("conversion_rate")
                || m.equals("percentage"))) {
            groups.addAll(events.keySet());
        }
        if (metrics.contains("revenue")) {
            events.forEach((group, in) -> {
                if (!revenue(in).isEmpty()) {
                    groups.add(group);
                }
            });
        }
        // By page, the pages are those of the events when a metric counts events.
        boolean countsEvents = metrics.stream().anyMatch(m -> !VISIT_METRICS.contains(m));
        if (metrics.stream().anyMatch(VISIT_METRICS::contains) && !(dimension.equals("event:page") && countsEvents)) {
            groups.addAll(visits.keySet());
        }
        if (dimension.isEmpty()) {
            groups.add("");
        }
        Map<String, double[]> answers = new LinkedHashMap<>();
        for (String group : groups) {
            List<Sent> e = events.getOrDefault(group, List.of());
            List<SentVisit> v = visits.getOrDefault(group, List.of());
            double n = v.size();
            double[] values = new double[metrics.size()];
            for (int i = 0; i < metrics.size(); i++) {
                values[i] = switch (metrics.get(i)) {
                    case "visitors" -> visitors(e);
                    case "pageviews" -> e.stream().filter(x -> x.type().equals("page_view")).count();
                    case "events" -> e.size();
                    case "revenue" -> revenue(e).values().stream().mapToDouble(java.math.BigDecimal::doubleValue).sum();
                    case "visits" -> n;
                    case "bounce_rate" -> n == 0 ? 0 : Math.round(100 * v.stream().filter(SentVisit::bounced).count() / n);
                    case "visit_duration" -> n == 0 ? 0 : Math.round(v.stream().mapToLong(SentVisit::seconds).sum() / n);
                    case "views_per_visit" -> n == 0 ? 0 : Math.round(100 * v.stream().mapToLong(SentVisit::pageViews).sum() / n) / 100.0;
                    case "conversion_rate" -> {
                        long all = dimension.startsWith("time") ? visitors(buckets.getOrDefault(group, List.of())) : periodVisitors;
                        yield all == 0 ? 0 : Math.round(10_000.0 * visitors(e) / all) / 100.0;
                    }
                    case "percentage" -> filteredVisitors == 0 ? 0 : Math.round(10_000.0 * visitors(e) / filteredVisitors) / 100.0;
                    default -> throw new IllegalArgumentException(metrics.get(i));
                };
            }
            answers.put(group, values);
        }
        return answers;
    }

    /** The events each group of an event metric counts (see {@link #bruteForce}). */
    static Map<String, List<Sent>> eventGroups(String site, String dimension, LocalDate from, LocalDate to, List<RandomFilter> filters) {
        boolean hourly = dimension.equals("time:hour");
        boolean ofVisits = VISIT_ONLY.contains(dimension) || filters.stream().anyMatch(f -> VISIT_ONLY.contains(f.dimension()));
        Map<String, List<Sent>> groups = new TreeMap<>();
        for (SentVisit v : VISITS) {
            if (!v.first().site().equals(site)) {
                continue;
            }
            for (Sent e : v.events()) {
                LocalDate day = ofVisits && !hourly ? v.day() : e.day();
                String key = VISIT_ONLY.contains(dimension) || (ofVisits && !hourly && dimension.startsWith("time"))
                        ? visitKeyOf(dimension).apply(v) : keyOf(dimension).apply(e);
                if (!day.isBefore(from) && !day.isAfter(to) && key != null && filters.stream().allMatch(f -> f.keeps(e, v))) {
                    groups.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
                }
            }
        }
        return groups;
    }

    /** The amounts of the events that carried revenue, summed per currency. */
    static Map<String, java.math.BigDecimal> revenue(List<Sent> events) {
        Map<String, java.math.BigDecimal> sums = new TreeMap<>();
        events.stream().filter(e -> e.amount() != null).forEach(e -> sums.merge(e.currency(), e.amount(), java.math.BigDecimal::add));
        return sums;
    }

    /** Revenue as the API writes it, exactly: {"EUR": 12.5, "USD": 3}. */
    static void revenueMatches(JsonNode actual, List<Sent> events, String context) {
        Map<String, java.math.BigDecimal> answered = new TreeMap<>();
        actual.properties().forEach(p -> answered.put(p.getKey(), p.getValue().decimalValue()));
        Map<String, java.math.BigDecimal> expected = revenue(events);
        assertThat(answered.keySet()).as(context + ": revenue " + actual).isEqualTo(expected.keySet());
        expected.forEach((currency, amount) -> assertThat(answered.get(currency)).as(context + ": revenue in " + currency)
                .isEqualByComparingTo(amount));
    }

    static long visitors(List<Sent> events) {
        return events.stream().map(Sent::user).distinct().count();
    }

    /**
     * The API's order: days in time order; other groups by their first metric, most first, then
     * by name. Where that metric is visitors, an estimate, groups within its error of each other
     * may swap; the test then compares the sets and the values, not the order.
     */
    static List<String> order(Map<String, double[]> groups, String dimension, List<String> metrics) {
        Comparator<String> byName = Comparator.naturalOrder();
        Comparator<String> order = dimension.startsWith("time") || dimension.isEmpty() || ESTIMATES.contains(metrics.getFirst()) ? byName
                : Comparator.<String>comparingDouble(k -> groups.get(k)[0]).reversed().thenComparing(byName);
        return groups.keySet().stream().sorted(order).toList();
    }

    static void matches(JsonNode actual, double[] expected, List<String> metrics, String context) {
        assertThat(actual.size()).as(context).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            double value = actual.get(i).isObject()
                    ? actual.get(i).properties().stream().mapToDouble(p -> p.getValue().asDouble()).sum() : actual.get(i).asDouble();
            if (metrics.get(i).equals("revenue")) {
                assertThat(value).as(context + ": revenue " + actual.get(i)).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-6));
            } else if (metrics.get(i).equals("visitors")) {
                assertThat(Math.abs(value - expected[i])).as(context + ": visitors " + value + " for " + expected[i])
                        .isLessThanOrEqualTo(Math.max(0, Math.ceil(0.048 * expected[i])));
            } else if (metrics.get(i).equals("conversion_rate") || metrics.get(i).equals("percentage")) {
                // A ratio of two estimates, each within 4.8 %.
                assertThat(Math.abs(value - expected[i])).as(context + ": conversion_rate " + value + " for " + expected[i])
                        .isLessThanOrEqualTo(0.1 * expected[i] + 0.01);
            } else {
                assertThat(value).as(context + ": " + metrics.get(i)).isEqualTo(expected[i]);
            }
        }
    }

    @Test
    void retriedEventsWereStoredOnce() {
        long stored = tally.db.count("SELECT count(*) FROM events");
        assertThat(stored).as("seed " + SEED).isEqualTo(SENT.size());
    }
}
