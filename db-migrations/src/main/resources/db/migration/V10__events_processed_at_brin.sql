-- The realtime stream reads the events processed in the last seconds. Rows are appended in
-- processing order, so a BRIN index (a few pages for millions of rows, next to nothing to
-- maintain) finds them without reading the table.
CREATE INDEX events_processed_at ON events USING brin (processed_at) WITH (pages_per_range = 32);
