package tally.ingest.pipeline;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

import static tally.ingest.pipeline.Fields.checked;
import static tally.ingest.pipeline.Fields.plain;
import static tally.ingest.pipeline.Fields.string;

/**
 * Turns one JSON object into a valid {@link Event} or the first reason it is not one. Fields it
 * does not know are ignored (snippets send extras); every field it knows is checked for type,
 * length, alphabet and, for timestamps, a window around now. Defaults are the seed's:
 * {@code path} "/" (or the path of {@code url}), {@code user_id} "anonymous", {@code timestamp}
 * now. The web fields ({@code url}, {@code hostname}, UTM...) are {@link ContextDecoder}'s.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class EventDecoder {

    private final Clock clock;
    private final Duration maxAge;
    private final Duration maxSkew;
    private final JsonMapper json;

    public EventDecoder(Clock clock, Duration maxAge, Duration maxSkew, JsonMapper json) {
        this.clock = clock;
        this.maxAge = maxAge;
        this.maxSkew = maxSkew;
        this.json = json;
    }

    public Decoded decode(JsonNode node) {
        if (node == null || !node.isObject()) {
            return new Decoded.Invalid("event", "must be a JSON object");
        }
        try {
            String siteId = id(node, "site_id", Limits.SITE_ID_MAX, false, true);
            String eventType = id(node, "event_type", Limits.EVENT_TYPE_MAX, true, true);
            ContextDecoder.Page page = ContextDecoder.decode(node);
            Event event = new Event(siteId, eventType, path(node, page.urlPath()), userId(node), timestamp(node),
                    id(node, "event_id", Limits.EVENT_ID_MAX, true, false), plain(node, "referrer", Limits.REFERRER_MAX),
                    props(node), page.context());
            return new Decoded.Valid(event, page.userAgent());
        } catch (Fields.Rejection r) {
            return new Decoded.Invalid(r.field, r.getMessage());
        }
    }

    private static String id(JsonNode node, String field, int max, boolean colon, boolean required) {
        String value = string(node, field);
        if (value == null) {
            if (required) {
                throw new Fields.Rejection(field, "is required");
            }
            return null;
        }
        if (value.isEmpty()) {
            throw new Fields.Rejection(field, "must not be empty");
        }
        if (value.length() > max) {
            throw new Fields.Rejection(field, "must be at most " + max + " characters, was " + value.length());
        }
        if (!Limits.isId(value, colon)) {
            throw new Fields.Rejection(field, "may contain only letters, digits and " + (colon ? "'.', '_', ':' or '-'" : "'.', '_' or '-'"));
        }
        return value;
    }

    private static String path(JsonNode node, String urlPath) {
        String path = plain(node, "path", Limits.PATH_MAX);
        if (path == null) {
            return urlPath == null ? "/" : urlPath;
        }
        if (!path.startsWith("/")) {
            throw new Fields.Rejection("path", "must start with '/'");
        }
        if (!Limits.isNormalizedPath(path)) {
            throw new Fields.Rejection("path", "must be a normalized URL path: no whitespace, no '.' or '..' segments");
        }
        return path;
    }

    private static String userId(JsonNode node) {
        String userId = plain(node, "user_id", Limits.USER_ID_MAX);
        if (userId == null) {
            return "anonymous";
        }
        if (userId.isEmpty()) {
            throw new Fields.Rejection("user_id", "must not be empty; omit it for anonymous");
        }
        return userId;
    }

    private Instant timestamp(JsonNode node) {
        Instant now = clock.instant();
        String text = string(node, "timestamp");
        if (text == null) {
            return now;
        }
        Instant at;
        try {
            at = Timestamps.parse(text);
        } catch (DateTimeParseException e) {
            throw new Fields.Rejection("timestamp", "must be an ISO 8601 date-time with an offset, e.g. 2025-11-12T19:30:01Z");
        }
        if (at.isAfter(now.plus(maxSkew))) {
            throw new Fields.Rejection("timestamp", "is more than " + maxSkew.toMinutes() + " minutes in the future");
        }
        if (at.isBefore(now.minus(maxAge))) {
            throw new Fields.Rejection("timestamp", "is more than " + maxAge.toDays() + " days in the past");
        }
        return at;
    }

    private String props(JsonNode node) {
        JsonNode props = node.get("props");
        if (props == null || props.isNull()) {
            return null;
        }
        if (!props.isObject()) {
            throw new Fields.Rejection("props", "must be an object of names to strings, numbers or booleans");
        }
        if (props.size() > Limits.PROPS_MAX) {
            throw new Fields.Rejection("props", "may have at most " + Limits.PROPS_MAX + " entries, had " + props.size());
        }
        ObjectNode clean = json.createObjectNode();
        for (Map.Entry<String, JsonNode> entry : props.properties()) {
            String key = entry.getKey();
            String field = "props." + key;
            if (key.isEmpty() || key.length() > Limits.PROP_KEY_MAX || !Limits.isId(key, true)) {
                throw new Fields.Rejection("props", "names must be 1-" + Limits.PROP_KEY_MAX + " letters, digits, '.', '_', ':' or '-'");
            }
            JsonNode value = entry.getValue();
            if (value.isString()) {
                clean.put(key, checked(field, value.stringValue(), Limits.PROP_VALUE_MAX));
            } else if (value.isIntegralNumber() && value.canConvertToLong()) {
                clean.put(key, value.longValue());
            } else if (value.isNumber() && Double.isFinite(value.doubleValue())) {
                clean.put(key, value.doubleValue());
            } else if (value.isBoolean()) {
                clean.put(key, value.booleanValue());
            } else {
                throw new Fields.Rejection(field, "must be a string, a finite number or a boolean");
            }
        }
        return json.writeValueAsString(clean);
    }
}
