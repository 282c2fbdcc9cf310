/** Deleting what Tally keeps of one user, on request: raw events, visits, and their part in the rollups. */
package tally.processor.privacy;
