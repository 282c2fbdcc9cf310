/** Calendar periods that days are grouped into, shared by the processor and the stats service. */
package tally.common.time;
