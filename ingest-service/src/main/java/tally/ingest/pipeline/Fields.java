package tally.ingest.pipeline;

import tools.jackson.databind.JsonNode;

/** Reading one field of an event's JSON object, with the checks every free-text field gets. */
final class Fields {

    private Fields() {}

    /** A free-text field: any characters but control characters, up to {@code max}. */
    static String plain(JsonNode node, String field, int max) {
        String value = string(node, field);
        return value == null ? null : checked(field, value, max);
    }

    static String checked(String field, String value, int max) {
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
    static String string(JsonNode node, String field) {
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
    static final class Rejection extends RuntimeException {
        final String field;

        Rejection(String field, String reason) {
            super(reason, null, false, false);
            this.field = field;
        }
    }
}
