-- Visitors per page in the running totals: the union of the month's daily sketches up to the
-- day, with its estimate. Sketches cannot be subtracted, so they serve the ranges that start on a
-- month's first day (the months a range covers whole, and the month it ends in when it starts
-- there): 30 days of ten pages by visitors are then two rows per page (the totals to yesterday
-- and today's), where daily rows were thirty, and 12 months thirteen instead of 365.
-- Kept inline, as the daily ones (V20).
ALTER TABLE rollup_month_to_day_paths ADD COLUMN users bytea, ADD COLUMN estimate bigint;
ALTER TABLE rollup_month_to_day_paths ALTER COLUMN users SET STORAGE MAIN;
ALTER TABLE rollup_month_to_day_paths SET (toast_tuple_target = 8160);

-- The totals folded so far have no sketches: every site is folded again from its first day.
DELETE FROM folded_days;
