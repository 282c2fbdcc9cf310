/** The seed's monitoring: queue depth, processing lag, counts accepted, rejected and processed. */
package tally.stats.status;
