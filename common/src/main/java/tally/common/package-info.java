/** What the three services share, and nothing one of them alone needs. */
package tally.common;
