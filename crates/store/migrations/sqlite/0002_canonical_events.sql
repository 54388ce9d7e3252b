-- Where a document comes from: a news article, a tracker row, a WARN notice;
-- `origin` is the file and line it was read from.
ALTER TABLE documents ADD COLUMN kind TEXT NOT NULL DEFAULT 'news';
ALTER TABLE documents ADD COLUMN origin TEXT;

-- One row per real cut: the mentions (rows of `events`) that report it are
-- grouped here at ingest. `state` holds the merged event and what merging
-- needs (documents, source kinds, conflict); the other columns are copies
-- for filtering.
CREATE TABLE canonical_events (
    id             INTEGER PRIMARY KEY,
    employer_key   TEXT NOT NULL,
    company        TEXT NOT NULL,
    announced      TEXT,
    headcount_min  INTEGER,
    headcount_max  INTEGER,
    percent        REAL,
    ai_attributed  INTEGER NOT NULL,
    reasons        TEXT NOT NULL,
    functions      TEXT NOT NULL,
    kinds          TEXT NOT NULL,
    conflict       INTEGER NOT NULL DEFAULT 0,
    mentions       INTEGER NOT NULL,
    state          TEXT NOT NULL
);
CREATE INDEX canonical_employer ON canonical_events (employer_key);
CREATE INDEX canonical_announced ON canonical_events (announced);
CREATE INDEX canonical_company ON canonical_events (company COLLATE NOCASE);

ALTER TABLE events ADD COLUMN employer_key TEXT;
ALTER TABLE events ADD COLUMN canonical_id INTEGER REFERENCES canonical_events (id);
ALTER TABLE events ADD COLUMN merge_reason TEXT;
CREATE INDEX events_canonical ON events (canonical_id);
