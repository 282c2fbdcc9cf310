/** Counters each service instance publishes to PostgreSQL, so one status endpoint sees them all. */
package tally.common.counters;
