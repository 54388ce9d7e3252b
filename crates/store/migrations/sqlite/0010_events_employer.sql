-- Regrouping reads and rewrites the mentions of one employer at a time.
CREATE INDEX events_employer ON events (employer_key);
