-- Full text over stored articles (titles and texts), for `q` filters and
-- search with highlighted snippets. External content: the text lives once,
-- in `documents`; triggers keep the index in step.
CREATE VIRTUAL TABLE documents_fts USING fts5 (
    title, text,
    content = 'documents', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');

CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, text)
    VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, text)
    VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO documents_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;

-- Sort keys without NULLs, so that a page of events is a range scan of an
-- index and the next page starts where the last one ended (keyset cursors):
-- undated events sort after dated ones in newest-first order, events of
-- unknown size after sized ones in largest-first order.
ALTER TABLE canonical_events ADD COLUMN sort_date TEXT
    GENERATED ALWAYS AS (coalesce(announced, '')) VIRTUAL;
ALTER TABLE canonical_events ADD COLUMN sort_size INTEGER
    GENERATED ALWAYS AS (coalesce(headcount_max, headcount_min, -1)) VIRTUAL;
CREATE INDEX canonical_sort_date ON canonical_events (sort_date, id);
CREATE INDEX canonical_sort_size ON canonical_events (sort_size, id);
CREATE INDEX canonical_employer_date ON canonical_events (employer_key, sort_date, id);
