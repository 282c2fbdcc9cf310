-- Visit figures per site, calendar month (its first day), dimension and value: what
-- rollup_daily_visits holds, summed by month, without visitor sketches. The top entry pages of
-- 30 days then sum a row per page and month, not one per page and day (RollupReader and
-- VisitReader read whole months, or a month minus the days outside the range, MonthSegments).
CREATE TABLE rollup_monthly_visits (
    site_id    text   NOT NULL,
    month      date   NOT NULL,
    dimension  text   NOT NULL,
    value      text   NOT NULL,
    visits     bigint NOT NULL,
    bounces    bigint NOT NULL,
    duration   bigint NOT NULL,
    page_views bigint NOT NULL,
    events     bigint NOT NULL,
    PRIMARY KEY (site_id, month, dimension, value)
) WITH (fillfactor = 50); -- updated by every batch, like the rollups in V18

INSERT INTO rollup_monthly_visits (site_id, month, dimension, value, visits, bounces, duration, page_views, events)
SELECT site_id, date_trunc('month', day)::date, dimension, value, sum(visits), sum(bounces), sum(duration), sum(page_views), sum(events)
FROM rollup_daily_visits
GROUP BY 1, 2, 3, 4;
