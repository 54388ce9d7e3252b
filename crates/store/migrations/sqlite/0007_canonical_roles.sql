-- The roles of each canonical event as a column, so that the exposure
-- analytics read small columns and never the merged state.
ALTER TABLE canonical_events ADD COLUMN roles TEXT NOT NULL DEFAULT '[]';
UPDATE canonical_events SET roles = coalesce(
  (SELECT json_extract(s.state, '$.event.roles') FROM canonical_state s WHERE s.id = canonical_events.id),
  '[]');
