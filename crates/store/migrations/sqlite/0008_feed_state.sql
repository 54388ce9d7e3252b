-- What `layoffwatch watch` last heard from each feed: the validators for
-- conditional requests (ETag, Last-Modified) and how the last poll went.
CREATE TABLE feed_state (
    url            TEXT PRIMARY KEY,
    etag           TEXT,
    last_modified  TEXT,
    checked_at     TEXT NOT NULL,
    status         TEXT NOT NULL
);
