-- The same text published under another id or by another outlet (syndicated
-- wire copy): stored once in `documents`, and each further source here, so
-- an event lists every outlet that carried it.
CREATE TABLE document_sources (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    doc_id       TEXT NOT NULL,
    url          TEXT,
    title        TEXT,
    source       TEXT,
    published    TEXT,
    UNIQUE (document_id, doc_id)
);
