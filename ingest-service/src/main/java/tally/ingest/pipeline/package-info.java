/** From JSON to a valid event, or a rejection naming the field and the reason. */
package tally.ingest.pipeline;
