/** Tally's error contract: one exception type per status, mapped to a JSON body in one place. */
package tally.common.http;
