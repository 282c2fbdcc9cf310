/** The reporting endpoints, their parameters and the key that guards them. */
package tally.stats.http;
