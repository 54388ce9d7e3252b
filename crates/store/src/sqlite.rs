//! The embedded backend: one SQLite file, WAL mode, migrations at open.

use crate::{
    CanonicalEvent, CompanyFilter, CompanySummary, Cursor, DocumentRef, EventFilter, EventSort,
    EventStore, FeedState, InsertOutcome, NewDocument, NewEvent, SearchHit, Snippet, SourceKind,
    StoreCounts, StoreError, StoredDocument, StoredEvent, TextQuery,
};
use layoffwatch_merge::Canonical;
use layoffwatch_model::Event;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool};
use std::collections::HashMap;
use std::path::Path;
use std::str::FromStr;
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
            std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir {
                path: dir.display().to_string(),
                source,
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
            .map_err(|source| StoreError::Open {
                location: ":memory:".into(),
                source,
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
            .map_err(|source| StoreError::Open {
                location: location.to_string(),
                source,
            })?;
        MIGRATIONS
            .run(&pool)
            .await
            .map_err(|source| StoreError::Migrate {
                location: location.to_string(),
                source,
            })?;
        Ok(SqliteStore { pool })
    }

    fn row_to_mention(row: &sqlx::sqlite::SqliteRow) -> Result<StoredEvent, StoreError> {
        let id: i64 = row.try_get("id")?;
        let json: String = row.try_get("event")?;
        let event: Event = serde_json::from_str(&json)
            .map_err(|source| StoreError::CorruptEvent { id, source })?;
        Ok(StoredEvent {
            id,
            event,
            ordinal: row.try_get("ordinal")?,
            canonical_id: row.try_get("canonical_id")?,
            merge_reason: row.try_get("merge_reason")?,
            document: Self::row_to_document(row, row.try_get("origin")?)?,
        })
    }

    /// The source columns of a row (`document_id`, `doc_id`, `url`, `title`,
    /// `source`, `published`, `kind`).
    fn row_to_document(
        row: &sqlx::sqlite::SqliteRow,
        origin: Option<String>,
    ) -> Result<DocumentRef, StoreError> {
        let kind: String = row.try_get("kind")?;
        Ok(DocumentRef {
            id: row.try_get("document_id")?,
            doc_id: row.try_get("doc_id")?,
            url: row.try_get("url")?,
            title: row.try_get("title")?,
            source: row.try_get("source")?,
            published: row.try_get("published")?,
            kind: SourceKind::parse(&kind).unwrap_or(SourceKind::News),
            origin,
        })
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
            q.push(") ORDER BY e.canonical_id, d.published IS NULL, d.published, e.id");
            for row in q.build().fetch_all(&self.pool).await? {
                let m = Self::row_to_mention(&row)?;
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
            let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
                "SELECT s.document_id, s.doc_id, s.url, s.title, s.source, s.published, d.kind \
                 FROM document_sources s JOIN documents d ON d.id = s.document_id \
                 WHERE s.document_id IN (",
            );
            let mut sep = q.separated(", ");
            for id in chunk {
                sep.push_bind(*id);
            }
            q.push(") ORDER BY s.id");
            for row in q.build().fetch_all(&self.pool).await? {
                let d = Self::row_to_document(&row, None)?;
                out.entry(d.id).or_default().push(d);
            }
        }
        Ok(out)
    }

    async fn with_mentions(
        &self,
        rows: Vec<sqlx::sqlite::SqliteRow>,
    ) -> Result<Vec<CanonicalEvent>, StoreError> {
        let mut events = Vec::with_capacity(rows.len());
        for row in &rows {
            let id: i64 = row.try_get("id")?;
            let json: String = row.try_get("state")?;
            let state: Canonical = serde_json::from_str(&json)
                .map_err(|source| StoreError::CorruptEvent { id, source })?;
            events.push(CanonicalEvent {
                id,
                event: state.event,
                conflict: state.conflict,
                mentions: Vec::new(),
                copies: Vec::new(),
            });
        }
        let ids: Vec<i64> = events.iter().map(|e| e.id).collect();
        let mut mentions = self.mentions_of(&ids).await?;
        for e in &mut events {
            e.mentions = mentions.remove(&e.id).unwrap_or_default();
        }
        let docs: Vec<i64> = events
            .iter()
            .flat_map(|e| e.mentions.iter().map(|m| m.document.id))
            .collect();
        let copies = self.copies_of(&docs).await?;
        for e in &mut events {
            for m in &e.mentions {
                if let Some(c) = copies.get(&m.document.id) {
                    e.copies.extend(c.iter().cloned());
                }
            }
        }
        Ok(events)
    }
}

/// Canonical events with their merged state; filters follow.
const STATE_COLUMNS: &str =
    "SELECT c.id, s.state FROM canonical_events c JOIN canonical_state s ON s.id = c.id";

const MENTION_COLUMNS: &str = "SELECT e.id, e.ordinal, e.event, e.document_id, e.canonical_id, \
     e.merge_reason, d.doc_id, d.url, d.title, d.source, d.published, d.kind, d.origin \
     FROM events e JOIN documents d ON d.id = e.document_id";

/// Merges one new mention into the canonical events of its employer, or
/// starts a new one; returns the canonical id and whether it merged.
async fn merge_mention(
    tx: &mut sqlx::Transaction<'_, Sqlite>,
    new: &NewEvent,
    document_id: i64,
    kind: SourceKind,
) -> Result<(i64, Option<String>), StoreError> {
    let rows = sqlx::query(
        "SELECT c.id, s.state FROM canonical_events c JOIN canonical_state s ON s.id = c.id \
         WHERE c.employer_key = ?",
    )
    .bind(&new.employer_key)
    .fetch_all(&mut **tx)
    .await?;
    let mut candidates: Vec<(i64, Canonical)> = Vec::with_capacity(rows.len());
    for row in rows {
        let id: i64 = row.try_get(0)?;
        let json: String = row.try_get(1)?;
        let state: Canonical = serde_json::from_str(&json)
            .map_err(|source| StoreError::CorruptEvent { id, source })?;
        candidates.push((id, state));
    }
    let best = layoffwatch_merge::best(
        candidates.iter().map(|(_, c)| c),
        &new.event,
        document_id,
        kind,
    );
    match best {
        Some((i, fit)) => {
            let (id, state) = &mut candidates[i];
            layoffwatch_merge::absorb(state, &new.event, document_id, kind, &fit);
            save_canonical(tx, Some(*id), &new.employer_key, state).await?;
            Ok((*id, Some(fit.explain())))
        }
        None => {
            let state = Canonical::new(&new.event, document_id, kind);
            let id = save_canonical(tx, None, &new.employer_key, &state).await?;
            Ok((id, None))
        }
    }
}

/// Inserts (`id` None) or updates a canonical event row.
async fn save_canonical(
    tx: &mut sqlx::Transaction<'_, Sqlite>,
    id: Option<i64>,
    key: &str,
    state: &Canonical,
) -> Result<i64, StoreError> {
    let e = &state.event;
    let json = serde_json::to_string(state).expect("canonical events always serialise");
    let reasons = serde_json::to_string(&e.reasons).expect("codes serialise");
    let functions = serde_json::to_string(&e.functions).expect("codes serialise");
    let kinds = serde_json::to_string(&state.kinds).expect("kinds serialise");
    let locations = serde_json::to_string(&e.locations).expect("codes serialise");
    let roles = serde_json::to_string(&e.roles).expect("roles serialise");
    let size = e.headcount.as_ref();
    let sql = if id.is_some() {
        "UPDATE canonical_events SET employer_key = ?, company = ?, announced = ?, \
         headcount_min = ?, headcount_max = ?, percent = ?, ai_attributed = ?, reasons = ?, \
         functions = ?, kinds = ?, conflict = ?, mentions = ?, locations = ?, roles = ? \
         WHERE id = ? RETURNING id"
    } else {
        "INSERT INTO canonical_events (employer_key, company, announced, headcount_min, \
         headcount_max, percent, ai_attributed, reasons, functions, kinds, conflict, mentions, \
         locations, roles) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"
    };
    let row = sqlx::query(sql)
        .bind(key)
        .bind(&e.company)
        .bind(&e.announced)
        .bind(size.and_then(|h| h.min).map(|v| v as i64))
        .bind(size.and_then(|h| h.max).map(|v| v as i64))
        .bind(e.percent)
        .bind(e.ai_attributed)
        .bind(reasons)
        .bind(functions)
        .bind(kinds)
        .bind(state.conflict)
        .bind(state.documents.len() as i64)
        .bind(locations)
        .bind(roles)
        .bind(id)
        .fetch_one(&mut **tx)
        .await?;
    let id: i64 = row.try_get(0)?;
    sqlx::query(
        "INSERT INTO canonical_state (id, state) VALUES (?, ?) \
         ON CONFLICT (id) DO UPDATE SET state = excluded.state",
    )
    .bind(id)
    .bind(json)
    .execute(&mut **tx)
    .await?;
    Ok(id)
}

impl EventStore for SqliteStore {
    async fn insert_documents(
        &self,
        batch: &[(NewDocument<'_>, Vec<NewEvent>)],
    ) -> Result<Vec<InsertOutcome>, StoreError> {
        let mut tx = self.pool.begin().await?;
        let mut outcomes = Vec::with_capacity(batch.len());
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
            let mut merged = 0;
            for (ordinal, new) in events.iter().enumerate() {
                let event = &new.event;
                let (canonical_id, reason) =
                    merge_mention(&mut tx, new, document_id, doc.kind).await?;
                merged += usize::from(reason.is_some());
                let json = serde_json::to_string(event).expect("events always serialise");
                let reasons = serde_json::to_string(&event.reasons).expect("codes serialise");
                let functions = serde_json::to_string(&event.functions).expect("codes serialise");
                let size = event.headcount.as_ref();
                sqlx::query(
                    "INSERT INTO events (document_id, ordinal, company, announced, headcount_min, \
                     headcount_max, percent, ai_attributed, reasons, functions, event, \
                     employer_key, canonical_id, merge_reason) \
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                )
                .bind(document_id)
                .bind(ordinal as i64)
                .bind(&event.company)
                .bind(&event.announced)
                .bind(size.and_then(|h| h.min).map(|v| v as i64))
                .bind(size.and_then(|h| h.max).map(|v| v as i64))
                .bind(event.percent)
                .bind(event.ai_attributed)
                .bind(reasons)
                .bind(functions)
                .bind(json)
                .bind(&new.employer_key)
                .bind(canonical_id)
                .bind(reason)
                .execute(&mut *tx)
                .await?;
            }
            outcomes.push(InsertOutcome::Stored {
                events: events.len(),
                merged,
            });
        }
        tx.commit().await?;
        Ok(outcomes)
    }

    async fn events(&self, filter: &EventFilter) -> Result<Vec<CanonicalEvent>, StoreError> {
        let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(STATE_COLUMNS);
        push_filter(&mut q, filter, Order::Sorted);
        let rows = q.build().fetch_all(&self.pool).await?;
        self.with_mentions(rows).await
    }

    async fn event_facts(&self, filter: &EventFilter) -> Result<Vec<Event>, StoreError> {
        // SQLite gathers the rows into one JSON array: a million rows cost
        // one round trip instead of a million.
        let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
            "SELECT json_group_array(json_array(announced, headcount_min, headcount_max, \
             ai_attributed, json(reasons), json(functions), json(locations), company, json(roles))) \
             FROM (SELECT c.announced, c.headcount_min, c.headcount_max, c.ai_attributed, \
             c.reasons, c.functions, c.locations, c.company, c.roles FROM canonical_events c",
        );
        push_filter(&mut q, filter, Order::Any);
        q.push(")");
        let json: String = q.build().fetch_one(&self.pool).await?.try_get(0)?;
        type Facts = (
            Option<String>,
            Option<u64>,
            Option<u64>,
            u8,
            Vec<layoffwatch_model::Reason>,
            Vec<layoffwatch_model::Function>,
            Vec<String>,
            String,
            Vec<String>,
        );
        let rows: Vec<Facts> = serde_json::from_str(&json).map_err(StoreError::CorruptColumns)?;
        Ok(rows
            .into_iter()
            .map(
                |(announced, min, max, ai, reasons, functions, locations, company, roles)| {
                    let mut e = Event::new(company);
                    e.announced = announced;
                    e.headcount =
                        (min.is_some() || max.is_some()).then(|| layoffwatch_model::Headcount {
                            min,
                            max,
                            approximate: false,
                            text: String::new(),
                        });
                    e.ai_attributed = ai != 0;
                    e.reasons = reasons;
                    e.functions = functions;
                    e.locations = locations;
                    e.roles = roles;
                    e
                },
            )
            .collect())
    }

    async fn companies(&self, filter: &CompanyFilter) -> Result<Vec<CompanySummary>, StoreError> {
        let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
            "SELECT employer_key, company, count(*), \
             sum(coalesce(headcount_min, 0)), sum(coalesce(headcount_max, headcount_min, 0)), \
             sum(ai_attributed), min(announced), nullif(max(sort_date), '') \
             FROM canonical_events c",
        );
        if let Some(prefix) = &filter.prefix {
            q.push(" WHERE c.employer_key LIKE ")
                .push_bind(format!("{}%", escape_like(&prefix.to_lowercase())))
                .push(" ESCAPE '\\'");
        }
        q.push(" GROUP BY c.employer_key ORDER BY count(*) DESC, c.employer_key");
        q.push(" LIMIT ")
            .push_bind(filter.limit.unwrap_or(u64::MAX >> 1) as i64);
        let rows = q.build().fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| {
                Ok(CompanySummary {
                    employer_key: r.try_get(0)?,
                    company: r.try_get(1)?,
                    events: r.try_get::<i64, _>(2)? as u64,
                    jobs_min: r.try_get::<i64, _>(3)? as u64,
                    jobs_max: r.try_get::<i64, _>(4)? as u64,
                    ai_events: r.try_get::<i64, _>(5)? as u64,
                    first: r.try_get(6)?,
                    last: r.try_get(7)?,
                })
            })
            .collect()
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
                    document: Self::row_to_document(r, None)?,
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
        let document = Self::row_to_document(&row, row.try_get("origin")?)?;
        let mentions = sqlx::query(&format!(
            "{MENTION_COLUMNS} WHERE e.document_id = ? ORDER BY e.ordinal"
        ))
        .bind(document_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(Self::row_to_mention)
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

/// Whether an event query must come in the filter's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    Sorted,
    /// Any order: a table scan, much faster than walking an index over a
    /// whole large table.
    Any,
}

/// The WHERE, ORDER BY and LIMIT of an event query over `canonical_events c`.
fn push_filter(q: &mut QueryBuilder<'_, Sqlite>, filter: &EventFilter, order: Order) {
    q.push(" WHERE 1 = 1");
    if let Some(company) = &filter.company {
        q.push(" AND c.company LIKE ")
            .push_bind(format!("%{}%", escape_like(company)))
            .push(" ESCAPE '\\'");
    }
    if let Some(key) = &filter.employer_key {
        q.push(" AND c.employer_key = ").push_bind(key.clone());
    }
    if let Some(kind) = filter.kind {
        q.push(" AND EXISTS (SELECT 1 FROM json_each(c.kinds) WHERE value = ")
            .push_bind(kind.as_str())
            .push(")");
    }
    // Dates compare at the coarser of the two precisions, so an event
    // announced "2024-04" is inside --since 2024-04-15. The first, wider
    // test of each bound lets SQLite scan a range of the date index.
    if let Some(b) = &filter.since {
        q.push(" AND c.sort_date >= ")
            .push_bind(b[..b.len().min(4)].to_string());
    }
    if let Some(b) = &filter.until {
        q.push(" AND c.sort_date <= ").push_bind(format!("{b}~"));
    }
    for (bound, op) in [(&filter.since, ">="), (&filter.until, "<=")] {
        if let Some(b) = bound {
            q.push(" AND c.announced IS NOT NULL AND substr(c.announced, 1, min(length(c.announced), length(")
                .push_bind(b.clone())
                .push(format!("))) {op} substr("))
                .push_bind(b.clone())
                .push(", 1, min(length(c.announced), length(")
                .push_bind(b.clone())
                .push(")))");
        }
    }
    if let Some(ai) = filter.ai_attributed {
        q.push(" AND c.ai_attributed = ").push_bind(ai);
    }
    if let Some(n) = filter.min_headcount {
        q.push(" AND (c.headcount_max >= ")
            .push_bind(n as i64)
            .push(" OR (c.headcount_max IS NULL AND c.headcount_min IS NOT NULL))");
    }
    if let Some(reason) = filter.reason {
        q.push(" AND EXISTS (SELECT 1 FROM json_each(c.reasons) WHERE value = ")
            .push_bind(reason.as_str())
            .push(")");
    }
    if let Some(function) = filter.function {
        q.push(" AND EXISTS (SELECT 1 FROM json_each(c.functions) WHERE value = ")
            .push_bind(function.as_str())
            .push(")");
    }
    if let Some(text) = &filter.text {
        q.push(
            " AND c.id IN (SELECT e.canonical_id FROM events e WHERE e.document_id IN \
             (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ",
        )
        .push_bind(text.fts5())
        .push("))");
    }
    match (filter.sort, &filter.after) {
        (EventSort::Newest, Some(Cursor::Date { date, id })) => {
            q.push(" AND (c.sort_date, c.id) < (")
                .push_bind(date.clone())
                .push(", ")
                .push_bind(*id)
                .push(")");
        }
        (EventSort::Oldest, Some(Cursor::Date { date, id })) => {
            q.push(" AND (c.sort_date, c.id) > (")
                .push_bind(date.clone())
                .push(", ")
                .push_bind(*id)
                .push(")");
        }
        (EventSort::Largest, Some(Cursor::Size { size, id })) => {
            q.push(" AND (c.sort_size, c.id) < (")
                .push_bind(*size)
                .push(", ")
                .push_bind(*id)
                .push(")");
        }
        // A cursor of another order starts from the top.
        _ => {}
    }
    if filter.sort == EventSort::Oldest {
        q.push(" AND c.sort_date <> ''");
    }
    if order == Order::Sorted || filter.limit.is_some() {
        q.push(match filter.sort {
            EventSort::Newest => " ORDER BY c.sort_date DESC, c.id DESC",
            EventSort::Oldest => " ORDER BY c.sort_date, c.id",
            EventSort::Largest => " ORDER BY c.sort_size DESC, c.id DESC",
        });
    }
    if let Some(limit) = filter.limit {
        q.push(" LIMIT ")
            .push_bind(limit.min(i64::MAX as u64) as i64);
    }
}

fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

#[cfg(test)]
mod tests {
    use super::*;
    use layoffwatch_model::{Document, Headcount, Reason};

    fn doc(id: &str, text: &str) -> Document {
        Document {
            id: id.into(),
            text: Some(text.into()),
            html: None,
            published: Some("2024-04-03".into()),
            url: None,
            title: None,
            source: None,
        }
    }

    fn event(company: &str, announced: &str, size: Option<u64>) -> NewEvent {
        let mut e = Event::new(company);
        e.announced = Some(announced.into());
        e.headcount = size.map(|n| Headcount {
            min: Some(n),
            max: Some(n),
            approximate: false,
            text: n.to_string(),
        });
        NewEvent {
            employer_key: company.to_lowercase(),
            event: e,
        }
    }

    fn new_doc<'a>(d: &'a Document, hash: &'a str) -> NewDocument<'a> {
        NewDocument {
            document: d,
            text: d.text.as_deref().unwrap(),
            content_hash: hash,
            kind: SourceKind::News,
            origin: None,
        }
    }

    #[tokio::test]
    async fn stores_once_per_content_merges_and_filters() {
        let store = SqliteStore::in_memory().await.unwrap();
        let (a, b, c) = (doc("a", "text a"), doc("b", "text b"), doc("c", "text c"));
        let mut cut = event("Acme Corp", "2024-04", Some(300));
        cut.event.reasons.push(Reason::CostCutting);
        let batch = [
            (
                new_doc(&a, "h1"),
                vec![cut, event("Globex", "2023-11-02", None)],
            ),
            (
                new_doc(&b, "h2"),
                vec![event("Acme Corp", "2023", Some(50))],
            ),
            (
                new_doc(&c, "h3"),
                vec![event("Acme Corp", "2024-04-02", Some(300))],
            ),
        ];
        let out = store.insert_documents(&batch).await.unwrap();
        assert_eq!(
            out,
            [
                InsertOutcome::Stored {
                    events: 2,
                    merged: 0
                },
                InsertOutcome::Stored {
                    events: 1,
                    merged: 0
                },
                InsertOutcome::Stored {
                    events: 1,
                    merged: 1
                },
            ]
        );
        let again = store.insert_documents(&batch[..1]).await.unwrap();
        assert_eq!(again, [InsertOutcome::AlreadyStored]);
        // The same text under another id is another source of its events.
        let syndicated = doc("a-copy", "text a");
        let copy = store
            .insert_documents(&[(new_doc(&syndicated, "h1"), vec![])])
            .await
            .unwrap();
        assert_eq!(copy, [InsertOutcome::AlreadyStored]);
        assert_eq!(
            store.counts().await.unwrap(),
            StoreCounts {
                documents: 3,
                events: 4,
                canonical_events: 3,
            }
        );

        let acme = EventFilter {
            company: Some("acme".into()),
            ..Default::default()
        };
        let got = store.events(&acme).await.unwrap();
        assert_eq!(got.len(), 2);
        let merged = got
            .iter()
            .find(|e| e.mentions.len() == 2)
            .expect("a merged event");
        assert_eq!(
            merged.event.announced.as_deref(),
            Some("2024-04-02"),
            "most precise date"
        );
        assert!(merged.mentions[1]
            .merge_reason
            .as_deref()
            .unwrap()
            .contains("sizes 300 and 300"));

        let since = EventFilter {
            since: Some("2024-04-15".into()),
            ..Default::default()
        };
        assert!(
            store.events(&since).await.unwrap().is_empty(),
            "day precision now"
        );
        let until = EventFilter {
            until: Some("2023-12".into()),
            ..Default::default()
        };
        assert_eq!(store.events(&until).await.unwrap().len(), 2);
        let big = EventFilter {
            min_headcount: Some(100),
            ..Default::default()
        };
        assert_eq!(
            store.events(&big).await.unwrap()[0].event.company,
            "Acme Corp"
        );
        let reason = EventFilter {
            reason: Some(Reason::CostCutting),
            ..Default::default()
        };
        assert_eq!(store.events(&reason).await.unwrap().len(), 1);
        let key = EventFilter {
            employer_key: Some("globex".into()),
            ..Default::default()
        };
        assert_eq!(store.events(&key).await.unwrap().len(), 1);

        let shown = store.event(merged.id).await.unwrap().unwrap();
        assert_eq!(shown.mentions[0].document.doc_id, "a");
        assert_eq!(shown.copies.len(), 1);
        assert_eq!(shown.copies[0].doc_id, "a-copy");
        let text = store
            .document_text(shown.mentions[0].document.id)
            .await
            .unwrap();
        assert_eq!(text.as_deref(), Some("text a"));
        assert!(store.event(9999).await.unwrap().is_none());
    }

    #[tokio::test]
    async fn like_wildcards_in_company_filter_are_literal() {
        let store = SqliteStore::in_memory().await.unwrap();
        let a = doc("a", "t");
        let batch = [(new_doc(&a, "h"), vec![event("Acme", "2024", None)])];
        store.insert_documents(&batch).await.unwrap();
        let pct = EventFilter {
            company: Some("%".into()),
            ..Default::default()
        };
        assert!(store.events(&pct).await.unwrap().is_empty());
    }
}
