/** The list of sites that have data: the dashboard's site picker. */
package tally.stats.sites;
