-- Page views, events and visitors per site, UTC day and one dimension of the enriched events:
-- 'all' (value ''), 'device', 'browser', 'os', 'country' and 'hostname'. Visitors are distinct
-- visitor ids (the user_id when sent, else the ingest service's daily visitor id), kept as an
-- HLL sketch like rollup_daily_users, with its estimate. Events without a value for a dimension
-- are not counted under it.
CREATE TABLE rollup_daily_dimensions (
    site_id    text   NOT NULL,
    day        date   NOT NULL,
    dimension  text   NOT NULL,
    value      text   NOT NULL,
    page_views bigint NOT NULL DEFAULT 0,
    events     bigint NOT NULL DEFAULT 0,
    users      bytea  NOT NULL,
    estimate   bigint NOT NULL,
    PRIMARY KEY (site_id, day, dimension, value)
);
ALTER TABLE rollup_daily_dimensions ALTER COLUMN users SET STORAGE MAIN;
ALTER TABLE rollup_daily_dimensions SET (toast_tuple_target = 8160);
