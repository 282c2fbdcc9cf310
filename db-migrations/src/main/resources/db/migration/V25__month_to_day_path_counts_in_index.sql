-- Page views and events of the pages' running totals, in their key's index: since V24 each row
-- also holds a visitor sketch (about 470 bytes), so reading the counts of a site's 2,000 pages on
-- a day touched 240 heap pages instead of 20. With the counts in the index, lists by page views
-- read them from the index alone (an index-only scan), and the sketches only when visitors are
-- asked. Rows are written once by the fold, never updated in place, so the wider index costs no
-- HOT updates.
ALTER TABLE rollup_month_to_day_paths
    DROP CONSTRAINT rollup_month_to_day_paths_pkey,
    ADD PRIMARY KEY (site_id, day, path) INCLUDE (page_views, events);

-- An index-only scan reads the heap for rows of pages not yet marked all-visible, which only a
-- vacuum marks. The default waits for inserts of a fifth of the table (days of folds of a large
-- site); this vacuums within a minute of each fold that wrote a thousand rows.
ALTER TABLE rollup_month_to_day_paths SET (autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 1000);
