/** The ingest service: validate events, group-commit them to events_queue, acknowledge. */
package tally.ingest;
