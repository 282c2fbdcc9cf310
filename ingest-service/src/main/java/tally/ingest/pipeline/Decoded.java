package tally.ingest.pipeline;

/** What one JSON object became: a valid event, or the first field that kept it out and why. */
public sealed interface Decoded {

    /** A valid event, and the user agent the client sent in the body (null if none), for enrichment. */
    record Valid(Event event, String userAgent) implements Decoded {
        public Valid(Event event) {
            this(event, null);
        }
    }

    record Invalid(String field, String reason) implements Decoded {}
}
