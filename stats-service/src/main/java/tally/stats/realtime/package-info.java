/** Realtime: visitors of the last five minutes, and a live stream of processed events (Server-Sent Events). */
package tally.stats.realtime;
