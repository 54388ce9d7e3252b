//! One layoff event, exactly as `EVENTS.md` defines it.

use crate::codes::{Function, Reason};
use serde::{Deserialize, Serialize};

/// One workforce reduction by one employer at one time.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub company: String,
    pub units: Vec<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, at the precision the text supports.
    pub announced: Option<String>,
    pub headcount: Option<Headcount>,
    pub percent: Option<f64>,
    pub reasons: Vec<Reason>,
    pub reasons_denied: Vec<Reason>,
    pub ai_attributed: bool,
    /// Who ties the cut to AI: the employer, only the reporting, or an
    /// employer denial. Optional in the contract; omitted when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ai_source: Option<AiSource>,
    pub functions: Vec<Function>,
    /// Optional in the contract; omitted from output when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    pub locations: Vec<String>,
    pub severance: Option<Severance>,
    pub hiring_elsewhere: bool,
    pub evidence: Vec<Evidence>,
}

impl Event {
    /// An event of `company` with every other field empty.
    pub fn new(company: impl Into<String>) -> Self {
        Event {
            company: company.into(),
            units: Vec::new(),
            announced: None,
            headcount: None,
            percent: None,
            reasons: Vec::new(),
            reasons_denied: Vec::new(),
            ai_attributed: false,
            ai_source: None,
            functions: Vec::new(),
            roles: Vec::new(),
            locations: Vec::new(),
            severance: None,
            hiring_elsewhere: false,
            evidence: Vec::new(),
        }
    }

    /// The evidence spans supporting one field.
    pub fn evidence_for(&self, field: Field) -> impl Iterator<Item = &Evidence> {
        self.evidence.iter().filter(move |e| e.field == field)
    }
}

/// Who ties a cut to AI (`ai_source` in EVENTS.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AiSource {
    /// The employer itself: its announcement, memo, filing or executives.
    Employer,
    /// Only the article, analysts, unions or other sources.
    Reporting,
    /// The employer says the cut is not due to AI.
    Denied,
}

impl AiSource {
    pub fn as_str(self) -> &'static str {
        match self {
            AiSource::Employer => "employer",
            AiSource::Reporting => "reporting",
            AiSource::Denied => "denied",
        }
    }
}

/// How many jobs, as a range: exact sizes have `min == max`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Headcount {
    pub min: Option<u64>,
    pub max: Option<u64>,
    pub approximate: bool,
    /// The words the text used for the size.
    pub text: String,
}

impl Headcount {
    /// True when the text gives at least one bound.
    pub fn is_numeric(&self) -> bool {
        self.min.is_some() || self.max.is_some()
    }
}

/// Severance terms, when the text states them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Severance {
    pub pay_days: Option<u32>,
    pub health_benefits: bool,
    pub outplacement: bool,
    pub severance_pay: bool,
}

/// A byte span of the document text supporting one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub field: Field,
    pub start: usize,
    pub end: usize,
}

/// The event fields that evidence can support.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Event,
    Company,
    Units,
    Announced,
    Headcount,
    Percent,
    Reasons,
    ReasonsDenied,
    AiAttributed,
    AiSource,
    Functions,
    Roles,
    Locations,
    Severance,
    HiringElsewhere,
}

impl Field {
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Event => "event",
            Field::Company => "company",
            Field::Units => "units",
            Field::Announced => "announced",
            Field::Headcount => "headcount",
            Field::Percent => "percent",
            Field::Reasons => "reasons",
            Field::ReasonsDenied => "reasons_denied",
            Field::AiAttributed => "ai_attributed",
            Field::AiSource => "ai_source",
            Field::Functions => "functions",
            Field::Roles => "roles",
            Field::Locations => "locations",
            Field::Severance => "severance",
            Field::HiringElsewhere => "hiring_elsewhere",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_round_trips_and_omits_empty_roles() {
        let mut e = Event::new("Amazon");
        e.units.push("Twitch".into());
        e.announced = Some("2024-01".into());
        e.headcount = Some(Headcount {
            min: Some(500),
            max: Some(500),
            approximate: false,
            text: "500 workers".into(),
        });
        e.reasons.push(Reason::Restructuring);
        e.evidence.push(Evidence {
            field: Field::Event,
            start: 0,
            end: 8,
        });
        let json = serde_json::to_string(&e).unwrap();
        assert!(!json.contains("roles"), "{json}");
        assert!(json.contains("\"field\":\"event\""), "{json}");
        let back: Event = serde_json::from_str(&json).unwrap();
        assert_eq!(back, e);
    }

    #[test]
    fn gold_style_event_parses() {
        let json = r#"{"company":"X","units":[],"announced":null,"headcount":null,"percent":5,
            "reasons":["cost_cutting"],"reasons_denied":[],"ai_attributed":false,"functions":["sales"],
            "locations":["US-CA"],"severance":{"pay_days":60,"health_benefits":true,"outplacement":false,
            "severance_pay":true},"hiring_elsewhere":false,"evidence":[]}"#;
        let e: Event = serde_json::from_str(json).unwrap();
        assert_eq!(e.percent, Some(5.0));
        assert_eq!(e.severance.unwrap().pay_days, Some(60));
    }
}
