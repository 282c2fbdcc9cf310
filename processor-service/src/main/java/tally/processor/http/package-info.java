/** The seed's process-events endpoint and its key check. */
package tally.processor.http;
