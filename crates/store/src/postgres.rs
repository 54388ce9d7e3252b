//! The shared backend: a PostgreSQL database that a team (or many ingest
//! processes) writes to at once. Same tables as SQLite, its own
//! migrations, full text through a `tsvector` column with a GIN index.

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
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Connection, PgConnection, PgPool, Postgres, QueryBuilder, Row};
use std::collections::HashMap;
use std::str::FromStr;
use std::sync::LazyLock;
use std::time::Duration;

static MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// The advisory lock every writing transaction holds: merging reads the
/// canonical events of an employer and then writes them, so two writers
/// (two `ingest` processes) must not interleave. Extraction, the costly
/// part, runs before and outside it.
const WRITE_LOCK: i64 = 0x6c61_796f_6666; // "layoff"

/// How long opening the first connection may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The PostgreSQL store.
#[derive(Debug, Clone)]
pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    /// Connects to the database at a `postgres://` URL and brings its schema
    /// up to date (migrations take a lock, so processes starting together
    /// migrate once).
    pub async fn connect(url: &str) -> Result<PgStore, StoreError> {
        let location = redact(url);
        let options = PgConnectOptions::from_str(url).map_err(|cause| StoreError::Open {
            location: location.clone(),
            cause,
        })?;
        let open = |cause| StoreError::Open {
            location: location.clone(),
            cause,
        };
        // One connection first, so that a server that is down or a wrong
        // password is said at once (the pool would retry for its whole
        // acquire timeout).
        let first = tokio::time::timeout(CONNECT_TIMEOUT, PgConnection::connect_with(&options))
            .await
            .map_err(|_| open(sqlx::Error::PoolTimedOut))?
            .map_err(open)?;
        let pool = PgPoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(30))
            .connect_lazy_with(options);
        first.close().await.map_err(open)?;
        MIGRATIONS
            .run(&pool)
            .await
            .map_err(|cause| StoreError::Migrate { location, cause })?;
        Ok(PgStore { pool })
    }

    /// The mentions of these canonical events, grouped by canonical id.
    async fn mentions_of(&self, ids: &[i64]) -> Result<HashMap<i64, Vec<StoredEvent>>, StoreError> {
        let rows = sqlx::query(&format!(
            "{MENTION_COLUMNS} WHERE e.canonical_id = ANY($1) \
             ORDER BY e.canonical_id, d.published NULLS LAST, d.content_hash, e.ordinal"
        ))
        .bind(ids)
        .fetch_all(&self.pool)
        .await?;
        let mut out: HashMap<i64, Vec<StoredEvent>> = HashMap::new();
        for row in &rows {
            let m = shared::mention(row)?;
            out.entry(m.canonical_id.unwrap_or_default())
                .or_default()
                .push(m);
        }
        Ok(out)
    }

    /// Further sources of the same texts, by document row id.
    async fn copies_of(&self, docs: &[i64]) -> Result<HashMap<i64, Vec<DocumentRef>>, StoreError> {
        let rows = sqlx::query(&format!(
            "{COPY_COLUMNS} SELECT unnest($1::bigint[])) ORDER BY s.id"
        ))
        .bind(docs)
        .fetch_all(&self.pool)
        .await?;
        let mut out: HashMap<i64, Vec<DocumentRef>> = HashMap::new();
        for row in &rows {
            let d = shared::document_ref(row, None)?;
            out.entry(d.id).or_default().push(d);
        }
        Ok(out)
    }

    async fn with_mentions(
        &self,
        rows: Vec<(i64, String)>,
    ) -> Result<Vec<CanonicalEvent>, StoreError> {
        let mut states = Vec::with_capacity(rows.len());
        for (id, json) in rows {
            states.push((id, shared::canonical_state(id, &json)?));
        }
        let ids: Vec<i64> = states.iter().map(|(id, _)| *id).collect();
        let mentions = self.mentions_of(&ids).await?;
        let docs: Vec<i64> = mentions.values().flatten().map(|m| m.document.id).collect();
        let copies = self.copies_of(&docs).await?;
        Ok(shared::assemble(states, mentions, &copies))
    }
}

/// A URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// Documents per insert statement; the full-text vectors of each such
/// chunk are computed by two statements on two connections at once.
const VECTOR_CHUNK: usize = 64;

/// The full-text vector (as text) of each document of a chunk: weighted
/// words of the title and of the text, by PostgreSQL's `to_tsvector`.
/// Computed apart from the insert, outside the write transaction and in two
/// halves at once, so that several server processes share the costliest
/// part of storing a document while the writer inserts the chunk before.
async fn search_vectors(
    pool: &PgPool,
    chunk: &[(NewDocument<'_>, Vec<NewEvent>)],
) -> Result<Vec<String>, StoreError> {
    let halves = chunk.chunks(chunk.len().div_ceil(2).max(1)).map(|half| {
        let titles: Vec<String> = half
            .iter()
            .map(|(d, _)| words_only(d.document.title.as_deref().unwrap_or("")))
            .collect();
        let texts: Vec<String> = half.iter().map(|(d, _)| words_only(d.text)).collect();
        sqlx::query_scalar::<_, String>(
            "SELECT (setweight(to_tsvector('english', t), 'A') || \
             setweight(to_tsvector('english', x), 'B'))::text \
             FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS d (t, x, n) ORDER BY n",
        )
        .bind(titles)
        .bind(texts)
        .fetch_all(pool)
    });
    let vectors = futures_util::future::try_join_all(halves).await?;
    Ok(vectors.into_iter().flatten().collect())
}

/// Inserts a batch's documents in one statement; the row id of each, or
/// None for a document whose text is already stored (before, or earlier in
/// the batch).
async fn insert_documents(
    tx: &mut sqlx::Transaction<'_, Postgres>,
    batch: &[(NewDocument<'_>, Vec<NewEvent>)],
    vectors: Vec<String>,
) -> Result<Vec<Option<i64>>, StoreError> {
    let column = |f: &dyn Fn(&NewDocument<'_>) -> Option<String>| -> Vec<Option<String>> {
        batch.iter().map(|(d, _)| f(d)).collect()
    };
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "INSERT INTO documents (doc_id, content_hash, url, title, source, published, text, kind, \
         origin, search) \
         SELECT doc_id, content_hash, url, title, source, published, text, kind, origin, \
         search::tsvector \
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], \
         $7::text[], $8::text[], $9::text[], $10::text[]) WITH ORDINALITY \
         AS d (doc_id, content_hash, url, title, source, published, text, kind, origin, search, n) \
         ORDER BY n ON CONFLICT (content_hash) DO NOTHING RETURNING id, content_hash",
    )
    .bind(column(&|d| Some(d.document.id.clone())))
    .bind(column(&|d| Some(d.content_hash.to_string())))
    .bind(column(&|d| d.document.url.clone()))
    .bind(column(&|d| d.document.title.clone()))
    .bind(column(&|d| d.document.source.clone()))
    .bind(column(&|d| d.document.published.clone()))
    .bind(column(&|d| Some(d.text.to_string())))
    .bind(column(&|d| Some(d.kind.as_str().to_string())))
    .bind(column(&|d| d.origin.map(str::to_string)))
    .bind(vectors)
    .fetch_all(&mut **tx)
    .await?;
    let mut stored: HashMap<String, i64> = rows.into_iter().map(|(id, h)| (h, id)).collect();
    // The first document with a newly stored hash owns the row.
    Ok(batch
        .iter()
        .map(|(d, _)| stored.remove(d.content_hash))
        .collect())
}

/// Up to the first 256 KiB of a text with every run of characters other
/// than letters and digits made one space: the words the full-text index
/// takes, split as SQLite's tokenizer splits them (a URL's path gives its
/// words). Done here, not by a regular expression in the server, which
/// costs the server more than the rest of indexing.
fn words_only(text: &str) -> String {
    let mut end = text.len().min(256 << 10);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut out = String::with_capacity(end);
    let mut space = false;
    for c in text[..end].chars() {
        if c.is_alphanumeric() {
            out.push(c);
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    out
}

/// Regroups every mention of employer `key` (after new ones were stored)
/// and writes what changed; returns (event row id, canonical id) of each
/// mention.
async fn regroup_employer(
    tx: &mut sqlx::Transaction<'_, Postgres>,
    key: &str,
) -> Result<Vec<(i64, i64)>, StoreError> {
    let rows: Vec<shared::MemberRow> = sqlx::query_as(
        "SELECT e.id, e.event, e.document_id, d.kind, d.content_hash, e.ordinal::bigint, \
         e.canonical_id, e.merge_reason \
         FROM events e JOIN documents d ON d.id = e.document_id WHERE e.employer_key = $1",
    )
    .bind(key)
    .fetch_all(&mut **tx)
    .await?;
    let stored: Vec<(i64, String)> =
        sqlx::query_as(&format!("{STATE_COLUMNS} WHERE c.employer_key = $1"))
            .bind(key)
            .fetch_all(&mut **tx)
            .await?;
    let r = shared::regroup(key, rows, stored)?;
    for (id, state) in &r.write {
        save_canonical(tx, *id, key, state).await?;
    }
    if !r.assign.is_empty() {
        let mut events = Vec::with_capacity(r.assign.len());
        let mut canonical = Vec::with_capacity(r.assign.len());
        let mut reasons = Vec::with_capacity(r.assign.len());
        for (e, c, why) in &r.assign {
            events.push(*e);
            canonical.push(*c);
            reasons.push(why.clone());
        }
        sqlx::query(
            "UPDATE events SET canonical_id = u.c, merge_reason = u.r \
             FROM unnest($1::bigint[], $2::bigint[], $3::text[]) AS u (e, c, r) \
             WHERE events.id = u.e",
        )
        .bind(events)
        .bind(canonical)
        .bind(reasons)
        .execute(&mut **tx)
        .await?;
    }
    if !r.delete.is_empty() {
        sqlx::query("DELETE FROM canonical_events WHERE id = ANY($1)")
            .bind(&r.delete)
            .execute(&mut **tx)
            .await?;
    }
    Ok(r.groups)
}

/// Writes a canonical event row with its id (new or changed).
async fn save_canonical(
    tx: &mut sqlx::Transaction<'_, Postgres>,
    id: i64,
    key: &str,
    state: &Canonical,
) -> Result<i64, StoreError> {
    let c = CanonicalColumns::of(state);
    let e = c.event;
    // Ids are derived from the sources, so they are given, not generated.
    static SQL: LazyLock<String> = LazyLock::new(|| {
        upsert_canonical_sql(
            " OVERRIDING SYSTEM VALUE",
            "$1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10::jsonb, $11, $12, \
             $13::jsonb, $14::jsonb, $15, $16",
        )
    });
    let sql = SQL.as_str();
    let q = sqlx::query_scalar(sql)
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
        .bind(id);
    let id: i64 = q.fetch_one(&mut **tx).await?;
    sqlx::query(
        "INSERT INTO canonical_state (id, state) VALUES ($1, $2) \
         ON CONFLICT (id) DO UPDATE SET state = excluded.state",
    )
    .bind(id)
    .bind(c.state)
    .execute(&mut **tx)
    .await?;
    Ok(id)
}

impl EventStore for PgStore {
    async fn insert_documents(
        &self,
        batch: &[(NewDocument<'_>, Vec<NewEvent>)],
    ) -> Result<Vec<InsertOutcome>, StoreError> {
        // The vectors of the first chunk come before the write lock; those
        // of each next chunk while the chunk before is being inserted.
        let chunks: Vec<_> = batch.chunks(VECTOR_CHUNK).collect();
        let mut vectors = match chunks.first() {
            Some(chunk) => search_vectors(&self.pool, chunk).await?,
            None => Vec::new(),
        };
        let mut tx = self.pool.begin().await?;
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(WRITE_LOCK)
            .execute(&mut *tx)
            .await?;
        let mut ids = Vec::with_capacity(batch.len());
        for (j, chunk) in chunks.iter().enumerate() {
            let next = async {
                match chunks.get(j + 1) {
                    Some(next) => search_vectors(&self.pool, next).await,
                    None => Ok(Vec::new()),
                }
            };
            let (inserted, next) = tokio::join!(
                insert_documents(&mut tx, chunk, std::mem::take(&mut vectors)),
                next
            );
            ids.extend(inserted?);
            vectors = next?;
        }
        let mut outcomes = Vec::with_capacity(batch.len());
        let mut touched = std::collections::BTreeSet::new();
        // (outcome index, event row id) of each new mention.
        let mut mine: Vec<(usize, i64)> = Vec::new();
        for ((doc, events), id) in batch.iter().zip(ids) {
            let d = doc.document;
            let Some(document_id) = id else {
                // The same text again: under another id it is another source.
                sqlx::query(
                    "INSERT INTO document_sources (document_id, doc_id, url, title, source, published) \
                     SELECT id, $1, $2, $3, $4, $5 FROM documents WHERE content_hash = $6 AND doc_id <> $1 \
                     ON CONFLICT (document_id, doc_id) DO NOTHING",
                )
                .bind(&d.id)
                .bind(&d.url)
                .bind(&d.title)
                .bind(&d.source)
                .bind(&d.published)
                .bind(doc.content_hash)
                .execute(&mut *tx)
                .await?;
                outcomes.push(InsertOutcome::AlreadyStored);
                continue;
            };
            for (ordinal, new) in events.iter().enumerate() {
                touched.insert(new.employer_key.as_str());
                let json = serde_json::to_string(&new.event).expect("events always serialise");
                let e = EventColumns::of(&new.event);
                let event_id: i64 = sqlx::query_scalar(
                    "INSERT INTO events (document_id, ordinal, company, announced, headcount_min, \
                     headcount_max, percent, ai_attributed, reasons, functions, event, \
                     employer_key) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11, $12) \
                     RETURNING id",
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
        let mut q: QueryBuilder<Postgres> = QueryBuilder::new(STATE_COLUMNS);
        push_filter(&mut q, filter, Order::Sorted, Dialect::Postgres);
        let rows: Vec<(i64, String)> = q.build_query_as().fetch_all(&self.pool).await?;
        self.with_mentions(rows).await
    }

    async fn count_events(&self, filter: &EventFilter) -> Result<u64, StoreError> {
        let mut q: QueryBuilder<Postgres> =
            QueryBuilder::new("SELECT count(*) FROM canonical_events c");
        push_filter(&mut q, &filter.unpaged(), Order::Any, Dialect::Postgres);
        let n: i64 = q.build_query_scalar().fetch_one(&self.pool).await?;
        Ok(n.max(0) as u64)
    }

    async fn event_facts(&self, filter: &EventFilter) -> Result<Vec<Event>, StoreError> {
        // One JSON array, as in SQLite: one value to decode instead of a
        // row per event.
        let mut q: QueryBuilder<Postgres> = QueryBuilder::new(
            "SELECT coalesce(json_agg(json_build_array(announced, headcount_min, headcount_max, \
             ai_attributed, reasons, functions, locations, company, roles, ai_source)), '[]')::text \
             FROM (SELECT c.announced, c.headcount_min, c.headcount_max, c.ai_attributed, \
             c.reasons, c.functions, c.locations, c.company, c.roles, c.ai_source \
             FROM canonical_events c",
        );
        push_filter(&mut q, filter, Order::Any, Dialect::Postgres);
        q.push(") f");
        let json: String = q.build_query_scalar().fetch_one(&self.pool).await?;
        let rows: Vec<Facts> = serde_json::from_str(&json).map_err(StoreError::CorruptColumns)?;
        Ok(rows.into_iter().map(shared::facts_event).collect())
    }

    async fn companies(&self, filter: &CompanyFilter) -> Result<Vec<CompanySummary>, StoreError> {
        let mut q: QueryBuilder<Postgres> = shared::companies_query(filter);
        let rows = q.build().fetch_all(&self.pool).await?;
        rows.iter().map(shared::company_summary).collect()
    }

    async fn search(&self, query: &TextQuery, limit: u64) -> Result<Vec<SearchHit>, StoreError> {
        let rows = sqlx::query(
            "SELECT d.id AS document_id, d.doc_id, d.url, d.title, d.source, d.published, d.kind, \
             ts_headline('english', left(d.text, 262144), q, \
               'StartSel=' || chr(2) || ', StopSel=' || chr(3) || \
               ', MaxFragments=2, MaxWords=24, MinWords=10, FragmentDelimiter=\" … \"') AS snippet, \
             (SELECT coalesce(json_agg(DISTINCT e.canonical_id), '[]')::text FROM events e \
              WHERE e.document_id = d.id AND e.canonical_id IS NOT NULL) AS events \
             FROM documents d, to_tsquery('english', $1) q \
             WHERE d.search @@ q ORDER BY ts_rank(d.search, q) DESC, d.id LIMIT $2",
        )
        .bind(query.tsquery())
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
             FROM documents WHERE id = $1",
        )
        .bind(document_id)
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        let document = shared::document_ref(&row, row.try_get("origin")?)?;
        let mentions = sqlx::query(&format!(
            "{MENTION_COLUMNS} WHERE e.document_id = $1 ORDER BY e.ordinal"
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
        let rows: Vec<(i64, String)> = sqlx::query_as(&format!("{STATE_COLUMNS} WHERE c.id = $1"))
            .bind(id)
            .fetch_all(&self.pool)
            .await?;
        Ok(self.with_mentions(rows).await?.pop())
    }

    async fn document_text(&self, document_id: i64) -> Result<Option<String>, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT text FROM documents WHERE id = $1")
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
            "SELECT url, etag, last_modified, checked_at, status FROM feed_state WHERE url = $1",
        )
        .bind(url)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn save_feed_state(&self, s: &FeedState) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO feed_state (url, etag, last_modified, checked_at, status) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, \
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

#[cfg(test)]
mod tests {
    use super::{redact, words_only};

    #[test]
    fn only_words_reach_the_index() {
        assert_eq!(
            words_only("See https://x.com/acme-to-cut-90-jobs/ — Müller's plant."),
            "See https x com acme to cut 90 jobs Müller s plant "
        );
        let long = "é".repeat(200_000);
        assert!(words_only(&long).len() <= 256 << 10);
    }

    #[test]
    fn passwords_stay_out_of_messages() {
        assert_eq!(
            redact("postgres://me:secret@db:5432/lw"),
            "postgres://me:***@db:5432/lw"
        );
        assert_eq!(redact("postgres://me@db/lw"), "postgres://me@db/lw");
        assert_eq!(
            redact("postgres:///lw?host=/tmp"),
            "postgres:///lw?host=/tmp"
        );
    }
}
