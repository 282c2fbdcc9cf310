-- The events.id of the copy that was counted for an event_id. The claim statement inserts it and
-- reads it back from RETURNING to pick the rows to keep, which needs no join between the claimed
-- rows and the newly seen keys (a join the planner misjudged into a nested loop).
ALTER TABLE seen_event_ids ADD COLUMN kept_id bigint;
