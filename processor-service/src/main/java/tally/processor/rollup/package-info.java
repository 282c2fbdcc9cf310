/** The rollups a batch updates, one class each, and the batch's aggregation in memory. */
package tally.processor.rollup;
