-- Visits: a visitor's events with gaps under 30 minutes, kept by the processor as they grow.
-- A visit's source, referrer, campaign, host, client and country are those of its first event;
-- its entry and exit pages are its first and last page views. The processor replaces the rows
-- a batch changes (a visit grows, or two merge when a late event bridges them), so a visit is
-- keyed by its current start. day is the day it counts on (its first event's, as that event
-- was counted), kept so that its figures are taken off the day they were added to. Raw data:
-- deleted with the events by the retention sweep.
CREATE TABLE visits (
    site_id      text        NOT NULL,
    visitor_id   text        NOT NULL,
    started_at   timestamptz NOT NULL,
    ended_at     timestamptz NOT NULL,
    day          date        NOT NULL,
    page_views   integer     NOT NULL,
    events       integer     NOT NULL,
    entry_page   text,
    entry_at     timestamptz,
    exit_page    text,
    exit_at      timestamptz,
    hostname     text,
    source       text        NOT NULL,
    channel      text        NOT NULL,
    referrer     text,
    utm_source   text,
    utm_medium   text,
    utm_campaign text,
    utm_content  text,
    utm_term     text,
    device       text,
    browser      text,
    os           text,
    country      text,
    PRIMARY KEY (site_id, visitor_id, started_at)
);
-- A batch reads a visitor's visits that end near its new events: the recent few, not all.
CREATE INDEX visits_visitor_ended ON visits (site_id, visitor_id, ended_at);

-- One row per visitor, locked by a batch before it reads that visitor's visits: two processors
-- holding events of the same visitor then take turns instead of both starting a visit.
CREATE TABLE visitors (
    site_id       text        NOT NULL,
    visitor_id    text        NOT NULL,
    first_seen_at timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL,
    PRIMARY KEY (site_id, visitor_id)
);

-- Visits per site, the day they count on and one of their dimensions ('all' with value '',
-- 'source', 'channel', 'referrer', 'utm_*', 'entry_page', 'exit_page', 'hostname', 'device',
-- 'browser', 'os', 'country'), with what they add up to: bounces, seconds of duration, page
-- views and events. When a visit changes, its old figures are subtracted and its new ones added.
-- The dimensions of where visits came from (source, channel, referrer, utm_*) also keep an HLL
-- sketch of their visitors (the others' visitors are in rollup_daily_dimensions); a sketch
-- cannot subtract, so a visitor stays counted under a source that a late event took away from
-- their visit.
CREATE TABLE rollup_daily_visits (
    site_id    text   NOT NULL,
    day        date   NOT NULL,
    dimension  text   NOT NULL,
    value      text   NOT NULL,
    visits     bigint NOT NULL DEFAULT 0,
    bounces    bigint NOT NULL DEFAULT 0,
    duration   bigint NOT NULL DEFAULT 0,
    page_views bigint NOT NULL DEFAULT 0,
    events     bigint NOT NULL DEFAULT 0,
    users      bytea,
    estimate   bigint,
    PRIMARY KEY (site_id, day, dimension, value)
);
ALTER TABLE rollup_daily_visits ALTER COLUMN users SET STORAGE MAIN;
ALTER TABLE rollup_daily_visits SET (toast_tuple_target = 8160);
