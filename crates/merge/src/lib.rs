//! One real cut, many reports. A mention is an event as one source gives it
//! (a news article's extract output, a tracker row, a WARN notice); mentions
//! of the same cut are grouped into one canonical event.
//!
//! Pure logic: [`judge`] says whether a mention fits a canonical event and
//! why, [`absorb`] folds it in, and [`cluster`] groups all mentions of one
//! employer in a stated precedence, so that the canonical events are a
//! function of the set of mentions. The store regroups each employer key a
//! batch touches inside its ingest transaction.
#![forbid(unsafe_code)]

use chrono::{Datelike, NaiveDate};
use layoffwatch_model::{AiSource, Event, Headcount};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Where a mention comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    News,
    Tracker,
    Warn,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::News => "news",
            SourceKind::Tracker => "tracker",
            SourceKind::Warn => "warn",
        }
    }

    pub fn parse(s: &str) -> Option<SourceKind> {
        match s {
            "news" => Some(SourceKind::News),
            "tracker" => Some(SourceKind::Tracker),
            "warn" => Some(SourceKind::Warn),
            _ => None,
        }
    }
}

impl fmt::Display for SourceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a canonical event must know of its mentions to judge a new one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Canonical {
    /// The merged event: most precise date, tightest size, unions of sets.
    pub event: Event,
    /// Source documents already in the group (one mention per document).
    pub documents: Vec<i64>,
    pub kinds: Vec<SourceKind>,
    /// Two sources gave sizes that do not agree; `event.headcount` keeps the
    /// first, the others stay on their mentions.
    pub conflict: bool,
    /// One source has the employer tie the cut to AI and another has the
    /// employer deny it; `event.ai_source` keeps the tie.
    #[serde(default)]
    pub ai_conflict: bool,
}

impl Canonical {
    /// A new group holding one mention.
    pub fn new(mention: &Event, document: i64, kind: SourceKind) -> Canonical {
        let mut event = mention.clone();
        event.evidence.clear();
        Canonical {
            event,
            documents: vec![document],
            kinds: vec![kind],
            conflict: false,
            ai_conflict: false,
        }
    }
}

/// The rank of an `ai_source` in a canonical event: the employer's own
/// statement outranks its denial, which outranks the reporting. The result
/// depends only on the set of mentions, never on their order.
pub fn ai_source_rank(s: Option<AiSource>) -> u8 {
    match s {
        Some(AiSource::Employer) => 3,
        Some(AiSource::Denied) => 2,
        Some(AiSource::Reporting) => 1,
        None => 0,
    }
}

/// Folds one mention's `ai_source` into a canonical event's.
fn absorb_ai_source(canon: &mut Canonical, mention: Option<AiSource>) {
    let e = &mut canon.event;
    let pair = [e.ai_source, mention];
    if pair.contains(&Some(AiSource::Employer)) && pair.contains(&Some(AiSource::Denied)) {
        canon.ai_conflict = true;
    }
    if ai_source_rank(mention) > ai_source_rank(e.ai_source) {
        e.ai_source = mention;
    }
}

/// Why a mention fits a canonical event: the agreeing signals, best first.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    pub score: u32,
    pub reasons: Vec<String>,
    /// Sizes that do not overlap but are within 10% of each other.
    pub size_conflict: bool,
}

impl Fit {
    pub fn explain(&self) -> String {
        self.reasons.join("; ")
    }
}

/// Days a WARN notice may lie from the announcement of the same cut: notices
/// are filed up to 60 days ahead of separations and often weeks after news.
pub const WARN_WINDOW_DAYS: i64 = 90;

/// Days two day-precise news dates of one cut may differ: articles of
/// neighbouring days date a cut by their own publication.
pub const NEWS_WINDOW_DAYS: i64 = 3;

/// Whether `mention` (from `document`, of `kind`) reports the cut `canon`
/// stands for. The caller has already matched the employer key.
pub fn judge(canon: &Canonical, mention: &Event, document: i64, kind: SourceKind) -> Option<Fit> {
    if canon.documents.contains(&document) {
        return None; // a source reports one cut once; its other events are other cuts
    }
    if kind == SourceKind::Tracker && canon.kinds.contains(&SourceKind::Tracker) {
        return None; // a tracker lists each cut once
    }
    let c = &canon.event;
    let mut fit = Fit {
        score: 0,
        reasons: vec![format!("same employer ({})", c.company)],
        size_conflict: false,
    };
    let mut signals = 0;
    // Units: where both name them, one must match.
    if !c.units.is_empty() && !mention.units.is_empty() {
        let pair = mention
            .units
            .iter()
            .find_map(|u| c.units.iter().find(|v| units_match(u, v)).map(|v| (u, v)));
        let (u, v) = pair?;
        fit.score += 4;
        signals += 1;
        fit.reasons.push(format!("unit \"{u}\" matches \"{v}\""));
    }
    // Dates: compatible at the coarser precision; WARN notices within a window.
    let loose = kind == SourceKind::Warn || canon.kinds.contains(&SourceKind::Warn);
    // An article that gives no date of a cut of the exact size an earlier
    // dated cut had reports that cut: its publication date says nothing.
    let undated_same_size = implicit_date(mention, kind)
        && matches!(
            (numeric(&c.headcount), numeric(&mention.headcount)),
            (Some(a), Some(b)) if a == b && a.0 == a.1
        )
        && matches!((&c.announced, &mention.announced), (Some(a), Some(b)) if a.as_str() <= b.as_str());
    if undated_same_size {
        fit.reasons
            .push("an undated report of the same exact size".to_string());
    } else if let (Some(a), Some(b)) = (&c.announced, &mention.announced) {
        if loose {
            let days = period_distance_days(a, b)?;
            if days > WARN_WINDOW_DAYS {
                return None;
            }
            fit.reasons
                .push(format!("dates {a} and {b} within {days} days"));
            fit.score += 1;
        } else if a.len() == 10 && b.len() == 10 && !dates_compatible(a, b) {
            // News of the same cut published on neighbouring days.
            let days = period_distance_days(a, b)?;
            if days > NEWS_WINDOW_DAYS {
                return None;
            }
            fit.score += 1;
            fit.reasons
                .push(format!("dates {a} and {b} {days} day(s) apart"));
        } else {
            if !dates_compatible(a, b) {
                return None;
            }
            let depth = a.len().min(b.len());
            fit.score += if depth >= 10 {
                3
            } else if depth >= 7 {
                2
            } else {
                1
            };
            fit.reasons.push(format!("dates {a} and {b} agree"));
        }
        signals += 1;
    }
    // Sizes: ranges overlap; exact sizes within 10% merge with a conflict flag.
    if let (Some(a), Some(b)) = (numeric(&c.headcount), numeric(&mention.headcount)) {
        if overlaps(a, b) {
            fit.score += if a == b { 3 } else { 2 };
            fit.reasons
                .push(format!("sizes {} and {} overlap", show(a), show(b)));
        } else if near(a, b) {
            fit.score += 1;
            fit.size_conflict = true;
            fit.reasons.push(format!(
                "sizes {} and {} differ by under 10% (flagged)",
                show(a),
                show(b)
            ));
        } else {
            return None;
        }
        signals += 1;
    }
    // Nothing but the employer in common is not enough.
    (signals > 0).then_some(fit)
}

/// Folds a mention into its canonical event.
pub fn absorb(canon: &mut Canonical, mention: &Event, document: i64, kind: SourceKind, fit: &Fit) {
    let e = &mut canon.event;
    canon.documents.push(document);
    if !canon.kinds.contains(&kind) {
        canon.kinds.push(kind);
    }
    canon.conflict |= fit.size_conflict;
    // The most precise date; news dates win over WARN notice dates; a
    // publication date never moves a date the text gave.
    let implicit = implicit_date(mention, kind);
    match (&e.announced, &mention.announced) {
        (Some(_), Some(_)) if implicit => {}
        (None, Some(b)) => e.announced = Some(b.clone()),
        (Some(a), Some(b))
            if kind != SourceKind::Warn && b.len() > a.len() && b.starts_with(a.as_str()) =>
        {
            e.announced = Some(b.clone())
        }
        _ => {}
    }
    // The tightest consistent size.
    match (&e.headcount, &mention.headcount) {
        (None, Some(h)) => e.headcount = Some(h.clone()),
        (Some(a), Some(b)) if !fit.size_conflict => {
            if let (Some(x), Some(y)) = (numeric(&Some(a.clone())), numeric(&Some(b.clone()))) {
                let lo = x.0.max(y.0);
                let hi = x.1.min(y.1);
                if lo <= hi && (lo, hi) != x {
                    e.headcount = Some(Headcount {
                        min: (lo > 0).then_some(lo),
                        max: (hi < u64::MAX).then_some(hi),
                        approximate: a.approximate && b.approximate,
                        text: if (lo, hi) == y {
                            b.text.clone()
                        } else {
                            format!("{} / {}", a.text, b.text)
                        },
                    });
                }
            } else if numeric(&Some(a.clone())).is_none() {
                e.headcount = Some(b.clone());
            }
        }
        _ => {}
    }
    if e.percent.is_none() {
        e.percent = mention.percent;
    }
    union(&mut e.units, &mention.units);
    union(&mut e.reasons, &mention.reasons);
    union(&mut e.reasons_denied, &mention.reasons_denied);
    union(&mut e.functions, &mention.functions);
    union(&mut e.roles, &mention.roles);
    union(&mut e.locations, &mention.locations);
    e.ai_attributed |= mention.ai_attributed;
    e.hiring_elsewhere |= mention.hiring_elsewhere;
    absorb_ai_source(canon, mention.ai_source);
    let e = &mut canon.event;
    if e.severance.is_none() {
        e.severance = mention.severance.clone();
    }
    // A news name reads better than a WARN filer's legal name.
    if kind == SourceKind::News
        && !canon.kinds[..canon.kinds.len().saturating_sub(1)].contains(&SourceKind::News)
    {
        e.company = mention.company.clone();
    }
}

/// One stored mention to group: its event, its document's row id, its kind
/// and a key that names it the same however the data was loaded (the
/// document's content hash and the mention's place in it).
#[derive(Debug, Clone)]
pub struct Member {
    pub event: Event,
    pub document: i64,
    pub kind: SourceKind,
    pub stable: String,
}

/// One canonical event made from members: the index of each member in the
/// input and why it joined (none for the first, the anchor).
#[derive(Debug, Clone)]
pub struct Group {
    pub canonical: Canonical,
    pub members: Vec<(usize, Option<String>)>,
}

impl Group {
    /// The stable key of the group's first member: what its id derives from.
    pub fn anchor<'a>(&self, members: &'a [Member]) -> &'a str {
        &members[self.members[0].0].stable
    }
}

/// Whether a news mention's date is only its article's publication date
/// (no words in the text gave it).
fn implicit_date(mention: &Event, kind: SourceKind) -> bool {
    kind == SourceKind::News
        && mention.announced.is_some()
        && !mention
            .evidence
            .iter()
            .any(|e| e.field == layoffwatch_model::Field::Announced)
}

/// The order in which mentions are folded, which states the precedence of
/// their fields: news before tracker rows before WARN notices; an exact
/// size before a vague one before none; a date the text gives before one
/// taken from the publication, and a precise date before a coarse one;
/// then the stable key. Grouping in this order makes every canonical event
/// a function of its set of mentions, whatever order they were loaded in.
fn precedence(m: &Member) -> (SourceKind, u8, bool, std::cmp::Reverse<usize>, &str) {
    let size = match numeric(&m.event.headcount) {
        Some((a, b)) if a == b => 0,
        Some(_) => 1,
        None => 2,
    };
    let date_len = m.event.announced.as_deref().map_or(0, str::len);
    (
        m.kind,
        size,
        implicit_date(&m.event, m.kind),
        std::cmp::Reverse(date_len),
        m.stable.as_str(),
    )
}

/// Groups the mentions of one employer into canonical events. The result
/// depends only on the set of members (see [`precedence`]), so loading the
/// same sources in any order or batch size gives the same events.
pub fn cluster(members: &[Member]) -> Vec<Group> {
    let mut order: Vec<usize> = (0..members.len()).collect();
    order.sort_by(|&a, &b| precedence(&members[a]).cmp(&precedence(&members[b])));
    let mut groups: Vec<Group> = Vec::new();
    for i in order {
        let m = &members[i];
        match best(
            groups.iter().map(|g| &g.canonical),
            &m.event,
            m.document,
            m.kind,
        ) {
            Some((g, fit)) => {
                absorb(&mut groups[g].canonical, &m.event, m.document, m.kind, &fit);
                groups[g].members.push((i, Some(fit.explain())));
            }
            None => groups.push(Group {
                canonical: Canonical::new(&m.event, m.document, m.kind),
                members: vec![(i, None)],
            }),
        }
    }
    groups
}

/// The best-fitting candidate for a mention, if any.
pub fn best<'a>(
    candidates: impl IntoIterator<Item = &'a Canonical>,
    mention: &Event,
    document: i64,
    kind: SourceKind,
) -> Option<(usize, Fit)> {
    candidates
        .into_iter()
        .enumerate()
        .filter_map(|(i, c)| judge(c, mention, document, kind).map(|f| (i, f)))
        .max_by(|a, b| a.1.score.cmp(&b.1.score).then(b.0.cmp(&a.0)))
}

fn union<T: Clone + PartialEq>(into: &mut Vec<T>, from: &[T]) {
    for x in from {
        if !into.contains(x) {
            into.push(x.clone());
        }
    }
}

/// Words of a unit name, lower case, without legal suffixes and small words.
fn unit_words(s: &str) -> Vec<String> {
    const DROP: &[&str] = &[
        "inc", "corp", "co", "ltd", "llc", "plc", "the", "of", "and", "its", "a",
    ];
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !DROP.contains(w))
        .map(str::to_string)
        .collect()
}

/// Two unit names of one unit: half their words shared, or one's initials
/// are the other ("AWS", "Amazon Web Services").
pub fn units_match(a: &str, b: &str) -> bool {
    let (wa, wb) = (unit_words(a), unit_words(b));
    if wa.is_empty() || wb.is_empty() {
        return false;
    }
    let shared = wa.iter().filter(|w| wb.contains(w)).count();
    let all = wa.len() + wb.len() - shared;
    if shared * 2 >= all {
        return true;
    }
    let initials = |w: &[String]| {
        w.iter()
            .filter_map(|x| x.chars().next())
            .collect::<String>()
    };
    (wa.len() == 1 && wb.len() > 1 && wa[0] == initials(&wb))
        || (wb.len() == 1 && wa.len() > 1 && wb[0] == initials(&wa))
}

/// Dates agree at the coarser precision: "2024-04" and "2024-04-03" do.
pub fn dates_compatible(a: &str, b: &str) -> bool {
    let n = a.len().min(b.len());
    a.get(..n) == b.get(..n)
}

/// The first and last day a date of any precision covers.
fn period(d: &str) -> Option<(NaiveDate, NaiveDate)> {
    let parts: Vec<&str> = d.split('-').collect();
    let year: i32 = parts.first()?.parse().ok()?;
    match parts.len() {
        1 => Some((
            NaiveDate::from_ymd_opt(year, 1, 1)?,
            NaiveDate::from_ymd_opt(year, 12, 31)?,
        )),
        2 => {
            let month: u32 = parts[1].parse().ok()?;
            let first = NaiveDate::from_ymd_opt(year, month, 1)?;
            let next = if month == 12 {
                NaiveDate::from_ymd_opt(year + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(year, month + 1, 1)?
            };
            Some((first, next.pred_opt()?))
        }
        _ => {
            let day = NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()?;
            Some((day, day))
        }
    }
}

/// Days between two dates' periods (0 when they overlap).
pub fn period_distance_days(a: &str, b: &str) -> Option<i64> {
    let (a0, a1) = period(a)?;
    let (b0, b1) = period(b)?;
    Some(if a1 < b0 {
        (b0 - a1).num_days()
    } else if b1 < a0 {
        (a0 - b1).num_days()
    } else {
        0
    })
}

/// The month a date falls in, when it is at least that precise.
pub fn month_of(d: &str) -> Option<String> {
    let p = period(d)?;
    (d.len() >= 7).then(|| format!("{:04}-{:02}", p.0.year(), p.0.month()))
}

fn numeric(h: &Option<Headcount>) -> Option<(u64, u64)> {
    let h = h.as_ref()?;
    if h.min.is_none() && h.max.is_none() {
        return None;
    }
    Some((h.min.unwrap_or(0), h.max.unwrap_or(u64::MAX)))
}

fn overlaps(a: (u64, u64), b: (u64, u64)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

/// Exact sizes within 10% of each other: the same cut counted differently.
fn near(a: (u64, u64), b: (u64, u64)) -> bool {
    a.0 == a.1 && b.0 == b.1 && a.0.abs_diff(b.0) * 10 <= a.0.max(b.0)
}

fn show(r: (u64, u64)) -> String {
    match r {
        (a, b) if a == b => a.to_string(),
        (a, u64::MAX) => format!("{a}+"),
        (0, b) => format!("up to {b}"),
        (a, b) => format!("{a}-{b}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(units: &[&str], date: Option<&str>, size: Option<(u64, u64)>) -> Event {
        let mut e = Event::new("Amazon");
        e.units = units.iter().map(|s| s.to_string()).collect();
        e.announced = date.map(str::to_string);
        // A date the text gave has its words.
        if date.is_some() {
            e.evidence.push(layoffwatch_model::Evidence {
                field: layoffwatch_model::Field::Announced,
                start: 0,
                end: 1,
            });
        }
        e.headcount = size.map(|(min, max)| Headcount {
            min: Some(min),
            max: Some(max),
            approximate: min != max,
            text: format!("{min}-{max}"),
        });
        e
    }

    fn member(e: Event, document: i64, kind: SourceKind) -> Member {
        Member {
            stable: format!("doc{document}:{}", e.company),
            event: e,
            document,
            kind,
        }
    }

    /// The groups as (sorted stable keys of members, canonical event JSON):
    /// what must not depend on the order of the input.
    fn shape(members: &[Member]) -> Vec<(Vec<String>, String)> {
        let mut out: Vec<(Vec<String>, String)> = cluster(members)
            .into_iter()
            .map(|g| {
                let mut keys: Vec<String> = g
                    .members
                    .iter()
                    .map(|(i, _)| members[*i].stable.clone())
                    .collect();
                keys.sort();
                let mut e = g.canonical.event.clone();
                e.evidence.clear();
                (keys, serde_json::to_string(&e).expect("serialises"))
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn clusters_are_the_same_for_every_order_of_the_mentions() {
        let mut tracker = ev(&[], Some("2024-01-10"), Some((500, 500)));
        tracker.evidence.clear();
        let mut undated = ev(&[], None, Some((500, 500)));
        undated.announced = Some("2024-03-02".into()); // its publication date
        let mentions = vec![
            member(
                ev(&[], Some("2024-01-10"), Some((200, 999))),
                1,
                SourceKind::News,
            ),
            member(
                ev(&[], Some("2024-01"), Some((500, 500))),
                2,
                SourceKind::News,
            ),
            member(tracker, 3, SourceKind::Tracker),
            member(undated, 4, SourceKind::News),
            member(
                ev(&["Twitch"], Some("2024-01-10"), Some((500, 500))),
                5,
                SourceKind::News,
            ),
            member(
                ev(&["Prime Video"], Some("2024-01-10"), Some((500, 500))),
                6,
                SourceKind::News,
            ),
            member(
                ev(&[], Some("2023-06"), Some((80, 80))),
                7,
                SourceKind::News,
            ),
        ];
        let want = shape(&mentions);
        // Every rotation and the reverse of every rotation (14 orders).
        for start in 0..mentions.len() {
            let mut order: Vec<Member> = mentions[start..]
                .iter()
                .chain(&mentions[..start])
                .cloned()
                .collect();
            assert_eq!(shape(&order), want, "rotation {start}");
            order.reverse();
            assert_eq!(shape(&order), want, "reversed rotation {start}");
        }
        let groups: Vec<Vec<String>> = want.iter().map(|(k, _)| k.clone()).collect();
        // The exact size wins over the vague one; the undated report of the
        // same size joins; two units stay apart; the 2023 cut is its own.
        let of = |key: &str| {
            groups
                .iter()
                .position(|g| g.iter().any(|k| k == key))
                .expect("every mention is in a group")
        };
        let main = of("doc1:Amazon");
        assert!(["doc2:Amazon", "doc3:Amazon", "doc4:Amazon"]
            .iter()
            .all(|k| of(k) == main));
        assert_ne!(of("doc5:Amazon"), of("doc6:Amazon"), "{groups:?}");
        assert_ne!(of("doc7:Amazon"), main, "{groups:?}");
        let merged = &want[main].1;
        assert!(merged.contains(r#""announced":"2024-01-10""#), "{merged}");
        assert!(merged.contains(r#""min":500,"max":500"#), "{merged}");
    }

    #[test]
    fn ai_source_follows_precedence_in_any_order_and_flags_conflicts() {
        use AiSource::{Denied, Employer, Reporting};
        // The mentions' sources, the canonical source, whether they conflict.
        type Case = (&'static [Option<AiSource>], Option<AiSource>, bool);
        let cases: [Case; 4] = [
            (
                &[Some(Reporting), None, Some(Employer)],
                Some(Employer),
                false,
            ),
            (&[Some(Reporting), Some(Denied)], Some(Denied), false),
            (
                &[Some(Denied), Some(Reporting), Some(Employer)],
                Some(Employer),
                true,
            ),
            (&[None, None], None, false),
        ];
        for (sources, want, conflict) in cases {
            // Every rotation of the mentions gives the same answer.
            for start in 0..sources.len() {
                let order: Vec<Option<AiSource>> = sources[start..]
                    .iter()
                    .chain(&sources[..start])
                    .copied()
                    .collect();
                let mention = |i: usize| {
                    let mut e = ev(&[], Some("2024-04"), Some((100, 100)));
                    e.ai_source = order[i];
                    e
                };
                let mut c = Canonical::new(&mention(0), 0, SourceKind::News);
                c.event.ai_source = None;
                absorb_ai_source(&mut c, order[0]);
                for (i, _) in order.iter().enumerate().skip(1) {
                    let m = mention(i);
                    let fit = judge(&c, &m, i as i64, SourceKind::News).expect("same cut");
                    absorb(&mut c, &m, i as i64, SourceKind::News, &fit);
                }
                assert_eq!(c.event.ai_source, want, "{order:?}");
                assert_eq!(c.ai_conflict, conflict, "{order:?}");
            }
        }
    }

    #[test]
    fn same_cut_in_other_words_merges_and_takes_the_precise_date() {
        let mut c = Canonical::new(
            &ev(
                &["AWS", "Physical Stores Technology"],
                Some("2024-04"),
                Some((200, 400)),
            ),
            1,
            SourceKind::News,
        );
        let m = ev(
            &["physical stores technology division"],
            Some("2024-04-04"),
            Some((200, 400)),
        );
        let fit = judge(&c, &m, 2, SourceKind::News).expect("fits");
        assert!(fit.explain().contains("unit"));
        absorb(&mut c, &m, 2, SourceKind::News, &fit);
        assert_eq!(c.event.announced.as_deref(), Some("2024-04-04"));
        assert_eq!(c.documents, [1, 2]);
    }

    #[test]
    fn different_units_dates_sizes_or_the_same_document_do_not_merge() {
        let c = Canonical::new(
            &ev(&["Twitch"], Some("2024-01"), Some((500, 500))),
            1,
            SourceKind::News,
        );
        assert!(judge(
            &c,
            &ev(&["Prime Video"], Some("2024-01"), None),
            2,
            SourceKind::News
        )
        .is_none());
        assert!(judge(
            &c,
            &ev(&["Twitch"], Some("2023-04"), None),
            2,
            SourceKind::News
        )
        .is_none());
        assert!(judge(&c, &ev(&[], None, Some((30, 30))), 2, SourceKind::News).is_none());
        assert!(judge(&c, &ev(&["Twitch"], None, None), 1, SourceKind::News).is_none());
        // Only the employer in common is not enough.
        assert!(judge(&c, &ev(&[], None, None), 2, SourceKind::News).is_none());
    }

    #[test]
    fn near_exact_sizes_merge_with_a_conflict_flag() {
        let mut c = Canonical::new(
            &ev(&[], Some("2024-01-10"), Some((500, 500))),
            1,
            SourceKind::News,
        );
        let m = ev(&[], Some("2024-01"), Some((530, 530)));
        let fit = judge(&c, &m, 2, SourceKind::News).expect("fits");
        absorb(&mut c, &m, 2, SourceKind::News, &fit);
        assert!(c.conflict);
        assert_eq!(c.event.headcount.as_ref().unwrap().min, Some(500));
    }

    #[test]
    fn ranges_tighten_and_warn_dates_use_a_window() {
        let mut c = Canonical::new(
            &ev(&[], Some("2024-04-03"), Some((200, 999))),
            1,
            SourceKind::News,
        );
        let m = ev(&[], Some("2024-05-20"), Some((340, 340)));
        assert!(
            judge(&c, &m, 2, SourceKind::News).is_none(),
            "news dates must agree"
        );
        let fit = judge(&c, &m, 2, SourceKind::Warn).expect("a WARN notice 47 days later fits");
        absorb(&mut c, &m, 2, SourceKind::Warn, &fit);
        assert_eq!(c.event.headcount.as_ref().unwrap().min, Some(340));
        assert_eq!(
            c.event.announced.as_deref(),
            Some("2024-04-03"),
            "news date kept"
        );
        let late = ev(&[], Some("2024-12-01"), Some((340, 340)));
        assert!(judge(&c, &late, 3, SourceKind::Warn).is_none());
    }

    #[test]
    fn units_match_by_words_or_initials() {
        assert!(units_match("AWS", "Amazon Web Services"));
        assert!(units_match(
            "Physical Stores Technology",
            "physical stores technology division"
        ));
        assert!(!units_match("Prime Video", "Buy with Prime"));
    }
}
