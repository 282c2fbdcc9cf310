-- The visits of a range by their day, now with their end: reports from raw events bound the
-- events they read by the latest end among the range's visits (tally.stats.report.RawReader),
-- which this index answers with a descent per day instead of reading every visit of the range
-- (0.3 ms against 33-65 ms for the seven days of the benchmark's big site, 209,000 visits).
-- It replaces visits_site_day (V16), whose readers it serves as well.
CREATE INDEX visits_site_day_ended ON visits (site_id, day, ended_at);
DROP INDEX visits_site_day;
