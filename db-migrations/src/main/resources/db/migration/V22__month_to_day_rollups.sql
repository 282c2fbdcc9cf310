-- Running totals of each month, by day: a row per site, day, and path (or dimension value) holds
-- the sums of the month's days up to and including that day. Days a to b of a month are then the
-- totals to b minus those to a - 1, two rows per value wherever a range cuts the month, where the
-- daily rows of the days cut off cost a row per value and day (a range cut in the middle of two
-- months read 60,000 rows for 2,000 pages).
--
-- Batches never write them: the processor folds each finished day in once (its totals are the
-- day before's plus its daily rows, MonthToDayFold), so batches keep writing only their narrow
-- daily and monthly rows. Written by every batch, wider monthly rows of running totals cost a
-- quarter of the processor's throughput.
CREATE TABLE rollup_month_to_day_paths (
    site_id    text   NOT NULL,
    day        date   NOT NULL,
    path       text   NOT NULL,
    page_views bigint NOT NULL,
    events     bigint NOT NULL,
    PRIMARY KEY (site_id, day, path)
);

CREATE TABLE rollup_month_to_day_visits (
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

-- How far each site's running totals go: every day up to `through` was folded, and those before
-- `refold_from` still hold. A batch that changes a daily row of a folded day (a late event) sets
-- refold_from to that day in its own transaction, so a report never takes a running total that
-- misses a committed event; the next fold makes the totals again from there.
CREATE TABLE folded_days (
    site_id     text PRIMARY KEY,
    through     date NOT NULL,
    refold_from date
);
