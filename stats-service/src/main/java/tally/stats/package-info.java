/** The stats service: answers reports from the rollups, never from a scan of raw events. */
package tally.stats;
