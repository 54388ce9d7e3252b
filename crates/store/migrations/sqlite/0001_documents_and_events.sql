-- Documents as ingested, identified by the hash of their text.
CREATE TABLE documents (
    id            INTEGER PRIMARY KEY,
    doc_id        TEXT NOT NULL,
    content_hash  TEXT NOT NULL UNIQUE,
    url           TEXT,
    title         TEXT,
    source        TEXT,
    published     TEXT,
    text          TEXT NOT NULL,
    ingested_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX documents_doc_id ON documents (doc_id);

-- Events as extracted from one document; `ordinal` is the event's index in
-- that document's extract output. `event` holds the full EVENT JSON; the
-- other columns are copies for filtering.
CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    document_id    INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ordinal        INTEGER NOT NULL,
    company        TEXT NOT NULL,
    announced      TEXT,
    headcount_min  INTEGER,
    headcount_max  INTEGER,
    percent        REAL,
    ai_attributed  INTEGER NOT NULL,
    reasons        TEXT NOT NULL,
    functions      TEXT NOT NULL,
    event          TEXT NOT NULL,
    UNIQUE (document_id, ordinal)
);
CREATE INDEX events_company ON events (company COLLATE NOCASE);
CREATE INDEX events_announced ON events (announced);
