-- The values of each visit dimension in a month's running totals (to a day, and from a day) in
-- the order of their visits, for the top of a list as V28 orders the pages: the ten entry pages
-- (or sources, countries...) with the most visits over 30 days to the 15th of a month are found
-- among the first few dozen of each of its two running totals (tally.stats.report.TopOfSegments).
-- Written once by the fold, never updated in place.
CREATE INDEX rollup_month_to_day_visits_by_visits ON rollup_month_to_day_visits (site_id, dimension, day, visits DESC);
CREATE INDEX rollup_month_from_day_visits_by_visits ON rollup_month_from_day_visits (site_id, dimension, day, visits DESC);
