-- Visitors per page in the running totals: the union of the month's daily sketches up to the
-- day, with its estimate. Sketches cannot be subtracted, so they serve the days of a month from
-- its 1st: each month a range covers whole is one row per page, and the month it ends in, when
-- the range reaches back to its 1st, the totals to yesterday and today's rows. 12 months of a
-- page are thirteen rows instead of 365; 30 days on the 15th, 17 instead of 30.
-- Kept inline, as the daily ones (V20).
--
-- The totals folded so far have no sketches: they are deleted, and every site is folded again
-- from its first day. Every total has a sketch from now on (NOT NULL): a processor of the code
-- before, still running, fails to fold rather than write totals that readers would take as
-- having no visitors.
DELETE FROM folded_days;
DELETE FROM rollup_month_to_day_paths;
ALTER TABLE rollup_month_to_day_paths ADD COLUMN users bytea NOT NULL, ADD COLUMN estimate bigint NOT NULL;
ALTER TABLE rollup_month_to_day_paths ALTER COLUMN users SET STORAGE MAIN;
ALTER TABLE rollup_month_to_day_paths SET (toast_tuple_target = 8160);
