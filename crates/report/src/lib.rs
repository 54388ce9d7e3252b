//! What the CLI and the server show of stored events, computed once: the
//! row of a canonical event with its sources, breakdowns by month, reason,
//! function and country, tracker/news coverage, AI exposure of the
//! occupations cut, and evidence marked in the text.
#![forbid(unsafe_code)]

mod breakdown;
mod coverage;
mod exposure;
mod passage;
mod view;

pub use breakdown::{breakdown, totals, By, StatRow};
pub use coverage::{coverage_rows, CoverageRow};
pub use exposure::{
    event_exposure, exposure_report, AiComparison, Band, CompanyRow, EventExposure, ExposureReport,
    MonthBandRow, OccupationExposure, OccupationRow, RoleOccupation, TraitRow,
};
pub use passage::{evidence_passages, marked_text, Passage, TextPart};
pub use view::{event_view, EventView, MentionView, SourceView};
