package tally.ingest.pipeline;

/** What one JSON object became: a valid event, or the first field that kept it out and why. */
public sealed interface Decoded {

    record Valid(Event event) implements Decoded {}

    record Invalid(String field, String reason) implements Decoded {}
}
