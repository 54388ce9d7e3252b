-- The PostgreSQL schema: the same tables as the SQLite store (see
-- migrations/sqlite for the history of each), written at once for
-- PostgreSQL. Dates and keys compare byte-wise (COLLATE "C") whatever the
-- database's locale, so date prefixes and cursors order as in SQLite.

-- Documents as ingested, identified by the hash of their text. `search`
-- is the full-text index (title weighted above the text), made at insert
-- from the words of the title and of the first 256 KiB of the text (a
-- tsvector is capped at 1 MB). Words are runs of letters and digits, as in
-- SQLite's tokenizer: a URL such as /acme-to-cut-90-jobs/ gives the words
-- acme, cut, 90, jobs, not one token.
CREATE TABLE documents (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    doc_id        TEXT NOT NULL,
    content_hash  TEXT NOT NULL UNIQUE,
    url           TEXT,
    title         TEXT,
    source        TEXT,
    published     TEXT COLLATE "C",
    kind          TEXT NOT NULL DEFAULT 'news',
    origin        TEXT,
    ingested_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    text          TEXT NOT NULL,
    search        TSVECTOR NOT NULL
);
CREATE INDEX documents_doc_id ON documents (doc_id);
-- New entries gather in the index's pending list, merged into the index
-- in bulk by autovacuum (in the background) or when the list passes 32 MB:
-- a writer that merged every 4 MB (the default) spent a fifth of an ingest
-- on it.
CREATE INDEX documents_search ON documents USING GIN (search)
    WITH (gin_pending_list_limit = 32768);

-- The same text under another id or from another outlet.
CREATE TABLE document_sources (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id  BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    doc_id       TEXT NOT NULL,
    url          TEXT,
    title        TEXT,
    source       TEXT,
    published    TEXT COLLATE "C",
    UNIQUE (document_id, doc_id)
);

-- One row per real cut. Sort keys have no NULLs so that pages are range
-- scans with keyset cursors; sets are JSON arrays of codes.
CREATE TABLE canonical_events (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    employer_key   TEXT COLLATE "C" NOT NULL,
    company        TEXT COLLATE "C" NOT NULL,
    announced      TEXT COLLATE "C",
    headcount_min  BIGINT,
    headcount_max  BIGINT,
    percent        DOUBLE PRECISION,
    ai_attributed  BOOLEAN NOT NULL,
    reasons        JSONB NOT NULL,
    functions      JSONB NOT NULL,
    kinds          JSONB NOT NULL,
    locations      JSONB NOT NULL DEFAULT '[]',
    roles          JSONB NOT NULL DEFAULT '[]',
    conflict       BOOLEAN NOT NULL DEFAULT false,
    mentions       BIGINT NOT NULL,
    sort_date      TEXT COLLATE "C" GENERATED ALWAYS AS (coalesce(announced, '')) STORED,
    sort_size      BIGINT GENERATED ALWAYS AS (coalesce(headcount_max, headcount_min, -1)) STORED
);
CREATE INDEX canonical_employer_date ON canonical_events (employer_key, sort_date, id);
CREATE INDEX canonical_sort_date ON canonical_events (sort_date, id);
CREATE INDEX canonical_sort_size ON canonical_events (sort_size, id);
CREATE INDEX canonical_company ON canonical_events (lower(company));

-- The merged state of each canonical event, apart from the small rows.
CREATE TABLE canonical_state (
    id     BIGINT PRIMARY KEY REFERENCES canonical_events (id) ON DELETE CASCADE,
    state  TEXT NOT NULL
);

-- Events as extracted from one document; `ordinal` is the event's index in
-- that document's extract output; `event` is the full EVENT JSON.
CREATE TABLE events (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id    BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ordinal        BIGINT NOT NULL,
    company        TEXT COLLATE "C" NOT NULL,
    announced      TEXT COLLATE "C",
    headcount_min  BIGINT,
    headcount_max  BIGINT,
    percent        DOUBLE PRECISION,
    ai_attributed  BOOLEAN NOT NULL,
    reasons        JSONB NOT NULL,
    functions      JSONB NOT NULL,
    event          TEXT NOT NULL,
    employer_key   TEXT COLLATE "C",
    canonical_id   BIGINT REFERENCES canonical_events (id),
    merge_reason   TEXT,
    UNIQUE (document_id, ordinal)
);
CREATE INDEX events_canonical ON events (canonical_id);
CREATE INDEX events_announced ON events (announced);

-- What `layoffwatch watch` last heard from each feed.
CREATE TABLE feed_state (
    url            TEXT PRIMARY KEY,
    etag           TEXT,
    last_modified  TEXT,
    checked_at     TEXT NOT NULL,
    status         TEXT NOT NULL
);
