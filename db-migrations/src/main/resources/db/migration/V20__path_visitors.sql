-- Visitors per site, day and path: an HLL sketch of the visitor ids, as rollup_daily_dimensions
-- keeps per dimension value, with its estimate. Visitors per page over a range are then the
-- union of the daily sketches, as for every other dimension. Kept inline, as in V9: a report
-- reads thousands of them at a time. V21 fills them for the days processed before.
ALTER TABLE rollup_daily_paths ADD COLUMN users bytea, ADD COLUMN estimate bigint;
ALTER TABLE rollup_daily_paths ALTER COLUMN users SET STORAGE MAIN;
ALTER TABLE rollup_daily_paths SET (toast_tuple_target = 8160);
