/** Claiming batches from events_queue and the one transaction that processes each. */
package tally.processor.drain;
