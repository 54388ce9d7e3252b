//! Which occupations the cuts fall on, and how exposed those occupations are
//! to AI: by month and exposure band, AI-attributed cuts against all cuts,
//! the most exposed occupations cut, per company, and the trait profile.
//!
//! Each role of an event counts by its best O*NET occupation. An event's
//! known jobs (the low end of its size) are split equally over its
//! occupations; an event without a size counts as an event, with no jobs.
//! Aggregate exposures are weighted by jobs where any are known, else by
//! events.

use crate::breakdown::bounds;
use layoffwatch_merge::month_of;
use layoffwatch_model::Event;
use layoffwatch_occupations::{
    AioeMeasures, AioeTable, GptsRatings, Occupation, Occupations, AIOE_SOURCE, GPTS_SOURCE,
    ONET_ATTRIBUTION,
};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The exposure band of an occupation, by the GPT-4 beta rating (the share
/// of its tasks an LLM, alone or with tools built on it, could do in half
/// the time): high from 0.5, medium from 0.25.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    High,
    Medium,
    Low,
}

impl Band {
    pub fn of(gpts: &GptsRatings) -> Band {
        match gpts.gpt4_beta {
            b if b >= 0.5 => Band::High,
            b if b >= 0.25 => Band::Medium,
            _ => Band::Low,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Band::High => "high",
            Band::Medium => "medium",
            Band::Low => "low",
        }
    }
}

pub const BANDS: &str =
    "high: GPT-4 beta >= 0.5; medium: 0.25 to 0.5; low: below 0.25 (GPTs-are-GPTs dv_rating_beta)";

pub const METHOD: &str = "Each role maps to its best O*NET-SOC occupation. An event's known jobs (the low end of its size) are split equally over its occupations; events without a size count as events with no jobs. An event's exposure is the mean over its occupations; aggregates are weighted by jobs where any are known, else by events.";

/// The exposure measures of one occupation.
#[derive(Debug, Clone, Serialize)]
pub struct OccupationExposure {
    pub soc: String,
    pub title: String,
    pub band: Band,
    pub gpts: GptsRatings,
    /// None when the AIOE files were not given or hold no match.
    pub aioe: Option<AioeMeasures>,
}

fn occupation_exposure(o: &Occupation, aioe: Option<&AioeTable>) -> OccupationExposure {
    OccupationExposure {
        soc: o.code.clone(),
        title: o.title.clone(),
        band: Band::of(&o.gpts),
        gpts: o.gpts,
        aioe: aioe.and_then(|t| t.measures(o)),
    }
}

/// A role of an event with its occupation.
#[derive(Debug, Clone, Serialize)]
pub struct RoleOccupation {
    pub role: String,
    /// None when the role names no occupation ("hourly worker").
    pub occupation: Option<OccupationExposure>,
}

/// An event's exposure: the mean over its occupations.
#[derive(Debug, Clone, Serialize)]
pub struct EventExposure {
    pub roles: Vec<RoleOccupation>,
    /// Distinct occupations of the roles.
    pub occupations: usize,
    pub gpt4_beta: Option<f64>,
    pub human_beta: Option<f64>,
    pub aioe: Option<f64>,
    pub lm_aioe: Option<f64>,
    pub method: &'static str,
}

/// The exposure of one event's roles.
pub fn event_exposure(e: &Event, occ: &Occupations, aioe: Option<&AioeTable>) -> EventExposure {
    let roles: Vec<RoleOccupation> = e
        .roles
        .iter()
        .map(|r| RoleOccupation {
            role: r.clone(),
            occupation: occ
                .map(r)
                .soc
                .first()
                .and_then(|c| occ.occupation(c))
                .map(|o| occupation_exposure(o, aioe)),
        })
        .collect();
    let mut seen: Vec<&OccupationExposure> = Vec::new();
    for o in roles.iter().filter_map(|r| r.occupation.as_ref()) {
        if !seen.iter().any(|s| s.soc == o.soc) {
            seen.push(o);
        }
    }
    let mean = |f: &dyn Fn(&OccupationExposure) -> Option<f64>| {
        let v: Vec<f64> = seen.iter().filter_map(|o| f(o)).collect();
        (!v.is_empty()).then(|| round(v.iter().sum::<f64>() / v.len() as f64))
    };
    EventExposure {
        occupations: seen.len(),
        gpt4_beta: mean(&|o| Some(o.gpts.gpt4_beta)),
        human_beta: mean(&|o| Some(o.gpts.human_beta)),
        aioe: mean(&|o| o.aioe.map(|a| a.aioe)),
        lm_aioe: mean(&|o| o.aioe.and_then(|a| a.lm_aioe)),
        method: "mean over the event's distinct occupations (best O*NET match of each role)",
        roles,
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct MonthBandRow {
    pub month: String,
    pub band: String,
    /// Events with an occupation in the band (an event counts once per band).
    pub events: u64,
    pub jobs: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct OccupationRow {
    #[serde(flatten)]
    pub exposure: OccupationExposure,
    /// The role phrases that mapped here.
    pub roles: Vec<String>,
    pub events: u64,
    pub jobs: f64,
    pub ai_events: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct CompanyRow {
    pub company: String,
    pub events: u64,
    pub jobs: f64,
    /// Weighted mean GPT-4 beta of the occupations cut.
    pub gpt4_beta: f64,
    /// Share of the company's weight in high-exposure occupations.
    pub high_share: f64,
}

/// AI-attributed cuts against all cuts: the share in high-exposure
/// occupations, by jobs and by events.
#[derive(Debug, Clone, Default, Serialize)]
pub struct AiComparison {
    pub ai_events: u64,
    pub ai_jobs: f64,
    pub ai_high_share_jobs: Option<f64>,
    pub ai_high_share_events: Option<f64>,
    pub all_events: u64,
    pub all_jobs: f64,
    pub all_high_share_jobs: Option<f64>,
    pub all_high_share_events: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TraitRow {
    pub key: String,
    pub label: String,
    pub how: String,
    /// Weighted mean score of the occupations cut, 0 to 1.
    pub score: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExposureReport {
    pub sources: Vec<&'static str>,
    /// What is missing and how to add it.
    pub missing: Vec<String>,
    pub method: &'static str,
    pub bands: &'static str,
    pub events: u64,
    pub events_with_roles: u64,
    pub events_with_occupations: u64,
    pub ai_vs_all: AiComparison,
    pub by_month: Vec<MonthBandRow>,
    /// Most exposed first.
    pub occupations: Vec<OccupationRow>,
    pub companies: Vec<CompanyRow>,
    pub traits: Vec<TraitRow>,
}

/// One event's share of an occupation.
struct Share<'a> {
    /// The event's index, to count events once.
    index: usize,
    event: &'a Event,
    /// The fraction of the event in this occupation: 1 / its occupations.
    weight: f64,
    occupation: &'a Occupation,
    role: &'a str,
    jobs: f64,
}

#[derive(Default)]
struct Weighted {
    jobs: f64,
    events: f64,
    jobs_hit: f64,
    events_hit: f64,
}

impl Weighted {
    fn add(&mut self, jobs: f64, events: f64, hit: bool) {
        self.jobs += jobs;
        self.events += events;
        if hit {
            self.jobs_hit += jobs;
            self.events_hit += events;
        }
    }

    /// The share by jobs where any are known, else by events.
    fn share(&self) -> f64 {
        if self.jobs > 0.0 {
            self.jobs_hit / self.jobs
        } else if self.events > 0.0 {
            self.events_hit / self.events
        } else {
            0.0
        }
    }
}

/// The whole report over a set of events.
pub fn exposure_report(
    events: &[Event],
    occ: &Occupations,
    aioe: Option<&AioeTable>,
    missing: Vec<String>,
) -> ExposureReport {
    let mut shares: Vec<Share> = Vec::new();
    let mut with_roles = 0;
    let mut with_occupations = 0;
    let mut best_of: HashMap<&str, Option<&Occupation>> = HashMap::new();
    for (index, e) in events.iter().enumerate() {
        if e.roles.is_empty() {
            continue;
        }
        with_roles += 1;
        let mut occs: Vec<(&Occupation, &str)> = Vec::new();
        for r in &e.roles {
            // Phrases repeat across events: map each once.
            let best = *best_of
                .entry(r.as_str())
                .or_insert_with(|| occ.map(r).soc.first().and_then(|c| occ.occupation(c)));
            if let Some(o) = best {
                if !occs.iter().any(|(x, _)| x.code == o.code) {
                    occs.push((o, r));
                }
            }
        }
        if occs.is_empty() {
            continue;
        }
        with_occupations += 1;
        let weight = 1.0 / occs.len() as f64;
        let jobs = bounds(e).0 as f64 * weight;
        for (o, role) in occs {
            shares.push(Share {
                index,
                event: e,
                weight,
                occupation: o,
                role,
                jobs,
            });
        }
    }
    let mut sources = vec![GPTS_SOURCE, ONET_ATTRIBUTION];
    if aioe.is_some() {
        sources.push(AIOE_SOURCE);
    }
    ExposureReport {
        sources,
        missing,
        method: METHOD,
        bands: BANDS,
        events: events.len() as u64,
        events_with_roles: with_roles,
        events_with_occupations: with_occupations,
        ai_vs_all: ai_comparison(&shares),
        by_month: by_month(&shares),
        occupations: by_occupation(&shares, aioe),
        companies: by_company(&shares),
        traits: traits(&shares, occ),
    }
}

fn ai_comparison(shares: &[Share]) -> AiComparison {
    let (mut ai, mut all) = (Weighted::default(), Weighted::default());
    let mut ai_events = HashSet::new();
    let mut all_events = HashSet::new();
    for s in shares {
        let w = s.weight;
        let high = Band::of(&s.occupation.gpts) == Band::High;
        all.add(s.jobs, w, high);
        all_events.insert(s.index);
        if s.event.ai_attributed {
            ai.add(s.jobs, w, high);
            ai_events.insert(s.index);
        }
    }
    let by_jobs = |w: &Weighted| (w.jobs > 0.0).then(|| round(w.jobs_hit / w.jobs));
    let by_events = |w: &Weighted| (w.events > 0.0).then(|| round(w.events_hit / w.events));
    AiComparison {
        ai_events: ai_events.len() as u64,
        ai_jobs: round(ai.jobs),
        ai_high_share_jobs: by_jobs(&ai),
        ai_high_share_events: by_events(&ai),
        all_events: all_events.len() as u64,
        all_jobs: round(all.jobs),
        all_high_share_jobs: by_jobs(&all),
        all_high_share_events: by_events(&all),
    }
}

fn by_month(shares: &[Share]) -> Vec<MonthBandRow> {
    let mut rows: BTreeMap<(String, Band), (HashSet<usize>, f64)> = BTreeMap::new();
    for s in shares {
        let month = s
            .event
            .announced
            .as_deref()
            .and_then(month_of)
            .unwrap_or_else(|| "(undated)".into());
        let r = rows
            .entry((month, Band::of(&s.occupation.gpts)))
            .or_default();
        r.0.insert(s.index);
        r.1 += s.jobs;
    }
    rows.into_iter()
        .map(|((month, band), (events, jobs))| MonthBandRow {
            month,
            band: band.as_str().into(),
            events: events.len() as u64,
            jobs: round(jobs),
        })
        .collect()
}

fn by_occupation(shares: &[Share], aioe: Option<&AioeTable>) -> Vec<OccupationRow> {
    let mut rows: BTreeMap<&str, OccupationRow> = BTreeMap::new();
    for s in shares {
        let r = rows
            .entry(s.occupation.code.as_str())
            .or_insert_with(|| OccupationRow {
                exposure: occupation_exposure(s.occupation, aioe),
                roles: Vec::new(),
                events: 0,
                jobs: 0.0,
                ai_events: 0,
            });
        if !r.roles.iter().any(|x| x == s.role) {
            r.roles.push(s.role.to_string());
        }
        r.events += 1;
        r.jobs += s.jobs;
        r.ai_events += s.event.ai_attributed as u64;
    }
    let mut out: Vec<OccupationRow> = rows
        .into_values()
        .map(|mut r| {
            r.jobs = round(r.jobs);
            // Events come in no particular order: the roles are listed sorted.
            r.roles.sort();
            r
        })
        .collect();
    out.sort_by(|a, b| {
        b.exposure
            .gpts
            .gpt4_beta
            .total_cmp(&a.exposure.gpts.gpt4_beta)
            .then(b.events.cmp(&a.events))
            .then(a.exposure.soc.cmp(&b.exposure.soc))
    });
    out
}

fn by_company(shares: &[Share]) -> Vec<CompanyRow> {
    struct Acc<'a> {
        events: HashSet<usize>,
        /// Each spelling of the name, by the events that use it.
        names: BTreeMap<&'a str, HashSet<usize>>,
        jobs: f64,
        beta: Weighted,
        high: Weighted,
    }
    // "Intertan" and "Intertan Inc" are one company, as in the companies list.
    let mut rows: BTreeMap<String, Acc> = BTreeMap::new();
    for s in shares {
        let w = s.weight;
        let key = layoffwatch_extract::Extractor::name_key(&s.event.company);
        let a = rows.entry(key).or_insert_with(|| Acc {
            events: HashSet::new(),
            names: BTreeMap::new(),
            jobs: 0.0,
            beta: Weighted::default(),
            high: Weighted::default(),
        });
        a.events.insert(s.index);
        a.names
            .entry(s.event.company.as_str())
            .or_default()
            .insert(s.index);
        a.jobs += s.jobs;
        let beta = s.occupation.gpts.gpt4_beta;
        // A weighted mean through the same weights: hits carry the value.
        a.beta.jobs += s.jobs;
        a.beta.events += w;
        a.beta.jobs_hit += s.jobs * beta;
        a.beta.events_hit += w * beta;
        a.high
            .add(s.jobs, w, Band::of(&s.occupation.gpts) == Band::High);
    }
    let mut out: Vec<CompanyRow> = rows
        .into_values()
        .map(|a| CompanyRow {
            // The spelling most events use (the first in order on a tie).
            company: a
                .names
                .iter()
                .max_by(|x, y| x.1.len().cmp(&y.1.len()).then(y.0.cmp(x.0)))
                .map_or_else(String::new, |(n, _)| n.to_string()),
            events: a.events.len() as u64,
            jobs: round(a.jobs),
            gpt4_beta: round(a.beta.share()),
            high_share: round(a.high.share()),
        })
        .collect();
    out.sort_by(|a, b| {
        b.jobs
            .total_cmp(&a.jobs)
            .then(b.events.cmp(&a.events))
            .then(a.company.cmp(&b.company))
    });
    out
}

fn traits(shares: &[Share], occ: &Occupations) -> Vec<TraitRow> {
    let rules = occ.traits.rules();
    let mut acc: Vec<Weighted> = rules.iter().map(|_| Weighted::default()).collect();
    let mut profiles: HashMap<&str, Vec<f64>> = HashMap::new();
    for s in shares {
        let w = s.weight;
        let scores = profiles
            .entry(s.occupation.code.as_str())
            .or_insert_with(|| {
                let p = occ.traits.profile(s.occupation);
                p.scores.into_iter().map(|x| x.score).collect()
            });
        for (a, &score) in acc.iter_mut().zip(scores.iter()) {
            a.jobs += s.jobs;
            a.events += w;
            a.jobs_hit += s.jobs * score;
            a.events_hit += w * score;
        }
    }
    rules
        .iter()
        .zip(acc)
        .map(|(r, a)| TraitRow {
            key: r.key.clone(),
            label: r.label.clone(),
            how: r.how.clone(),
            score: round(a.share()),
        })
        .collect()
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use layoffwatch_model::Headcount;

    fn event(company: &str, month: &str, n: Option<u64>, ai: bool, roles: &[&str]) -> Event {
        let mut e = Event::new(company);
        e.announced = Some(format!("{month}-15"));
        e.headcount = n.map(|n| Headcount {
            min: Some(n),
            max: Some(n),
            approximate: false,
            text: n.to_string(),
        });
        e.ai_attributed = ai;
        e.roles = roles.iter().map(|r| r.to_string()).collect();
        e
    }

    #[test]
    fn jobs_split_over_occupations_and_ai_cuts_compare_with_all() {
        let occ = Occupations::builtin();
        let events = [
            // Customer service representatives: high exposure.
            event(
                "Acme",
                "2025-01",
                Some(100),
                true,
                &["customer service agent"],
            ),
            // Half high (recruiters... checked below), half low (janitors).
            event(
                "Globex",
                "2025-01",
                Some(200),
                false,
                &["janitor", "warehouse worker"],
            ),
            event("Globex", "2025-02", None, false, &["hourly worker"]),
            event("Initech", "2025-02", Some(50), false, &[]),
        ];
        let r = exposure_report(&events, occ, None, vec![]);
        assert_eq!(
            (r.events, r.events_with_roles, r.events_with_occupations),
            (4, 3, 2)
        );
        let csr = &r.occupations[0];
        assert_eq!(csr.exposure.soc, "43-4051.00");
        assert_eq!(csr.exposure.band, Band::High);
        assert_eq!((csr.jobs, csr.ai_events), (100.0, 1));
        let janitors = r
            .occupations
            .iter()
            .find(|o| o.exposure.soc == "37-2011.00")
            .unwrap();
        assert_eq!(janitors.jobs, 100.0, "200 jobs over two occupations");
        assert_eq!(janitors.exposure.band, Band::Low);
        let c = &r.ai_vs_all;
        assert_eq!((c.ai_events, c.all_events), (1, 2));
        assert_eq!(c.ai_high_share_jobs, Some(1.0));
        assert_eq!(c.all_high_share_jobs, Some(round(100.0 / 300.0)));
        let jan: Vec<(&str, u64)> = r
            .by_month
            .iter()
            .filter(|m| m.month == "2025-01")
            .map(|m| (m.band.as_str(), m.events))
            .collect();
        assert_eq!(jan, [("high", 1), ("low", 1)]);
        assert_eq!(r.companies[0].company, "Globex");
        assert_eq!(r.companies[0].high_share, 0.0);
        assert_eq!(r.traits.len(), 3);
        let rule = r
            .traits
            .iter()
            .find(|t| t.key == "rule_communication")
            .unwrap();
        assert!(rule.score > 0.3 && rule.score < 0.4, "{rule:?}");
        // Spellings of one name are one row.
        let spellings = [
            event("Intertan Inc", "2026-01", Some(10), false, &["cashier"]),
            event("Intertan", "2026-02", Some(20), false, &["cashier"]),
            event("Intertan", "2026-03", Some(30), false, &["cashier"]),
        ];
        let one = exposure_report(&spellings, occ, None, vec![]);
        assert_eq!(one.companies.len(), 1, "{:?}", one.companies);
        assert_eq!(
            (one.companies[0].company.as_str(), one.companies[0].events),
            ("Intertan", 3)
        );
    }

    #[test]
    fn an_event_is_the_mean_of_its_occupations() {
        let occ = Occupations::builtin();
        let e = event(
            "Acme",
            "2025-01",
            Some(10),
            false,
            &["recruiters", "recruiter", "staff"],
        );
        let x = event_exposure(&e, occ, None);
        assert_eq!(x.occupations, 1);
        assert!(x.roles[2].occupation.is_none());
        let hr = occ.occupation("13-1071.00").unwrap();
        assert_eq!(x.gpt4_beta, Some(round(hr.gpts.gpt4_beta)));
        assert_eq!(x.aioe, None);
    }
}
