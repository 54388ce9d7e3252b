//! The embedded backend: one SQLite file, WAL mode, migrations at open.

use crate::shared::{
    self, push_filter, upsert_canonical_sql, CanonicalColumns, Dialect, EventColumns, Facts, Order,
    COPY_COLUMNS, MENTION_COLUMNS, STATE_COLUMNS,
};
use crate::{
    CanonicalEvent, CompanyFilter, CompanySummary, DocumentRef, EventFilter, EventStore, FeedState,
    InsertOutcome, NewDocument, NewEvent, SearchHit, Snippet, StoreCounts, StoreError,
    StoredDocument, StoredEvent, TextQuery,
};
use layoffwatch_merge::Canonical;
use layoffwatch_model::Event;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool};
use std::collections::HashMap;
use std::path::Path;
use std::str::FromStr;
use std::sync::LazyLock;
use std::time::Duration;

static MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

/// The embedded SQLite store.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating if needed) the database file at `path` and brings its
    /// schema up to date.
    pub async fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        let location = path.display().to_string();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|cause| StoreError::CreateDir {
                path: dir.display().to_string(),
                cause,
            })?;
        }
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(30))
            // Reads map the file instead of copying each page out of the
            // OS cache (SQLite caps the map at 2 GiB by default), and each
            // connection keeps up to 64 MiB of pages.
            .pragma("mmap_size", "17179869184")
            .pragma("cache_size", "-65536");
        Self::connect(options, location).await
    }

    /// A private in-memory database, for tests and one-off runs.
    pub async fn in_memory() -> Result<SqliteStore, StoreError> {
        let options = SqliteConnectOptions::from_str("sqlite::memory:")
            .map_err(|cause| StoreError::Open {
                location: ":memory:".into(),
                cause,
            })?
            .foreign_keys(true);
        Self::connect(options, ":memory:".into()).await
    }

    async fn connect(
        options: SqliteConnectOptions,
        location: String,
    ) -> Result<SqliteStore, StoreError> {
        let memory = location == ":memory:";
        // Two processes creating one database at once race to set WAL mode
        // and to migrate it; each step is atomic, so the loser waits a
        // little and tries again, finding the work done.
        let mut attempt = 0;
        loop {
            match Self::try_connect(options.clone(), memory, &location).await {
                Err(StoreError::Open { .. } | StoreError::Migrate { .. }) if attempt < 5 => {
                    attempt += 1;
                    tokio::time::sleep(Duration::from_millis(25 << attempt)).await;
                }
                result => return result,
            }
        }
    }

    async fn try_connect(
        options: SqliteConnectOptions,
        memory: bool,
        location: &str,
    ) -> Result<SqliteStore, StoreError> {
        let pool = SqlitePoolOptions::new()
            .max_connections(if memory { 1 } else { 4 })
            .min_connections(if memory { 1 } else { 0 })
            .idle_timeout(if memory {
                None
            } else {
                Some(Duration::from_secs(60))
            })
            .max_lifetime(None)
            .connect_with(options)
            .await
            .map_err(|cause| StoreError::Open {
                location: location.to_string(),
                cause,
            })?;
        MIGRATIONS
            .run(&pool)
            .await
            .map_err(|cause| StoreError::Migrate {
                location: location.to_string(),
                cause,
            })?;
        Ok(SqliteStore { pool })
    }

    /// The mentions of these canonical events, grouped by canonical id.
    async fn mentions_of(&self, ids: &[i64]) -> Result<HashMap<i64, Vec<StoredEvent>>, StoreError> {
        let mut out: HashMap<i64, Vec<StoredEvent>> = HashMap::new();
        for chunk in ids.chunks(500) {
            let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(MENTION_COLUMNS);
            q.push(" WHERE e.canonical_id IN (");
            let mut sep = q.separated(", ");
            for id in chunk {
                sep.push_bind(*id);
            }
            q.push(") ORDER BY e.canonical_id, d.published IS NULL, d.published, d.content_hash, e.ordinal");
            for row in q.build().fetch_all(&self.pool).await? {
                let m = shared::mention(&row)?;
                out.entry(m.canonical_id.unwrap_or_default())
                    .or_default()
                    .push(m);
            }
        }
        Ok(out)
    }

    /// Further sources of the same texts, by document row id.
    async fn copies_of(&self, docs: &[i64]) -> Result<HashMap<i64, Vec<DocumentRef>>, StoreError> {
        let mut out: HashMap<i64, Vec<DocumentRef>> = HashMap::new();
        for chunk in docs.chunks(500) {
            let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(COPY_COLUMNS);
            let mut sep = q.separated(", ");
            for id in chunk {
                sep.push_bind(*id);
            }
            q.push(") ORDER BY s.id");
            for row in q.build().fetch_all(&self.pool).await? {
                let d = shared::document_ref(&row, None)?;
                out.entry(d.id).or_default().push(d);
            }
        }
        Ok(out)
    }

    async fn with_mentions(
        &self,
        rows: Vec<sqlx::sqlite::SqliteRow>,
    ) -> Result<Vec<CanonicalEvent>, StoreError> {
        let mut states = Vec::with_capacity(rows.len());
        for row in &rows {
            let id: i64 = row.try_get("id")?;
            states.push((id, shared::canonical_state(id, row.try_get("state")?)?));
        }
        let ids: Vec<i64> = states.iter().map(|(id, _)| *id).collect();
        let mentions = self.mentions_of(&ids).await?;
        let docs: Vec<i64> = mentions.values().flatten().map(|m| m.document.id).collect();
        let copies = self.copies_of(&docs).await?;
        Ok(shared::assemble(states, mentions, &copies))
    }
}

/// Regroups every mention of employer `key` (after new ones were stored)
/// and writes what changed; returns (event row id, canonical id) of each
/// mention.
async fn regroup_employer(
    tx: &mut sqlx::Transaction<'_, Sqlite>,
    key: &str,
) -> Result<Vec<(i64, i64)>, StoreError> {
    let rows: Vec<shared::MemberRow> = sqlx::query_as(
        "SELECT e.id, e.event, e.document_id, d.kind, d.content_hash, e.ordinal, \
         e.canonical_id, e.merge_reason \
         FROM events e JOIN documents d ON d.id = e.document_id WHERE e.employer_key = ?",
    )
    .bind(key)
    .fetch_all(&mut **tx)
    .await?;
    let stored: Vec<(i64, String)> =
        sqlx::query_as(&format!("{STATE_COLUMNS} WHERE c.employer_key = ?"))
            .bind(key)
            .fetch_all(&mut **tx)
            .await?;
    let r = shared::regroup(key, rows, stored)?;
    for (id, state) in &r.write {
        save_canonical(tx, *id, key, state).await?;
    }
    for (event, canonical, reason) in &r.assign {
        sqlx::query("UPDATE events SET canonical_id = ?, merge_reason = ? WHERE id = ?")
            .bind(canonical)
            .bind(reason)
            .bind(event)
            .execute(&mut **tx)
            .await?;
    }
    for id in &r.delete {
        sqlx::query("DELETE FROM canonical_events WHERE id = ?")
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(r.groups)
}

/// Writes a canonical event row with its id (new or changed).
async fn save_canonical(
    tx: &mut sqlx::Transaction<'_, Sqlite>,
    id: i64,
    key: &str,
    state: &Canonical,
) -> Result<i64, StoreError> {
    let c = CanonicalColumns::of(state);
    let e = c.event;
    static SQL: LazyLock<String> = LazyLock::new(|| {
        upsert_canonical_sql("", "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?")
    });
    let sql = SQL.as_str();
    let id: i64 = sqlx::query_scalar(sql)
        .bind(key)
        .bind(e.company)
        .bind(e.announced)
        .bind(e.min)
        .bind(e.max)
        .bind(e.percent)
        .bind(e.ai)
        .bind(e.reasons)
        .bind(e.functions)
        .bind(c.kinds)
        .bind(c.conflict)
        .bind(c.mentions)
        .bind(e.locations)
        .bind(e.roles)
        .bind(e.ai_source)
        .bind(id)
        .fetch_one(&mut **tx)
        .await?;
    sqlx::query(
        "INSERT INTO canonical_state (id, state) VALUES (?, ?) \
         ON CONFLICT (id) DO UPDATE SET state = excluded.state",
    )
    .bind(id)
    .bind(c.state)
    .execute(&mut **tx)
    .await?;
    Ok(id)
}

impl EventStore for SqliteStore {
    async fn insert_documents(
        &self,
        batch: &[(NewDocument<'_>, Vec<NewEvent>)],
    ) -> Result<Vec<InsertOutcome>, StoreError> {
        // IMMEDIATE: the write lock is taken (or waited for) at the start.
        // A deferred transaction that waits for it mid-way finds its
        // snapshot stale and fails at once with "database is locked".
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let mut outcomes = Vec::with_capacity(batch.len());
        let mut touched = std::collections::BTreeSet::new();
        // (outcome index, event row id) of each new mention.
        let mut mine: Vec<(usize, i64)> = Vec::new();
        for (doc, events) in batch {
            let d = doc.document;
            let inserted = sqlx::query(
                "INSERT INTO documents (doc_id, content_hash, url, title, source, published, text, \
                 kind, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) \
                 ON CONFLICT (content_hash) DO NOTHING RETURNING id",
            )
            .bind(&d.id)
            .bind(doc.content_hash)
            .bind(&d.url)
            .bind(&d.title)
            .bind(&d.source)
            .bind(&d.published)
            .bind(doc.text)
            .bind(doc.kind.as_str())
            .bind(doc.origin)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(row) = inserted else {
                // The same text again: under another id it is another source.
                sqlx::query(
                    "INSERT INTO document_sources (document_id, doc_id, url, title, source, published) \
                     SELECT id, ?, ?, ?, ?, ? FROM documents WHERE content_hash = ? AND doc_id <> ? \
                     ON CONFLICT (document_id, doc_id) DO NOTHING",
                )
                .bind(&d.id)
                .bind(&d.url)
                .bind(&d.title)
                .bind(&d.source)
                .bind(&d.published)
                .bind(doc.content_hash)
                .bind(&d.id)
                .execute(&mut *tx)
                .await?;
                outcomes.push(InsertOutcome::AlreadyStored);
                continue;
            };
            let document_id: i64 = row.try_get(0)?;
            for (ordinal, new) in events.iter().enumerate() {
                touched.insert(new.employer_key.as_str());
                let json = serde_json::to_string(&new.event).expect("events always serialise");
                let e = EventColumns::of(&new.event);
                let event_id: i64 = sqlx::query_scalar(
                    "INSERT INTO events (document_id, ordinal, company, announced, headcount_min, \
                     headcount_max, percent, ai_attributed, reasons, functions, event, \
                     employer_key) \
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                )
                .bind(document_id)
                .bind(ordinal as i64)
                .bind(e.company)
                .bind(e.announced)
                .bind(e.min)
                .bind(e.max)
                .bind(e.percent)
                .bind(e.ai)
                .bind(e.reasons)
                .bind(e.functions)
                .bind(json)
                .bind(&new.employer_key)
                .fetch_one(&mut *tx)
                .await?;
                mine.push((outcomes.len(), event_id));
            }
            outcomes.push(InsertOutcome::Stored {
                events: events.len(),
                merged: 0,
            });
        }
        // Every employer the batch touched is regrouped once, in key order.
        let mut groups: HashMap<i64, i64> = HashMap::new();
        for key in touched {
            groups.extend(regroup_employer(&mut tx, key).await?);
        }
        shared::count_merged(&mut outcomes, &mine, &groups);
        tx.commit().await?;
        Ok(outcomes)
    }

    async fn events(&self, filter: &EventFilter) -> Result<Vec<CanonicalEvent>, StoreError> {
        let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(STATE_COLUMNS);
        push_filter(&mut q, filter, Order::Sorted, Dialect::Sqlite);
        let rows = q.build().fetch_all(&self.pool).await?;
        self.with_mentions(rows).await
    }

    async fn count_events(&self, filter: &EventFilter) -> Result<u64, StoreError> {
        let mut q: QueryBuilder<Sqlite> =
            QueryBuilder::new("SELECT count(*) FROM canonical_events c");
        push_filter(&mut q, &filter.unpaged(), Order::Any, Dialect::Sqlite);
        let n: i64 = q.build_query_scalar().fetch_one(&self.pool).await?;
        Ok(n.max(0) as u64)
    }

    async fn event_facts(&self, filter: &EventFilter) -> Result<Vec<Event>, StoreError> {
        // SQLite gathers the rows into one JSON array: a million rows cost
        // one round trip instead of a million.
        let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
            "SELECT json_group_array(json_array(announced, headcount_min, headcount_max, \
             json(iif(ai_attributed, 'true', 'false')), json(reasons), json(functions), json(locations), company, json(roles), ai_source)) \
             FROM (SELECT c.announced, c.headcount_min, c.headcount_max, c.ai_attributed, \
             c.reasons, c.functions, c.locations, c.company, c.roles, c.ai_source \
             FROM canonical_events c",
        );
        push_filter(&mut q, filter, Order::Any, Dialect::Sqlite);
        q.push(")");
        let json: String = q.build().fetch_one(&self.pool).await?.try_get(0)?;
        let rows: Vec<Facts> = serde_json::from_str(&json).map_err(StoreError::CorruptColumns)?;
        Ok(rows.into_iter().map(shared::facts_event).collect())
    }

    async fn companies(&self, filter: &CompanyFilter) -> Result<Vec<CompanySummary>, StoreError> {
        let mut q: QueryBuilder<Sqlite> = shared::companies_query(filter);
        let rows = q.build().fetch_all(&self.pool).await?;
        rows.iter().map(shared::company_summary).collect()
    }

    async fn search(&self, query: &TextQuery, limit: u64) -> Result<Vec<SearchHit>, StoreError> {
        let rows = sqlx::query(
            "SELECT d.id AS document_id, d.doc_id, d.url, d.title, d.source, d.published, d.kind, \
             snippet(documents_fts, 1, char(2), char(3), '…', 24) AS snippet, \
             (SELECT json_group_array(DISTINCT e.canonical_id) FROM events e \
              WHERE e.document_id = d.id AND e.canonical_id IS NOT NULL) AS events \
             FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid \
             WHERE documents_fts MATCH ? ORDER BY bm25(documents_fts, 5.0, 1.0) LIMIT ?",
        )
        .bind(query.fts5())
        .bind(limit.min(i64::MAX as u64) as i64)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let events: String = r.try_get("events")?;
                Ok(SearchHit {
                    document: shared::document_ref(r, None)?,
                    snippet: Snippet::from_marked(&r.try_get::<String, _>("snippet")?),
                    events: serde_json::from_str(&events).unwrap_or_default(),
                })
            })
            .collect()
    }

    async fn document(&self, document_id: i64) -> Result<Option<StoredDocument>, StoreError> {
        let Some(row) = sqlx::query(
            "SELECT id AS document_id, doc_id, url, title, source, published, kind, origin, text \
             FROM documents WHERE id = ?",
        )
        .bind(document_id)
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        let document = shared::document_ref(&row, row.try_get("origin")?)?;
        let mentions = sqlx::query(&format!(
            "{MENTION_COLUMNS} WHERE e.document_id = ? ORDER BY e.ordinal"
        ))
        .bind(document_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(shared::mention)
        .collect::<Result<Vec<_>, _>>()?;
        Ok(Some(StoredDocument {
            document,
            text: row.try_get("text")?,
            mentions,
        }))
    }

    async fn event(&self, id: i64) -> Result<Option<CanonicalEvent>, StoreError> {
        let rows = sqlx::query(&format!("{STATE_COLUMNS} WHERE c.id = ?"))
            .bind(id)
            .fetch_all(&self.pool)
            .await?;
        Ok(self.with_mentions(rows).await?.pop())
    }

    async fn document_text(&self, document_id: i64) -> Result<Option<String>, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT text FROM documents WHERE id = ?")
                .bind(document_id)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    async fn counts(&self) -> Result<StoreCounts, StoreError> {
        let (documents, events, canonical): (i64, i64, i64) = sqlx::query_as(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events), \
             (SELECT count(*) FROM canonical_events)",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(StoreCounts {
            documents: documents as u64,
            events: events as u64,
            canonical_events: canonical as u64,
        })
    }

    async fn feed_state(&self, url: &str) -> Result<Option<FeedState>, StoreError> {
        Ok(sqlx::query_as::<_, FeedState>(
            "SELECT url, etag, last_modified, checked_at, status FROM feed_state WHERE url = ?",
        )
        .bind(url)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn save_feed_state(&self, s: &FeedState) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO feed_state (url, etag, last_modified, checked_at, status) \
             VALUES (?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, \
             last_modified = excluded.last_modified, checked_at = excluded.checked_at, \
             status = excluded.status",
        )
        .bind(&s.url)
        .bind(&s.etag)
        .bind(&s.last_modified)
        .bind(&s.checked_at)
        .bind(&s.status)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
