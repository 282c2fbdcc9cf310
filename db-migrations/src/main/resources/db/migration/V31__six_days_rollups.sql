-- The sums of the six days to each folded day: a row per site, day and path (or visit dimension
-- value) holds those of that day and the five before it. Seven days to today, the dashboard's
-- first range, are then the six to yesterday plus today's daily rows: two rows per value, both
-- added. From a month's running totals, seven days late in a month are the month to today less
-- its totals to the day before the first: a subtraction, whose top cannot be read from the top of
-- the month (tally.stats.report.TopOfSegments), so every page of the site was summed.
--
-- The fold writes a day's rows once, from the daily rows of its six days (MonthToDayFold), with
-- each page's visitors: the union of its six daily sketches, so that seven days' visitors of a
-- page are two sketches, not seven. Readers take them only while the fold holds that day
-- (folded_through), as they do the running totals: a late event on a day makes the six days of
-- each day after it stale, and the fold makes them again from that day.
CREATE TABLE rollup_six_days_paths (
    site_id    text   NOT NULL,
    day        date   NOT NULL,
    path       text   NOT NULL,
    page_views bigint NOT NULL,
    events     bigint NOT NULL,
    users      bytea  NOT NULL,
    estimate   bigint NOT NULL,
    PRIMARY KEY (site_id, day, path) INCLUDE (page_views, events)
);
-- In the order of their page views and of their events for the top of a list, as V28 orders the
-- running totals; written once, never updated in place, so no HOT updates are lost.
CREATE INDEX rollup_six_days_paths_by_views ON rollup_six_days_paths (site_id, day, page_views DESC);
CREATE INDEX rollup_six_days_paths_by_events ON rollup_six_days_paths (site_id, day, events DESC);
-- As the running totals (V24, V25, V27): sketches inline, vacuumed soon after a fold for index-only scans.
ALTER TABLE rollup_six_days_paths ALTER COLUMN users SET STORAGE MAIN;
ALTER TABLE rollup_six_days_paths SET (toast_tuple_target = 8160,
    autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 1000);

CREATE TABLE rollup_six_days_visits (
    site_id    text   NOT NULL,
    day        date   NOT NULL,
    dimension  text   NOT NULL,
    value      text   NOT NULL,
    visits     bigint NOT NULL,
    bounces    bigint NOT NULL,
    duration   bigint NOT NULL,
    page_views bigint NOT NULL,
    events     bigint NOT NULL,
    PRIMARY KEY (site_id, day, dimension, value)
);
-- In the order of their visits, as V29 orders the visit running totals.
CREATE INDEX rollup_six_days_visits_by_visits ON rollup_six_days_visits (site_id, dimension, day, visits DESC);

-- Every site is folded again once, from its first day, so that its folded days get these sums
-- (PostgreSQL cannot union the sketches). Until then, reports read the daily rows, as they do for
-- any day the fold does not hold. A fold saves its state with six_days_totals true (NOT NULL, no
-- default), as with from_day_totals (V27): a processor of the code before, still running during
-- an upgrade, fails to save the state of a fold that wrote no six days' sums, and its fold rolls back.
DELETE FROM folded_days;
ALTER TABLE folded_days ADD COLUMN six_days_totals boolean NOT NULL;
