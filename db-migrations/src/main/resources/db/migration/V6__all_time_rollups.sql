-- All-time rollups per site, upserted by the same batch transaction as the daily ones, so an
-- all-time report reads one row per path and one sketch instead of summing and merging one per
-- day (which grows with every day a site has existed).

CREATE TABLE rollup_all_time_paths (
    site_id    text   NOT NULL,
    path       text   NOT NULL,
    page_views bigint NOT NULL,
    events     bigint NOT NULL,
    PRIMARY KEY (site_id, path)
);
-- The top paths of a site in order: an all-time report reads ten index entries instead of
-- sorting every path the site has (thousands, scattered over as many pages).
CREATE INDEX rollup_all_time_paths_top ON rollup_all_time_paths (site_id, page_views DESC, path);

-- Distinct user_ids of a site over all its days; stored inline like the daily sketches (V5).
CREATE TABLE rollup_all_time_users (
    site_id  text   NOT NULL PRIMARY KEY,
    users    bytea  NOT NULL,
    estimate bigint NOT NULL
);
ALTER TABLE rollup_all_time_users ALTER COLUMN users SET STORAGE MAIN;
ALTER TABLE rollup_all_time_users SET (toast_tuple_target = 8160);

-- What is stored already; the user sketches are merged by V7, in Java.
INSERT INTO rollup_all_time_paths (site_id, path, page_views, events)
SELECT site_id, path, sum(page_views), sum(events) FROM rollup_daily_paths GROUP BY site_id, path;
