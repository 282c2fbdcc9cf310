-- Page views and events per site, calendar month (its first day) and path. A report over 30
-- days or a few months then sums one row per path and month, not one per path and day; the
-- days of a month outside the range are subtracted when that is fewer rows (RollupReader).
CREATE TABLE rollup_monthly_paths (
    site_id    text   NOT NULL,
    month      date   NOT NULL,
    path       text   NOT NULL,
    page_views bigint NOT NULL,
    events     bigint NOT NULL,
    PRIMARY KEY (site_id, month, path)
);

INSERT INTO rollup_monthly_paths (site_id, month, path, page_views, events)
SELECT site_id, date_trunc('month', day)::date, path, sum(page_views), sum(events)
FROM rollup_daily_paths
GROUP BY site_id, date_trunc('month', day)::date, path;
