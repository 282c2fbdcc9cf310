/**
 * POST /api/v2/query, shaped like Plausible's Stats API v2: a query is parsed and checked
 * ({@link tally.stats.report.ReportParser}), answered from the rollups ({@link tally.stats.report.RollupReader}),
 * then ordered, paged and compared ({@link tally.stats.report.ReportRunner}).
 */
package tally.stats.report;
