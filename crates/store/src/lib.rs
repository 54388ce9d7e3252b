//! Where documents and their events live. [`EventStore`] is the small,
//! model-typed interface the rest of the program uses; [`SqliteStore`] is the
//! embedded backend, with versioned migrations run when it opens.
#![forbid(unsafe_code)]

mod error;
mod filter;
mod sqlite;

pub use error::StoreError;
pub use filter::EventFilter;
pub use sqlite::SqliteStore;

use layoffwatch_model::{Document, Event};

/// A document to store: its metadata, its text and its content hash.
#[derive(Debug, Clone)]
pub struct NewDocument<'a> {
    pub document: &'a Document,
    pub text: &'a str,
    pub content_hash: &'a str,
}

/// What happened to one document handed to [`EventStore::insert_documents`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InsertOutcome {
    /// Stored, with this many events.
    Stored { events: usize },
    /// A document with the same content hash was already stored.
    AlreadyStored,
}

/// An event as stored, with where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredEvent {
    pub id: i64,
    pub event: Event,
    pub document: DocumentRef,
    /// The event's index in its document's extract output.
    pub ordinal: i64,
}

/// The source document of an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRef {
    pub id: i64,
    pub doc_id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub source: Option<String>,
    pub published: Option<String>,
}

/// Totals of what the store holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoreCounts {
    pub documents: u64,
    pub events: u64,
}

/// The storage interface: speaks model types only.
#[allow(async_fn_in_trait)]
pub trait EventStore {
    /// Stores documents with their events, all in one transaction: either the
    /// whole batch is stored or none of it. Documents whose content hash is
    /// already stored are skipped.
    async fn insert_documents(
        &self,
        batch: &[(NewDocument<'_>, Vec<Event>)],
    ) -> Result<Vec<InsertOutcome>, StoreError>;

    /// Events matching a filter, newest announcement first.
    async fn events(&self, filter: &EventFilter) -> Result<Vec<StoredEvent>, StoreError>;

    /// One event with the text of its document.
    async fn event(&self, id: i64) -> Result<Option<(StoredEvent, String)>, StoreError>;

    async fn counts(&self) -> Result<StoreCounts, StoreError>;
}
