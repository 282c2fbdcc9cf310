-- Six days' sums (V31) are kept for the last days only (tally.processor.fold.MonthToDayFold
-- SIX_DAYS_KEPT): they serve the dashboard's seven days to today, and its comparison with the
-- seven before. Kept for every day, they took about as much room as the running totals to each
-- day (75 MB for the 180,000 page rows of the benchmark's big site; 28,000 rows now).
--
-- six_days_from is the first day whose sums the fold keeps: readers take a day's sums only from
-- it to folded_through, in the same statement (tally.stats.report.MonthSegments). Every day has
-- them now, hence -infinity; the next fold of each site deletes those before its window.
ALTER TABLE folded_days ADD COLUMN six_days_from date NOT NULL DEFAULT '-infinity';
