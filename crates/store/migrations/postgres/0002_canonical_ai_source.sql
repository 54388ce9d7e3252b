-- Who ties each canonical event to AI (employer, reporting, denied or
-- NULL), as a column the event filters and statistics read.
ALTER TABLE canonical_events ADD COLUMN ai_source TEXT COLLATE "C";
UPDATE canonical_events SET ai_source =
  (SELECT s.state::jsonb -> 'event' ->> 'ai_source' FROM canonical_state s WHERE s.id = canonical_events.id);
