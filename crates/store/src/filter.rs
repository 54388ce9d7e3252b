use layoffwatch_model::{Function, Reason};

/// Which events to return. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventFilter {
    /// Case-insensitive substring of the company name.
    pub company: Option<String>,
    /// Exactly this employer key (see `Extractor::employer_key`).
    pub employer_key: Option<String>,
    /// Only events with a mention from this kind of source.
    pub kind: Option<crate::SourceKind>,
    /// Announced on or after this date prefix (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`).
    pub since: Option<String>,
    /// Announced on or before this date prefix.
    pub until: Option<String>,
    pub ai_attributed: Option<bool>,
    /// Keeps events whose size may reach this many jobs.
    pub min_headcount: Option<u64>,
    pub reason: Option<Reason>,
    pub function: Option<Function>,
    pub limit: Option<u64>,
}
