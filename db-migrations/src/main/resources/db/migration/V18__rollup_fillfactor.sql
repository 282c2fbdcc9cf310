-- Every batch updates the same rollup rows again (today's paths, this month's, the visitors it
-- saw). An update writes a new version of the row; with no room left on the row's page it goes to
-- another page, and every index gets a new entry. On full pages a table of 8,000 monthly paths
-- grew to 3,500 pages, and 30 days of top pages read them all (64 ms where 138 pages take 6).
-- Half-empty pages keep each new version on its row's page (a HOT update: no index entry, and
-- the page prunes the old versions itself), so the tables stay near their live size and a
-- report reads the few pages its rows are on.
--
-- This applies to the pages written from now on; VACUUM FULL on a table rewrites it with them.
ALTER TABLE rollup_daily_events SET (fillfactor = 50);
ALTER TABLE rollup_daily_paths SET (fillfactor = 50);
ALTER TABLE rollup_monthly_paths SET (fillfactor = 50);
ALTER TABLE rollup_all_time_paths SET (fillfactor = 50);
ALTER TABLE rollup_daily_users SET (fillfactor = 50);
ALTER TABLE rollup_all_time_users SET (fillfactor = 50);
ALTER TABLE rollup_daily_dimensions SET (fillfactor = 50);
ALTER TABLE rollup_daily_visits SET (fillfactor = 50);
ALTER TABLE rollup_daily_revenue SET (fillfactor = 50);
ALTER TABLE rollup_retention SET (fillfactor = 50);
ALTER TABLE visitors SET (fillfactor = 50);
