-- What web analytics needs to know about each event, filled in by the ingest service's
-- enrichment (the page's host and title, the campaign, where the visitor came from, their
-- browser, system, device class, country and language, revenue, and a visitor id) and carried
-- from the queue to events as it is. Every column may be null: events from servers have none
-- of it. The client's IP address is never stored.
ALTER TABLE events_queue
    ADD COLUMN hostname         text,
    ADD COLUMN title            text,
    ADD COLUMN source           text,
    ADD COLUMN channel          text,
    ADD COLUMN utm_source       text,
    ADD COLUMN utm_medium       text,
    ADD COLUMN utm_campaign     text,
    ADD COLUMN utm_content      text,
    ADD COLUMN utm_term         text,
    ADD COLUMN browser          text,
    ADD COLUMN os               text,
    ADD COLUMN device           text,
    ADD COLUMN country          text,
    ADD COLUMN language         text,
    ADD COLUMN screen_width     integer,
    ADD COLUMN revenue_amount   numeric(20, 6),
    ADD COLUMN revenue_currency text,
    ADD COLUMN visitor_id       text;

ALTER TABLE events
    ADD COLUMN hostname         text,
    ADD COLUMN title            text,
    ADD COLUMN source           text,
    ADD COLUMN channel          text,
    ADD COLUMN utm_source       text,
    ADD COLUMN utm_medium       text,
    ADD COLUMN utm_campaign     text,
    ADD COLUMN utm_content      text,
    ADD COLUMN utm_term         text,
    ADD COLUMN browser          text,
    ADD COLUMN os               text,
    ADD COLUMN device           text,
    ADD COLUMN country          text,
    ADD COLUMN language         text,
    ADD COLUMN screen_width     integer,
    ADD COLUMN revenue_amount   numeric(20, 6),
    ADD COLUMN revenue_currency text,
    ADD COLUMN visitor_id       text;

-- The daily salt of anonymous visitor ids (a hash of site, address, user agent and the salt).
-- Ingest instances share it through this table; the days before today are deleted, after
-- which no id of theirs can be linked to an address again.
CREATE TABLE visitor_salts (
    day  date  PRIMARY KEY,
    salt bytea NOT NULL
);
