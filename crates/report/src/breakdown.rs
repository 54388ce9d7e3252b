use layoffwatch_merge::month_of;
use layoffwatch_model::{AiSource, Event, Reason};
use serde::Serialize;
use std::collections::BTreeMap;

/// What a breakdown groups by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    Month,
    Reason,
    Function,
    Country,
    /// Challenger, Gray & Christmas's reason categories (see [`challenger`]).
    Challenger,
}

impl By {
    pub const ALL: [By; 5] = [
        By::Month,
        By::Reason,
        By::Function,
        By::Country,
        By::Challenger,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            By::Month => "month",
            By::Reason => "reason",
            By::Function => "function",
            By::Country => "country",
            By::Challenger => "challenger",
        }
    }
}

/// One line of a breakdown.
#[derive(Debug, Default, Clone, Serialize, PartialEq)]
pub struct StatRow {
    pub group: String,
    pub events: u64,
    /// Sum of the size ranges' minimums (unknown sizes count 0).
    pub jobs_min: u64,
    /// Sum of the maximums (an open range counts its minimum).
    pub jobs_max: u64,
    /// Events tied to AI by anyone (`ai_attributed`).
    pub ai_events: u64,
    pub ai_jobs_min: u64,
    /// ai_jobs_min / jobs_min, 0 when no jobs: the AI share either way.
    pub ai_share: f64,
    /// Events whose employer itself ties the cut to AI (`ai_source`
    /// employer): the share comparable with Challenger's.
    pub ai_employer_events: u64,
    pub ai_employer_jobs_min: u64,
    pub ai_employer_share: f64,
    /// Events only the reporting ties to AI (`ai_source` reporting).
    pub ai_reported_events: u64,
    pub ai_reported_jobs_min: u64,
    pub ai_reported_share: f64,
}

/// Challenger's reason category of a contract reason code. AI counts only
/// when the employer cites it, as Challenger counts only the reasons
/// employers give; None drops the reason.
pub fn challenger(reason: Reason, ai_source: Option<AiSource>) -> Option<&'static str> {
    Some(match reason {
        Reason::AiAutomation if ai_source == Some(AiSource::Employer) => "Artificial Intelligence",
        Reason::AiAutomation => return None,
        Reason::TechnologyChange => "Technological Update",
        Reason::CostCutting => "Cost-Cutting",
        Reason::EconomicConditions => "Economic Conditions",
        Reason::Closure => "Closing",
        Reason::Restructuring | Reason::Duplication => "Restructuring",
        Reason::MergerAcquisition => "Merger/Acquisition",
        Reason::Bankruptcy => "Bankruptcy",
        Reason::GovernmentPolicy => "Government Cuts",
        Reason::Funding => "Loss of Contract",
        _ => "Other",
    })
}

pub(crate) fn bounds(e: &Event) -> (u64, u64) {
    match &e.headcount {
        Some(h) if h.min.is_some() || h.max.is_some() => {
            let lo = h.min.unwrap_or(0);
            (lo, h.max.unwrap_or(lo))
        }
        _ => (0, 0),
    }
}

/// The groups an event falls in.
fn groups(ev: &Event, by: By) -> Vec<String> {
    let v: Vec<String> = match by {
        By::Month => ev
            .announced
            .as_deref()
            .and_then(month_of)
            .into_iter()
            .collect(),
        By::Reason => ev.reasons.iter().map(ToString::to_string).collect(),
        By::Function => ev.functions.iter().map(ToString::to_string).collect(),
        By::Challenger => {
            let mut c: Vec<String> = ev
                .reasons
                .iter()
                .filter_map(|r| challenger(*r, ev.ai_source))
                .map(str::to_string)
                .collect();
            c.sort();
            c.dedup();
            if c.is_empty() {
                c.push("Other".into());
            }
            c
        }
        By::Country => {
            let mut c: Vec<String> = ev
                .locations
                .iter()
                .map(|l| l.split('-').next().unwrap_or(l).to_string())
                .collect();
            c.dedup();
            c
        }
    };
    if v.is_empty() {
        vec!["(none)".into()]
    } else {
        v
    }
}

/// Jobs cut per group, in the manner of Challenger's monthly report: months
/// in date order, other groups largest first. An event counts once in each
/// of its groups.
pub fn breakdown<'a>(events: impl IntoIterator<Item = &'a Event>, by: By) -> Vec<StatRow> {
    let mut out = tally(events.into_iter().map(|e| (e, groups(e, by))));
    if by != By::Month {
        out.sort_by(|a, b| b.jobs_min.cmp(&a.jobs_min).then(a.group.cmp(&b.group)));
    }
    out
}

/// All events as one group, "all".
pub fn totals<'a>(events: impl IntoIterator<Item = &'a Event>) -> StatRow {
    let mut all = tally(events.into_iter().map(|e| (e, vec!["all".to_string()])));
    all.pop().unwrap_or(StatRow {
        group: "all".into(),
        ..Default::default()
    })
}

/// Sums per group, in group order.
fn tally<'a>(items: impl Iterator<Item = (&'a Event, Vec<String>)>) -> Vec<StatRow> {
    let mut rows: BTreeMap<String, StatRow> = BTreeMap::new();
    for (e, groups) in items {
        let (lo, hi) = bounds(e);
        for g in groups {
            let r = rows.entry(g.clone()).or_insert_with(|| StatRow {
                group: g,
                ..Default::default()
            });
            r.events += 1;
            r.jobs_min += lo;
            r.jobs_max += hi;
            if e.ai_attributed {
                r.ai_events += 1;
                r.ai_jobs_min += lo;
            }
            match e.ai_source {
                Some(AiSource::Employer) => {
                    r.ai_employer_events += 1;
                    r.ai_employer_jobs_min += lo;
                }
                Some(AiSource::Reporting) => {
                    r.ai_reported_events += 1;
                    r.ai_reported_jobs_min += lo;
                }
                _ => {}
            }
        }
    }
    rows.into_values()
        .map(|mut r| {
            let share = |part: u64| {
                if r.jobs_min > 0 {
                    (part as f64 / r.jobs_min as f64 * 1000.0).round() / 1000.0
                } else {
                    0.0
                }
            };
            r.ai_share = share(r.ai_jobs_min);
            r.ai_employer_share = share(r.ai_employer_jobs_min);
            r.ai_reported_share = share(r.ai_reported_jobs_min);
            r
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use layoffwatch_model::Headcount;

    fn event(announced: &str, n: u64, ai: bool, places: &[&str]) -> Event {
        let mut e = Event::new("Acme");
        e.announced = Some(announced.into());
        e.headcount = Some(Headcount {
            min: Some(n),
            max: Some(n),
            approximate: false,
            text: n.to_string(),
        });
        e.ai_attributed = ai;
        e.locations = places.iter().map(|p| p.to_string()).collect();
        e
    }

    #[test]
    fn months_sum_sizes_and_the_ai_share() {
        let events = [
            event("2024-01-10", 100, true, &[]),
            event("2024-01", 300, false, &[]),
            event("2024-02-01", 50, false, &[]),
        ];
        let rows = breakdown(&events, By::Month);
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].group.as_str(), rows[0].jobs_min), ("2024-01", 400));
        assert_eq!(rows[0].ai_share, 0.25);
        assert_eq!(rows[1].events, 1);
        let all = totals(&events);
        assert_eq!((all.events, all.jobs_min, all.ai_jobs_min), (3, 450, 100));
    }

    #[test]
    fn countries_count_an_event_once() {
        let events = [event("2024-01-10", 10, false, &["US-CA", "US-WA", "IN"])];
        let rows = breakdown(&events, By::Country);
        let groups: Vec<(&str, u64)> = rows
            .iter()
            .map(|r| (r.group.as_str(), r.jobs_min))
            .collect();
        assert_eq!(groups, [("IN", 10), ("US", 10)]);
    }
}
