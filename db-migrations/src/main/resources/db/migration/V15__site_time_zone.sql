-- A site's time zone (an IANA name such as 'Europe/Zurich'): its days are its local days. The
-- processor rolls each event up on its site's local day as the zone is when the event is
-- processed, so a change of zone applies to events processed after it; reports take "today"
-- and their ranges in it.
ALTER TABLE site_settings ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC';

-- The day each event was counted on, so that what was added to a day can be taken off that
-- day even after a change of zone. Events processed before it were counted on their UTC day
-- (null here, which readers take as that).
ALTER TABLE events ADD COLUMN day date;
