-- A site's time zone (an IANA name such as 'Europe/Zurich'): its days are its local days. The
-- processor rolls each event up on its site's local day as the zone is when the event is
-- processed, so a change of zone applies to events processed after it; reports take "today"
-- and their ranges in it.
ALTER TABLE site_settings ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC';
