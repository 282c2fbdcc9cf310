/** Exports: raw events of a range, streamed as CSV or NDJSON. */
package tally.stats.export;
