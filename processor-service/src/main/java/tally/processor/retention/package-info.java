/** Data retention: deleting the raw events that sites keep for a limited time. */
package tally.processor.retention;
