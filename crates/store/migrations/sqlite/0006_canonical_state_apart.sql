-- The merged state of each canonical event (about a kilobyte of JSON) moves
-- to a table of its own, so that filtering scans the small rows of
-- `canonical_events` and reads the state only of the events it returns.
CREATE TABLE canonical_state (
    id     INTEGER PRIMARY KEY REFERENCES canonical_events (id) ON DELETE CASCADE,
    state  TEXT NOT NULL
);
INSERT INTO canonical_state (id, state) SELECT id, state FROM canonical_events;
ALTER TABLE canonical_events DROP COLUMN state;
