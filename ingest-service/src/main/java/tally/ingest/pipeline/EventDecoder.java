package tally.ingest.pipeline;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Turns one JSON object into a valid {@link Event} or the first reason it is not one. Fields it
 * does not know are ignored (snippets send extras); every field it knows is checked for type,
 * length, alphabet and, for timestamps, a window around now. Defaults are the seed's:
 * {@code path} "/", {@code user_id} "anonymous", {@code timestamp} now.
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
            Event event = new Event(
                    id(node, "site_id", Limits.SITE_ID_MAX, false, true),
                    id(node, "event_type", Limits.EVENT_TYPE_MAX, true, true),
                    path(node),
                    userId(node),
                    timestamp(node),
                    id(node, "event_id", Limits.EVENT_ID_MAX, true, false),
                    plain(node, "referrer", Limits.REFERRER_MAX),
                    props(node));
            return new Decoded.Valid(event);
        } catch (Rejection r) {
            return new Decoded.Invalid(r.field, r.getMessage());
        }
    }

    private static String id(JsonNode node, String field, int max, boolean colon, boolean required) {
        String value = string(node, field);
        if (value == null) {
            if (required) {
                throw new Rejection(field, "is required");
            }
            return null;
        }
        if (value.isEmpty()) {
            throw new Rejection(field, "must not be empty");
        }
        if (value.length() > max) {
            throw new Rejection(field, "must be at most " + max + " characters, was " + value.length());
        }
        if (!Limits.isId(value, colon)) {
            throw new Rejection(field, "may contain only letters, digits and " + (colon ? "'.', '_', ':' or '-'" : "'.', '_' or '-'"));
        }
        return value;
    }

    private static String path(JsonNode node) {
        String path = plain(node, "path", Limits.PATH_MAX);
        if (path == null) {
            return "/";
        }
        if (!path.startsWith("/")) {
            throw new Rejection("path", "must start with '/'");
        }
        if (!Limits.isNormalizedPath(path)) {
            throw new Rejection("path", "must be a normalized URL path: no whitespace, no '.' or '..' segments");
        }
        return path;
    }

    private static String userId(JsonNode node) {
        String userId = plain(node, "user_id", Limits.USER_ID_MAX);
        if (userId == null) {
            return "anonymous";
        }
        if (userId.isEmpty()) {
            throw new Rejection("user_id", "must not be empty; omit it for anonymous");
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
            throw new Rejection("timestamp", "must be an ISO 8601 date-time with an offset, e.g. 2025-11-12T19:30:01Z");
        }
        if (at.isAfter(now.plus(maxSkew))) {
            throw new Rejection("timestamp", "is more than " + maxSkew.toMinutes() + " minutes in the future");
        }
        if (at.isBefore(now.minus(maxAge))) {
            throw new Rejection("timestamp", "is more than " + maxAge.toDays() + " days in the past");
        }
        return at;
    }

    private String props(JsonNode node) {
        JsonNode props = node.get("props");
        if (props == null || props.isNull()) {
            return null;
        }
        if (!props.isObject()) {
            throw new Rejection("props", "must be an object of names to strings, numbers or booleans");
        }
        if (props.size() > Limits.PROPS_MAX) {
            throw new Rejection("props", "may have at most " + Limits.PROPS_MAX + " entries, had " + props.size());
        }
        ObjectNode clean = json.createObjectNode();
        for (Map.Entry<String, JsonNode> entry : props.properties()) {
            String key = entry.getKey();
            String field = "props." + key;
            if (key.isEmpty() || key.length() > Limits.PROP_KEY_MAX || !Limits.isId(key, true)) {
                throw new Rejection("props", "names must be 1-" + Limits.PROP_KEY_MAX + " letters, digits, '.', '_', ':' or '-'");
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
                throw new Rejection(field, "must be a string, a finite number or a boolean");
            }
        }
        return json.writeValueAsString(clean);
    }

    /** A free-text field: any characters but control characters, up to {@code max}. */
    private static String plain(JsonNode node, String field, int max) {
        String value = string(node, field);
        return value == null ? null : checked(field, value, max);
    }

    private static String checked(String field, String value, int max) {
        if (value.length() > max) {
            throw new Rejection(field, "must be at most " + max + " characters, was " + value.length());
        }
        if (Limits.hasControl(value)) {
            throw new Rejection(field, "must not contain control characters");
        }
        if (Limits.hasLoneSurrogate(value)) {
            throw new Rejection(field, "must be valid Unicode text");
        }
        return value;
    }

    /** The field as a string; null when absent or JSON null; a rejection when another type. */
    private static String string(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new Rejection(field, "must be a string");
        }
        return value.stringValue();
    }

    /** Control flow for the first bad field; carries no stack trace because it is not an error. */
    private static final class Rejection extends RuntimeException {
        private final String field;

        Rejection(String field, String reason) {
            super(reason, null, false, false);
            this.field = field;
        }
    }
}
