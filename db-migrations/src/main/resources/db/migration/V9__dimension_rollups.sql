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

-- The days processed before this table existed: their events had no visitor ids, so their
-- visitors were their user_ids, whose sketches rollup_daily_users already holds.
INSERT INTO rollup_daily_dimensions (site_id, day, dimension, value, page_views, events, users, estimate)
SELECT u.site_id, u.day, 'all', '', coalesce(e.page_views, 0), coalesce(e.events, 0), u.users, u.estimate
FROM rollup_daily_users u
LEFT JOIN (SELECT site_id, day, sum(events) FILTER (WHERE event_type = 'page_view') AS page_views, sum(events) AS events
           FROM rollup_daily_events GROUP BY site_id, day) e
       ON e.site_id = u.site_id AND e.day = u.day;
