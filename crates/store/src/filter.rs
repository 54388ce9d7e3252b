use layoffwatch_model::{Function, Reason};

/// Which events to return, in which order, from where. Empty fields do not
/// filter.
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
    /// Only events whose `ai_source` is this (employer, reporting, denied).
    pub ai_source: Option<layoffwatch_model::AiSource>,
    /// Keeps events whose size may reach this many jobs.
    pub min_headcount: Option<u64>,
    pub reason: Option<Reason>,
    pub function: Option<Function>,
    /// Words that a source article of the event contains (all of them; a
    /// trailing `*` matches any ending). See [`TextQuery`].
    pub text: Option<TextQuery>,
    pub sort: EventSort,
    /// Continue after this event (the last one of the previous page).
    pub after: Option<Cursor>,
    pub limit: Option<u64>,
}

impl EventFilter {
    /// The same filter over every match: no cursor and no page limit (for
    /// counting what a paged list holds in all).
    pub fn unpaged(&self) -> EventFilter {
        EventFilter {
            after: None,
            limit: None,
            ..self.clone()
        }
    }
}

/// The AI filter of the CLI and the API: any tie to AI, or who makes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AiFilter {
    /// Attributed to AI by anyone (`ai_attributed`).
    Any,
    /// The employer itself ties the cut to AI (Challenger-comparable).
    Employer,
    /// Only the reporting ties it.
    Reporting,
    /// The employer denies that AI is behind the cut.
    Denied,
    /// Not tied to AI (`ai_attributed` false).
    NotTied,
}

impl AiFilter {
    pub const ALL: [AiFilter; 5] = [
        AiFilter::Any,
        AiFilter::Employer,
        AiFilter::Reporting,
        AiFilter::Denied,
        AiFilter::NotTied,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AiFilter::Any => "any",
            AiFilter::Employer => "employer",
            AiFilter::Reporting => "reporting",
            AiFilter::Denied => "denied",
            AiFilter::NotTied => "none",
        }
    }

    /// "any", "employer", "reporting", "denied" or "none"; "true", "1" and
    /// "yes" are "any", "false", "0" and "no" are "none".
    pub fn parse(s: &str) -> Option<AiFilter> {
        match s {
            "true" | "1" | "yes" => Some(AiFilter::Any),
            "false" | "0" | "no" => Some(AiFilter::NotTied),
            _ => AiFilter::ALL.into_iter().find(|v| v.as_str() == s),
        }
    }

    /// Narrows an event filter to this AI filter.
    pub fn apply(self, f: &mut EventFilter) {
        use layoffwatch_model::AiSource;
        match self {
            AiFilter::Any => f.ai_attributed = Some(true),
            AiFilter::Employer => f.ai_source = Some(AiSource::Employer),
            AiFilter::Reporting => f.ai_source = Some(AiSource::Reporting),
            AiFilter::Denied => f.ai_source = Some(AiSource::Denied),
            AiFilter::NotTied => f.ai_attributed = Some(false),
        }
    }
}

/// The order of a list of events.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum EventSort {
    /// Latest announcement first; undated events last.
    #[default]
    Newest,
    /// Earliest announcement first; undated events are left out, as they
    /// have no place in a date order.
    Oldest,
    /// Most jobs first (the top of the size range); unknown sizes last.
    Largest,
}

impl EventSort {
    pub const ALL: [EventSort; 3] = [EventSort::Newest, EventSort::Oldest, EventSort::Largest];

    pub fn as_str(self) -> &'static str {
        match self {
            EventSort::Newest => "newest",
            EventSort::Oldest => "oldest",
            EventSort::Largest => "largest",
        }
    }

    pub fn parse(s: &str) -> Option<EventSort> {
        EventSort::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// Where a page of events ends, in the sort order it was made with: the sort
/// key of its last event and that event's id. As a token it reads
/// `2024-04-03~17` (by date) or `500~17` (by size).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cursor {
    Date { date: String, id: i64 },
    Size { size: i64, id: i64 },
}

impl Cursor {
    /// The cursor after an event listed in this order.
    pub fn after(event: &crate::CanonicalEvent, sort: EventSort) -> Cursor {
        let e = &event.event;
        match sort {
            EventSort::Newest | EventSort::Oldest => Cursor::Date {
                date: e.announced.clone().unwrap_or_default(),
                id: event.id,
            },
            EventSort::Largest => Cursor::Size {
                size: e
                    .headcount
                    .as_ref()
                    .and_then(|h| h.max.or(h.min))
                    .map_or(-1, |v| v as i64),
                id: event.id,
            },
        }
    }

    pub fn token(&self) -> String {
        match self {
            Cursor::Date { date, id } => format!("{date}~{id}"),
            Cursor::Size { size, id } => format!("{size}~{id}"),
        }
    }

    /// Reads a token made by [`Cursor::token`] for this sort order.
    pub fn parse(token: &str, sort: EventSort) -> Option<Cursor> {
        let (key, id) = token.rsplit_once('~')?;
        let id: i64 = id.parse().ok()?;
        match sort {
            EventSort::Newest | EventSort::Oldest => {
                let ok = key.len() <= 10 && key.bytes().all(|b| b.is_ascii_digit() || b == b'-');
                ok.then(|| Cursor::Date {
                    date: key.to_string(),
                    id,
                })
            }
            EventSort::Largest => Some(Cursor::Size {
                size: key.parse().ok()?,
                id,
            }),
        }
    }
}

/// A full-text query made safe: the words of what a user typed, each
/// quoted, so no input is a syntax error; all must occur. A word typed
/// with a trailing `*` matches any ending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextQuery {
    words: Vec<(String, bool)>,
}

impl TextQuery {
    /// At most this many words are kept.
    pub const MAX_WORDS: usize = 16;

    /// None when the input has no word.
    pub fn new(input: &str) -> Option<TextQuery> {
        let mut words = Vec::new();
        for raw in input.split(|c: char| !(c.is_alphanumeric() || c == '*')) {
            let prefix = raw.ends_with('*');
            let word: String = raw.chars().filter(|c| c.is_alphanumeric()).collect();
            if word.is_empty() {
                continue;
            }
            words.push((word.to_lowercase(), prefix));
            if words.len() == Self::MAX_WORDS {
                break;
            }
        }
        (!words.is_empty()).then_some(TextQuery { words })
    }

    /// The query in SQLite FTS5 syntax.
    pub fn fts5(&self) -> String {
        self.words
            .iter()
            .map(|(w, prefix)| format!("\"{w}\"{}", if *prefix { "*" } else { "" }))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The query in PostgreSQL `to_tsquery` syntax: every word, each
    /// stemmed like the index; `:*` for a prefix.
    pub fn tsquery(&self) -> String {
        self.words
            .iter()
            .map(|(w, prefix)| format!("{w}{}", if *prefix { ":*" } else { "" }))
            .collect::<Vec<_>>()
            .join(" & ")
    }

    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(|(w, _)| w.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_queries_never_carry_syntax() {
        let q = TextQuery::new(r#"AI "layoffs" OR (NEAR* -x) col:umn"#).unwrap();
        assert_eq!(q.fts5(), r#""ai" "layoffs" "or" "near"* "x" "col" "umn""#);
        assert_eq!(q.tsquery(), "ai & layoffs & or & near:* & x & col & umn");
        assert!(TextQuery::new(" \"()*: ").is_none());
        let long = "w ".repeat(100);
        assert_eq!(
            TextQuery::new(&long).unwrap().words().count(),
            TextQuery::MAX_WORDS
        );
    }

    #[test]
    fn cursors_read_back_only_in_their_own_order() {
        let c = Cursor::Date {
            date: "2024-04-03".into(),
            id: 17,
        };
        assert_eq!(Cursor::parse(&c.token(), EventSort::Newest), Some(c));
        assert_eq!(
            Cursor::parse("500~9", EventSort::Largest),
            Some(Cursor::Size { size: 500, id: 9 })
        );
        assert_eq!(
            Cursor::parse("~4", EventSort::Newest),
            Some(Cursor::Date {
                date: String::new(),
                id: 4
            })
        );
        for bad in ["", "17", "2024~x", "x'; drop~1", "2024-04-03~"] {
            assert_eq!(Cursor::parse(bad, EventSort::Newest), None, "{bad}");
        }
        assert_eq!(Cursor::parse("abc~1", EventSort::Largest), None);
    }
}
