/** Running totals of each month by day, folded from the daily rollups once a day is finished. */
package tally.processor.fold;
