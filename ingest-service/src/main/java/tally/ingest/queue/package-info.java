/** The group-commit writer that puts accepted events into events_queue. */
package tally.ingest.queue;
