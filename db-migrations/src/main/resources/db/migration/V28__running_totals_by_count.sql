-- The pages of a month's running totals (to a day, and from a day) in the order of their page
-- views and of their events, for the top of a list: the ten first pages of 30 days to the 15th
-- of a month are found among the first few dozen of each of its two running totals, instead of
-- by summing all 2,000 pages of both (tally.stats.report.TopOfSegments). Rows are written once
-- by the fold, never updated in place, so these cost the fold an index entry per row and no HOT
-- updates. Without the path and the other count in them (INCLUDE), they are a fifth of the size
-- (4 MB against 20 for 1.6M events of a site of 2,000 pages), and the lists took as long: a few
-- dozen heap rows per list.
CREATE INDEX rollup_month_to_day_paths_by_views ON rollup_month_to_day_paths (site_id, day, page_views DESC);
CREATE INDEX rollup_month_to_day_paths_by_events ON rollup_month_to_day_paths (site_id, day, events DESC);
CREATE INDEX rollup_month_from_day_paths_by_views ON rollup_month_from_day_paths (site_id, day, page_views DESC);
CREATE INDEX rollup_month_from_day_paths_by_events ON rollup_month_from_day_paths (site_id, day, events DESC);
