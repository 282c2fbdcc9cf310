-- Tally's schema. db-migrations is its one owner; the services never run DDL.

-- The ingestion buffer. The ingest service appends with COPY in group commits; the
-- processor claims rows with FOR UPDATE SKIP LOCKED and deletes what it drained in the
-- same transaction that writes them to events and the rollups, so a row is here until it
-- is counted, and never after.
CREATE TABLE events_queue (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    site_id     text        NOT NULL,
    event_type  text        NOT NULL,
    path        text        NOT NULL,
    user_id     text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    event_id    text,
    referrer    text,
    props       jsonb,
    received_at timestamptz NOT NULL DEFAULT now()
);

-- Raw events, kept for drill-down, export and re-aggregation. id is the queue id the event
-- had, so an event can be traced from its acknowledgement to its row.
CREATE TABLE events (
    id           bigint      PRIMARY KEY,
    site_id      text        NOT NULL,
    event_type   text        NOT NULL,
    path         text        NOT NULL,
    user_id      text        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    event_id     text,
    referrer     text,
    props        jsonb,
    received_at  timestamptz NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_site_occurred ON events (site_id, occurred_at);

-- Client idempotency keys already counted, per site. The processor inserts a batch's keys
-- here in the same transaction as the batch, so a retried event is dropped exactly when its
-- first copy was counted. Rows older than the dedup window are pruned.
CREATE TABLE seen_event_ids (
    site_id  text        NOT NULL,
    event_id text        NOT NULL,
    seen_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (site_id, event_id)
);
CREATE INDEX seen_event_ids_seen_at ON seen_event_ids (seen_at);

-- Rollups, upserted incrementally by each processed batch; days are UTC dates.
CREATE TABLE rollup_daily_events (
    site_id    text   NOT NULL,
    day        date   NOT NULL,
    event_type text   NOT NULL,
    events     bigint NOT NULL,
    PRIMARY KEY (site_id, day, event_type)
);

CREATE TABLE rollup_daily_paths (
    site_id    text   NOT NULL,
    day        date   NOT NULL,
    path       text   NOT NULL,
    page_views bigint NOT NULL,
    events     bigint NOT NULL,
    PRIMARY KEY (site_id, day, path)
);

-- Distinct user_ids of a site and day as a serialized Apache DataSketches HLL sketch,
-- mergeable across days so multi-day unique counts are never sums of daily counts.
CREATE TABLE rollup_daily_users (
    site_id text  NOT NULL,
    day     date  NOT NULL,
    users   bytea NOT NULL,
    PRIMARY KEY (site_id, day)
);

-- The seed's report table, kept current by the processor for SQL users of the seed schema.
CREATE TABLE daily_stats (
    site_id      text        NOT NULL,
    date         date        NOT NULL,
    total_views  bigint      NOT NULL DEFAULT 0,
    unique_users bigint      NOT NULL DEFAULT 0,
    path_stats   jsonb       NOT NULL DEFAULT '[]'::jsonb,
    last_updated timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (site_id, date)
);

-- Cumulative counters each service instance publishes (accepted, rejected by reason,
-- processed, ...), one row per instance and counter so instances never contend; the
-- status endpoint sums them.
CREATE TABLE service_counters (
    service    text        NOT NULL,
    instance   text        NOT NULL,
    name       text        NOT NULL,
    value      bigint      NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service, instance, name)
);
