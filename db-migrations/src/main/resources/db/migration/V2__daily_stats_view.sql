-- The seed's daily_stats becomes a view over the rollups. As a table it had to be rewritten for
-- every site-day a batch touched, and its top-ten paths meant sorting every path of that day:
-- most of a batch's time. As a view it costs nothing to keep and is never behind the rollups.

DROP TABLE daily_stats;

-- The sketch's estimate, written with the sketch, so SQL (this view) can read a day's distinct
-- users without decoding a DataSketches HLL.
ALTER TABLE rollup_daily_users ADD COLUMN estimate bigint NOT NULL DEFAULT 0;

CREATE VIEW daily_stats AS
SELECT u.site_id,
       u.day AS date,
       coalesce(v.events, 0) AS total_views,
       u.estimate AS unique_users,
       coalesce(top.paths, '[]'::jsonb) AS path_stats
FROM rollup_daily_users u
LEFT JOIN rollup_daily_events v
       ON v.site_id = u.site_id AND v.day = u.day AND v.event_type = 'page_view'
LEFT JOIN LATERAL (
    SELECT jsonb_agg(jsonb_build_object('path', t.path, 'views', t.page_views)
                     ORDER BY t.page_views DESC, t.path) AS paths
    FROM (SELECT p.path, p.page_views FROM rollup_daily_paths p
          WHERE p.site_id = u.site_id AND p.day = u.day AND p.page_views > 0
          ORDER BY p.page_views DESC, p.path LIMIT 10) t
) top ON true;
