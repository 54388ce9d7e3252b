//! What the CLI and the server show of stored events, computed once: the
//! row of a canonical event with its sources, breakdowns by month, reason,
//! function and country, tracker/news coverage, and evidence marked in the
//! text.
#![forbid(unsafe_code)]

mod breakdown;
mod coverage;
mod passage;
mod view;

pub use breakdown::{breakdown, totals, By, StatRow};
pub use coverage::{coverage_rows, CoverageRow};
pub use passage::{evidence_passages, marked_text, Passage, TextPart};
pub use view::{event_view, EventView, MentionView, SourceView};
