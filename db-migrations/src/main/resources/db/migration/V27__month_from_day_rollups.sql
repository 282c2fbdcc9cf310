-- Running totals of each finished month, from a day to the month's end: a row per site, day and
-- path (or dimension value) holds the sums of the month's days from that day to its last. A range
-- that starts inside a month and runs past its end ("30 days" on any day but a month's last) then
-- reads one row per value for that month where it read two (the month minus its totals to the day
-- before), and one visitor sketch per page where it read a daily sketch per day (30 days to the
-- 5th of a month unioned 26 sketches per page; now three).
--
-- The fold writes them once a month is finished, all of the month's days at once, backwards from
-- its last (each day's totals are the day after's plus its daily rows). Readers take them only
-- while the fold holds the month's last day (folded_through), as they do the totals to a day.
CREATE TABLE rollup_month_from_day_paths (
    site_id    text   NOT NULL,
    day        date   NOT NULL,
    path       text   NOT NULL,
    page_views bigint NOT NULL,
    events     bigint NOT NULL,
    users      bytea  NOT NULL,
    estimate   bigint NOT NULL,
    PRIMARY KEY (site_id, day, path) INCLUDE (page_views, events)
);
-- As the totals to a day (V24, V25): sketches inline, vacuumed soon after a fold for index-only scans.
ALTER TABLE rollup_month_from_day_paths ALTER COLUMN users SET STORAGE MAIN;
ALTER TABLE rollup_month_from_day_paths SET (toast_tuple_target = 8160,
    autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 1000);

CREATE TABLE rollup_month_from_day_visits (
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

-- Every site is folded again once, from its first day, so that its finished months get these
-- totals. Until then, reports read the daily rows, as they do for any day the totals do not hold.
-- A fold saves its state with from_day_totals true (NOT NULL, no default): a processor of the
-- code before, still running during an upgrade, fails to save the state of a fold that wrote no
-- totals from a day, so its fold rolls back, rather than tell readers to take totals that are not
-- there (or stale ones it did not clear). Its batches still mark days stale, which is an update.
DELETE FROM folded_days;
ALTER TABLE folded_days ADD COLUMN from_day_totals boolean NOT NULL;
