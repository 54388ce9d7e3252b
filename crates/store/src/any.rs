//! The store a command opens: SQLite for a file path, PostgreSQL for a
//! `postgres://` URL.

use crate::{
    CanonicalEvent, CompanyFilter, CompanySummary, EventFilter, EventStore, FeedState,
    InsertOutcome, NewDocument, NewEvent, PgStore, SearchHit, SqliteStore, StoreCounts, StoreError,
    StoredDocument, TextQuery,
};
use layoffwatch_model::Event;
use std::path::Path;

/// Either backend, chosen by where the database is.
#[derive(Debug, Clone)]
pub enum Store {
    Sqlite(SqliteStore),
    Postgres(PgStore),
}

impl Store {
    /// Whether a database location names a PostgreSQL server.
    pub fn is_postgres_url(location: &str) -> bool {
        location.starts_with("postgres://") || location.starts_with("postgresql://")
    }

    /// Opens the database at a location: a `postgres://` URL, else a path
    /// to an SQLite file (created if missing).
    pub async fn open(location: &str) -> Result<Store, StoreError> {
        if Self::is_postgres_url(location) {
            Ok(Store::Postgres(PgStore::connect(location).await?))
        } else {
            Ok(Store::Sqlite(SqliteStore::open(Path::new(location)).await?))
        }
    }

    /// "sqlite" or "postgres".
    pub fn backend(&self) -> &'static str {
        match self {
            Store::Sqlite(_) => "sqlite",
            Store::Postgres(_) => "postgres",
        }
    }
}

impl From<SqliteStore> for Store {
    fn from(s: SqliteStore) -> Store {
        Store::Sqlite(s)
    }
}

impl From<PgStore> for Store {
    fn from(s: PgStore) -> Store {
        Store::Postgres(s)
    }
}

/// Each method of [`EventStore`] handed to the backend in use.
macro_rules! delegate {
    ($(async fn $name:ident(&self $(, $arg:ident: $ty:ty)*) -> $ret:ty;)*) => {
        impl EventStore for Store {
            $(async fn $name(&self $(, $arg: $ty)*) -> $ret {
                match self {
                    Store::Sqlite(s) => s.$name($($arg),*).await,
                    Store::Postgres(s) => s.$name($($arg),*).await,
                }
            })*
        }
    };
}

delegate! {
    async fn insert_documents(&self, batch: &[(NewDocument<'_>, Vec<NewEvent>)]) -> Result<Vec<InsertOutcome>, StoreError>;
    async fn events(&self, filter: &EventFilter) -> Result<Vec<CanonicalEvent>, StoreError>;
    async fn count_events(&self, filter: &EventFilter) -> Result<u64, StoreError>;
    async fn event_facts(&self, filter: &EventFilter) -> Result<Vec<Event>, StoreError>;
    async fn companies(&self, filter: &CompanyFilter) -> Result<Vec<CompanySummary>, StoreError>;
    async fn search(&self, query: &TextQuery, limit: u64) -> Result<Vec<SearchHit>, StoreError>;
    async fn document(&self, document_id: i64) -> Result<Option<StoredDocument>, StoreError>;
    async fn event(&self, id: i64) -> Result<Option<CanonicalEvent>, StoreError>;
    async fn document_text(&self, document_id: i64) -> Result<Option<String>, StoreError>;
    async fn counts(&self) -> Result<StoreCounts, StoreError>;
    async fn feed_state(&self, url: &str) -> Result<Option<FeedState>, StoreError>;
    async fn save_feed_state(&self, state: &FeedState) -> Result<(), StoreError>;
}
