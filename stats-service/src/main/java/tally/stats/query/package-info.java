/** Report questions and the SQL over the rollups that answers them. */
package tally.stats.query;
