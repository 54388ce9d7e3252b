-- The places of each canonical event as a column, so that breakdowns read
-- small columns and never the merged state.
ALTER TABLE canonical_events ADD COLUMN locations TEXT NOT NULL DEFAULT '[]';
UPDATE canonical_events SET locations = coalesce(json_extract(state, '$.event.locations'), '[]');
