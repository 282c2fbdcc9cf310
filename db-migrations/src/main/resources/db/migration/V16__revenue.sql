-- Revenue per site, day (the day its events were counted on), event type and currency: the sum
-- of the amounts events carried, and how many carried one. Currencies are kept apart, since
-- Tally has no exchange rates: a report gives an amount per currency. Filled from the events
-- stored before it (days whose raw events a site's retention deleted get none); the processor
-- adds each batch's from then on.
CREATE TABLE rollup_daily_revenue (
    site_id    text           NOT NULL,
    day        date           NOT NULL,
    event_type text           NOT NULL,
    currency   text           NOT NULL,
    amount     numeric(30, 6) NOT NULL,
    events     bigint         NOT NULL,
    PRIMARY KEY (site_id, day, event_type, currency)
);

INSERT INTO rollup_daily_revenue (site_id, day, event_type, currency, amount, events)
SELECT site_id, coalesce(day, (occurred_at AT TIME ZONE 'UTC')::date), event_type, revenue_currency, sum(revenue_amount), count(*)
FROM events WHERE revenue_amount IS NOT NULL AND revenue_currency IS NOT NULL
GROUP BY 1, 2, 3, 4;

-- A visit's day, for reports the rollups cannot answer (filters on several dimensions), which
-- read the visits of a range.
CREATE INDEX visits_site_day ON visits (site_id, day);
