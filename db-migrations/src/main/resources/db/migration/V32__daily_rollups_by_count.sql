-- A day's pages in the order of their page views and of their events, and its values of each
-- visit dimension in the order of their visits, for the top of a list, as V28 and V29 order the
-- running totals (tally.stats.report.TopOfSegments). A list to today (30 days, seven days) reads
-- the top of its past days from the running totals or the six days' sums, and today's from the
-- daily rows, which it sorted whole without these: 2,000 pages of the benchmark's biggest site
-- took 0.8 ms of a 30-day list's 1.4 ms of PostgreSQL time; with them the list takes 0.5 ms,
-- and a list of entry pages 0.5 ms instead of 1.05.
--
-- The counts change with every batch, so updates of these rows are no longer HOT (V18): each
-- writes an entry in every index of its table. One processor drained 500,000 queued events of
-- the benchmark's processing scenario as fast with them as without (3,250-3,600 events/s either
-- way, over two runs of each, within the machine's noise).
CREATE INDEX rollup_daily_paths_by_views ON rollup_daily_paths (site_id, day, page_views DESC);
CREATE INDEX rollup_daily_paths_by_events ON rollup_daily_paths (site_id, day, events DESC);
CREATE INDEX rollup_daily_visits_by_visits ON rollup_daily_visits (site_id, dimension, day, visits DESC);
