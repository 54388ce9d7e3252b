//! The embedded backend: one SQLite file, WAL mode, migrations at open.

use crate::{
    DocumentRef, EventFilter, EventStore, InsertOutcome, NewDocument, StoreCounts, StoreError,
    StoredEvent,
};
use layoffwatch_model::Event;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool};
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
            .busy_timeout(Duration::from_secs(30));
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
                location: location.clone(),
                source,
            })?;
        MIGRATIONS
            .run(&pool)
            .await
            .map_err(|source| StoreError::Migrate { location, source })?;
        Ok(SqliteStore { pool })
    }

    fn row_to_event(row: &sqlx::sqlite::SqliteRow) -> Result<StoredEvent, StoreError> {
        let id: i64 = row.try_get("id")?;
        let json: String = row.try_get("event")?;
        let event: Event = serde_json::from_str(&json)
            .map_err(|source| StoreError::CorruptEvent { id, source })?;
        Ok(StoredEvent {
            id,
            event,
            ordinal: row.try_get("ordinal")?,
            document: DocumentRef {
                id: row.try_get("document_id")?,
                doc_id: row.try_get("doc_id")?,
                url: row.try_get("url")?,
                title: row.try_get("title")?,
                source: row.try_get("source")?,
                published: row.try_get("published")?,
            },
        })
    }
}

const EVENT_COLUMNS: &str = "SELECT e.id, e.ordinal, e.event, e.document_id, d.doc_id, d.url, \
     d.title, d.source, d.published FROM events e JOIN documents d ON d.id = e.document_id";

impl EventStore for SqliteStore {
    async fn insert_documents(
        &self,
        batch: &[(NewDocument<'_>, Vec<Event>)],
    ) -> Result<Vec<InsertOutcome>, StoreError> {
        let mut tx = self.pool.begin().await?;
        let mut outcomes = Vec::with_capacity(batch.len());
        for (doc, events) in batch {
            let d = doc.document;
            let inserted = sqlx::query(
                "INSERT INTO documents (doc_id, content_hash, url, title, source, published, text) \
                 VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (content_hash) DO NOTHING RETURNING id",
            )
            .bind(&d.id)
            .bind(doc.content_hash)
            .bind(&d.url)
            .bind(&d.title)
            .bind(&d.source)
            .bind(&d.published)
            .bind(doc.text)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(row) = inserted else {
                outcomes.push(InsertOutcome::AlreadyStored);
                continue;
            };
            let document_id: i64 = row.try_get(0)?;
            for (ordinal, event) in events.iter().enumerate() {
                let json = serde_json::to_string(event).expect("events always serialise");
                let reasons = serde_json::to_string(&event.reasons).expect("codes serialise");
                let functions = serde_json::to_string(&event.functions).expect("codes serialise");
                let size = event.headcount.as_ref();
                sqlx::query(
                    "INSERT INTO events (document_id, ordinal, company, announced, headcount_min, \
                     headcount_max, percent, ai_attributed, reasons, functions, event) \
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                .execute(&mut *tx)
                .await?;
            }
            outcomes.push(InsertOutcome::Stored {
                events: events.len(),
            });
        }
        tx.commit().await?;
        Ok(outcomes)
    }

    async fn events(&self, filter: &EventFilter) -> Result<Vec<StoredEvent>, StoreError> {
        let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(EVENT_COLUMNS);
        q.push(" WHERE 1 = 1");
        if let Some(company) = &filter.company {
            q.push(" AND e.company LIKE ")
                .push_bind(format!("%{}%", escape_like(company)))
                .push(" ESCAPE '\\'");
        }
        // Dates compare at the coarser of the two precisions, so an event
        // announced "2024-04" is inside --since 2024-04-15.
        if let Some(since) = &filter.since {
            q.push(" AND e.announced IS NOT NULL AND substr(e.announced, 1, min(length(e.announced), length(")
                .push_bind(since.clone())
                .push("))) >= substr(")
                .push_bind(since.clone())
                .push(", 1, min(length(e.announced), length(")
                .push_bind(since.clone())
                .push(")))");
        }
        if let Some(until) = &filter.until {
            q.push(" AND e.announced IS NOT NULL AND substr(e.announced, 1, min(length(e.announced), length(")
                .push_bind(until.clone())
                .push("))) <= substr(")
                .push_bind(until.clone())
                .push(", 1, min(length(e.announced), length(")
                .push_bind(until.clone())
                .push(")))");
        }
        if let Some(ai) = filter.ai_attributed {
            q.push(" AND e.ai_attributed = ").push_bind(ai);
        }
        if let Some(n) = filter.min_headcount {
            q.push(" AND (e.headcount_max >= ")
                .push_bind(n as i64)
                .push(" OR (e.headcount_max IS NULL AND e.headcount_min IS NOT NULL))");
        }
        if let Some(reason) = filter.reason {
            q.push(" AND EXISTS (SELECT 1 FROM json_each(e.reasons) WHERE value = ")
                .push_bind(reason.as_str())
                .push(")");
        }
        if let Some(function) = filter.function {
            q.push(" AND EXISTS (SELECT 1 FROM json_each(e.functions) WHERE value = ")
                .push_bind(function.as_str())
                .push(")");
        }
        q.push(" ORDER BY e.announced IS NULL, e.announced DESC, e.id");
        if let Some(limit) = filter.limit {
            q.push(" LIMIT ").push_bind(limit as i64);
        }
        let rows = q.build().fetch_all(&self.pool).await?;
        rows.iter().map(Self::row_to_event).collect()
    }

    async fn event(&self, id: i64) -> Result<Option<(StoredEvent, String)>, StoreError> {
        let row = sqlx::query(&format!("{EVENT_COLUMNS} WHERE e.id = ?"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let event = Self::row_to_event(&row)?;
        let text: String = sqlx::query_scalar("SELECT text FROM documents WHERE id = ?")
            .bind(event.document.id)
            .fetch_one(&self.pool)
            .await?;
        Ok(Some((event, text)))
    }

    async fn counts(&self) -> Result<StoreCounts, StoreError> {
        let (documents, events): (i64, i64) = sqlx::query_as(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events)",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(StoreCounts {
            documents: documents as u64,
            events: events as u64,
        })
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

    fn event(company: &str, announced: &str, size: Option<u64>) -> Event {
        let mut e = Event::new(company);
        e.announced = Some(announced.into());
        e.headcount = size.map(|n| Headcount {
            min: Some(n),
            max: Some(n),
            approximate: false,
            text: n.to_string(),
        });
        e
    }

    #[tokio::test]
    async fn stores_once_per_content_and_filters() {
        let store = SqliteStore::in_memory().await.unwrap();
        let a = doc("a", "text a");
        let b = doc("b", "text b");
        let mut cut = event("Acme Corp", "2024-04", Some(300));
        cut.reasons.push(Reason::CostCutting);
        let batch = [
            (
                NewDocument {
                    document: &a,
                    text: "text a",
                    content_hash: "h1",
                },
                vec![cut, event("Globex", "2023-11-02", None)],
            ),
            (
                NewDocument {
                    document: &b,
                    text: "text b",
                    content_hash: "h2",
                },
                vec![event("Acme Corp", "2023", Some(50))],
            ),
        ];
        let out = store.insert_documents(&batch).await.unwrap();
        assert_eq!(
            out,
            [
                InsertOutcome::Stored { events: 2 },
                InsertOutcome::Stored { events: 1 }
            ]
        );
        let again = store.insert_documents(&batch[..1]).await.unwrap();
        assert_eq!(again, [InsertOutcome::AlreadyStored]);
        assert_eq!(
            store.counts().await.unwrap(),
            StoreCounts {
                documents: 2,
                events: 3
            }
        );

        let acme = EventFilter {
            company: Some("acme".into()),
            ..Default::default()
        };
        assert_eq!(store.events(&acme).await.unwrap().len(), 2);
        let since = EventFilter {
            since: Some("2024-04-15".into()),
            ..Default::default()
        };
        let got = store.events(&since).await.unwrap();
        assert_eq!(got.len(), 1, "month-precision event is inside a day filter");
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

        let first = &store.events(&EventFilter::default()).await.unwrap()[0];
        let (shown, text) = store.event(first.id).await.unwrap().unwrap();
        assert_eq!(shown.document.doc_id, "a");
        assert_eq!(text, "text a");
        assert!(store.event(9999).await.unwrap().is_none());
    }

    #[tokio::test]
    async fn like_wildcards_in_company_filter_are_literal() {
        let store = SqliteStore::in_memory().await.unwrap();
        let a = doc("a", "t");
        let batch = [(
            NewDocument {
                document: &a,
                text: "t",
                content_hash: "h",
            },
            vec![event("Acme", "2024", None)],
        )];
        store.insert_documents(&batch).await.unwrap();
        let pct = EventFilter {
            company: Some("%".into()),
            ..Default::default()
        };
        assert!(store.events(&pct).await.unwrap().is_empty());
    }
}
