/** Visits: a visitor's events grouped by gaps under 30 minutes, kept as they grow, and their daily rollup. */
package tally.processor.session;
