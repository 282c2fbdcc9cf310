/** The dashboard: its built assets, served with content-hash caching and precompressed, and its settings. */
package tally.stats.dashboard;
