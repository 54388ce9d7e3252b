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

pub use layoffwatch_merge::SourceKind;

use layoffwatch_model::{Document, Event};

/// A document to store: its metadata, its text, its content hash, and where
/// it comes from.
#[derive(Debug, Clone)]
pub struct NewDocument<'a> {
    pub document: &'a Document,
    pub text: &'a str,
    pub content_hash: &'a str,
    pub kind: SourceKind,
    /// File and line it was read from, for provenance.
    pub origin: Option<&'a str>,
}

/// An event of a new document with the key of its employer, by which
/// mentions of one cut find each other.
#[derive(Debug, Clone)]
pub struct NewEvent {
    pub event: Event,
    pub employer_key: String,
}

/// What happened to one document handed to [`EventStore::insert_documents`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InsertOutcome {
    /// Stored, with this many events, of which `merged` joined an existing
    /// canonical event.
    Stored { events: usize, merged: usize },
    /// A document with the same content hash was already stored.
    AlreadyStored,
}

/// An event as one source reported it (a mention), with where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredEvent {
    pub id: i64,
    pub event: Event,
    pub document: DocumentRef,
    /// The event's index in its document's extract output.
    pub ordinal: i64,
    /// The canonical event it belongs to, and why it joined it.
    pub canonical_id: Option<i64>,
    pub merge_reason: Option<String>,
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
    pub kind: SourceKind,
    pub origin: Option<String>,
}

/// One real cut: the merged event and every mention that reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct CanonicalEvent {
    pub id: i64,
    pub event: Event,
    /// Sources gave sizes that disagree (within 10%); see the mentions.
    pub conflict: bool,
    pub mentions: Vec<StoredEvent>,
    /// Further sources that carried the very same text as a mention's
    /// document (syndicated copy); their events are the mention's.
    pub copies: Vec<DocumentRef>,
}

impl CanonicalEvent {
    /// How many mentions come from sources of this kind.
    pub fn count_kind(&self, kind: SourceKind) -> usize {
        self.mentions
            .iter()
            .filter(|m| m.document.kind == kind)
            .count()
    }
}

/// Totals of what the store holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoreCounts {
    pub documents: u64,
    pub events: u64,
    pub canonical_events: u64,
}

/// The storage interface: speaks model types only.
#[allow(async_fn_in_trait)]
pub trait EventStore {
    /// Stores documents with their events, all in one transaction: either the
    /// whole batch is stored or none of it. Documents whose content hash is
    /// already stored are skipped. Each new event is merged into the
    /// canonical event of the same cut, or starts one.
    async fn insert_documents(
        &self,
        batch: &[(NewDocument<'_>, Vec<NewEvent>)],
    ) -> Result<Vec<InsertOutcome>, StoreError>;

    /// Canonical events matching a filter, newest announcement first, each
    /// with its mentions.
    async fn events(&self, filter: &EventFilter) -> Result<Vec<CanonicalEvent>, StoreError>;

    /// One canonical event with its mentions.
    async fn event(&self, id: i64) -> Result<Option<CanonicalEvent>, StoreError>;

    /// The text of a stored document.
    async fn document_text(&self, document_id: i64) -> Result<Option<String>, StoreError>;

    async fn counts(&self) -> Result<StoreCounts, StoreError>;
}
