//! The layoff event contract of `shared/spec/EVENTS.md` as Rust types.
//!
//! Every other crate speaks these types: the extractor produces them, the
//! store keeps them, the CLI prints them. Field names and code lists are the
//! public interface, so serde renames follow the contract exactly.
#![forbid(unsafe_code)]

mod codes;
mod dates;
mod document;
mod event;

pub use codes::{Function, Reason, UnknownCode};
pub use dates::is_date_prefix;
pub use document::{Document, DocumentError, ExtractOutput};
pub use event::{AiSource, Event, Evidence, Field, Headcount, Severance};
