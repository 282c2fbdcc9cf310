/** Distinct-user sketches: written by the processor, merged by the stats service. */
package tally.common.sketch;
