//! Where documents and their events live. [`EventStore`] is the small,
//! model-typed interface the rest of the program uses; [`SqliteStore`] is the
//! embedded backend and [`PgStore`] the shared one, each with versioned
//! migrations of its own run when it opens; [`Store`] is whichever a
//! database location names.
#![forbid(unsafe_code)]

mod any;
mod error;
mod filter;
mod postgres;
mod shared;
mod sqlite;

pub use any::Store;
pub use error::StoreError;
pub use filter::{AiFilter, Cursor, EventFilter, EventSort, TextQuery};
pub use postgres::PgStore;
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

impl NewEvent {
    /// The events of one document, each with its employer's key.
    pub fn keyed(events: Vec<Event>, key: impl Fn(&str) -> String) -> Vec<NewEvent> {
        events
            .into_iter()
            .map(|event| NewEvent {
                employer_key: key(&event.company),
                event,
            })
            .collect()
    }
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
    /// One source has the employer tie the cut to AI, another has it deny
    /// that; `event.ai_source` keeps the tie.
    pub ai_conflict: bool,
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

/// A stored document with its text and the events extracted from it.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredDocument {
    pub document: DocumentRef,
    pub text: String,
    pub mentions: Vec<StoredEvent>,
}

/// Which companies to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompanyFilter {
    /// Employer keys starting with this (case-insensitive).
    pub prefix: Option<String>,
    pub limit: Option<u64>,
}

/// One employer's cuts in total.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CompanySummary {
    pub employer_key: String,
    /// A name its events carry (they may spell it differently).
    pub company: String,
    pub events: u64,
    /// Sums of the size ranges (unknown sizes count 0).
    pub jobs_min: u64,
    pub jobs_max: u64,
    pub ai_events: u64,
    /// Earliest and latest announcement.
    pub first: Option<String>,
    pub last: Option<String>,
}

/// A document that matches a full-text query.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    pub document: DocumentRef,
    pub snippet: Snippet,
    /// Canonical events reported by the document.
    pub events: Vec<i64>,
}

/// A passage of a document, as pieces of text of which some match the query.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Snippet {
    pub parts: Vec<SnippetPart>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SnippetPart {
    pub text: String,
    pub hit: bool,
}

impl Snippet {
    /// Reads a passage whose matches are bracketed by U+0002 and U+0003.
    pub fn from_marked(marked: &str) -> Snippet {
        let mut parts = Vec::new();
        for (i, piece) in marked.split('\u{2}').enumerate() {
            let (hit, rest) = match piece.split_once('\u{3}') {
                Some((hit, rest)) if i > 0 => (hit, rest),
                _ => ("", piece),
            };
            for (text, hit) in [(hit, true), (rest, false)] {
                if !text.is_empty() {
                    parts.push(SnippetPart {
                        text: text.to_string(),
                        hit,
                    });
                }
            }
        }
        Snippet { parts }
    }
}

/// Totals of what the store holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoreCounts {
    pub documents: u64,
    pub events: u64,
    pub canonical_events: u64,
}

/// What a feed watcher last heard from a feed.
#[derive(Debug, Clone, PartialEq, Eq, Default, sqlx::FromRow)]
pub struct FeedState {
    pub url: String,
    /// Validators for the next conditional request.
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// When it was polled (RFC 3339) and how that went.
    pub checked_at: String,
    pub status: String,
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

    /// How many canonical events match a filter, over all pages.
    async fn count_events(&self, filter: &EventFilter) -> Result<u64, StoreError>;

    /// What totals and breakdowns need of the events matching a filter, read
    /// cheaply: the company, the date, the size range, AI attribution,
    /// reasons, functions, roles and places. Every other field is empty.
    async fn event_facts(&self, filter: &EventFilter) -> Result<Vec<Event>, StoreError>;

    /// Employers with their totals, most events first.
    async fn companies(&self, filter: &CompanyFilter) -> Result<Vec<CompanySummary>, StoreError>;

    /// Documents matching a full-text query, best first, with a passage.
    async fn search(&self, query: &TextQuery, limit: u64) -> Result<Vec<SearchHit>, StoreError>;

    /// A stored document with its text and events.
    async fn document(&self, document_id: i64) -> Result<Option<StoredDocument>, StoreError>;

    /// One canonical event with its mentions.
    async fn event(&self, id: i64) -> Result<Option<CanonicalEvent>, StoreError>;

    /// The text of a stored document.
    async fn document_text(&self, document_id: i64) -> Result<Option<String>, StoreError>;

    async fn counts(&self) -> Result<StoreCounts, StoreError>;

    /// What was last heard from a feed, if it was polled before.
    async fn feed_state(&self, url: &str) -> Result<Option<FeedState>, StoreError>;

    /// Keeps what was heard from a feed (replacing the earlier state).
    async fn save_feed_state(&self, state: &FeedState) -> Result<(), StoreError>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_split_at_their_marks() {
        let s = Snippet::from_marked("…cut \u{2}jobs\u{3} at the \u{2}plant\u{3}");
        let hits: Vec<(&str, bool)> = s.parts.iter().map(|p| (p.text.as_str(), p.hit)).collect();
        assert_eq!(
            hits,
            [
                ("…cut ", false),
                ("jobs", true),
                (" at the ", false),
                ("plant", true)
            ]
        );
        assert_eq!(Snippet::from_marked("plain").parts.len(), 1);
    }
}
