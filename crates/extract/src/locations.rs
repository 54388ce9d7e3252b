//! Where each event's cuts fall. Places come from the event's own
//! sentences; a sentence that reports several cuts ("350 in Milwaukee and
//! 300 in Dayton, Tenn.") gives each place to the cut it stands next to, and
//! places in names ("Texas Air", "GM of Canada") or in sentences every cut
//! shares only count when the cut has no place of its own.

use crate::analyze::{Mention, Sentence};
use crate::lexicon::Lexicon;
use layoffwatch_model::{Evidence, Field};

/// A place found in a sentence, in document offsets.
#[derive(Debug, Clone)]
struct PlaceHit {
    code: String,
    start: usize,
    end: usize,
    /// Part of a name ("Texas Air", "Bank of America"): weak evidence.
    in_name: bool,
}

/// Words that may follow a place without making it part of a name, besides
/// day and month names ("in Detroit Monday").
const NOT_NAMES: &[&str] = &["The", "But", "And"];

/// The places of a sentence: countries, states and cities, and nationality
/// words that describe a workforce or a unit ("German workers").
fn places_in(lex: &Lexicon, s: &Sentence) -> Vec<PlaceHit> {
    let t = s.text;
    let mut hits: Vec<(usize, usize, &str)> = lex
        .places
        .find(t)
        .map(|h| (h.start, h.end, h.value.as_str()))
        .collect();
    // "Arlington, Texas": the region named right after a city is its region.
    let mut keep = vec![true; hits.len()];
    for i in 0..hits.len().saturating_sub(1) {
        let (a, b, code) = hits[i];
        let (c, _, next) = hits[i + 1];
        if lex.cities.contains(&t[a..b])
            && !lex.cities.contains(&t[c..hits[i + 1].1])
            && code != next
            && t[b..c].trim() == ","
        {
            keep[i] = false;
        }
    }
    let mut kept: Vec<PlaceHit> = Vec::new();
    for (i, (a, b, code)) in hits.drain(..).enumerate() {
        if keep[i] {
            kept.push(PlaceHit {
                code: code.to_string(),
                start: s.start + a,
                end: s.start + b,
                in_name: in_name(t, a, b),
            });
        }
    }
    for h in lex.place_adjectives.find(t) {
        if describes_workforce(&t[h.end..]) {
            kept.push(PlaceHit {
                code: h.value.clone(),
                start: s.start + h.start,
                end: s.start + h.end,
                in_name: false,
            });
        }
    }
    kept
}

/// A place is part of a name when a capitalised word follows it ("Texas
/// Air", "Boston Scientific") or it ends one ("Bank of America",
/// "Chevrolet-Pontiac").
fn in_name(t: &str, start: usize, end: usize) -> bool {
    let after = &t[end..];
    let next: String = after
        .strip_prefix(' ')
        .or_else(|| after.strip_prefix('-'))
        .unwrap_or("")
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    let followed = next.chars().next().is_some_and(char::is_uppercase)
        && !NOT_NAMES.contains(&next.as_str())
        && !crate::date::is_calendar_word(&next);
    let before = &t[..start];
    let hyphened = before
        .strip_suffix('-')
        .and_then(|b| b.chars().next_back())
        .is_some_and(char::is_alphanumeric);
    let of_name = before.strip_suffix(" of ").is_some_and(|b| {
        b.rsplit(' ')
            .next()
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase)
    });
    followed || hyphened || of_name
}

/// A nationality word counts when it describes the employer or the unit
/// ("Dutch unit", "German workers"), not a customer or a market.
fn describes_workforce(after: &str) -> bool {
    const DESCRIBED: &[&str] = &[
        "unit",
        "subsidiary",
        "firm",
        "company",
        "bank",
        "plant",
        "operations",
        "workforce",
        "staff",
        "employees",
        "workers",
        "arm",
        "division",
        "factory",
        "factories",
        "plants",
        "jobs",
    ];
    after.split_whitespace().take(3).any(|x| {
        let w = x.trim_matches(|c: char| !c.is_alphanumeric());
        DESCRIBED.contains(&w.to_ascii_lowercase().as_str())
    })
}

/// The spans that tell one cut from another: its size, units and company.
fn anchors(m: &Mention) -> Vec<(usize, usize)> {
    m.evidence
        .iter()
        .filter(|e| matches!(e.field, Field::Headcount | Field::Units | Field::Company))
        .map(|e| (e.start, e.end))
        .collect()
}

/// How far a place stands from an anchor, in bytes; a clause boundary
/// between them ("Detroit (3,000 workers) and Flint") puts it out of reach.
fn distance(text: &str, base: usize, a: (usize, usize), b: (usize, usize)) -> usize {
    let (from, to) = if a.1 <= b.0 {
        (a.1, b.0)
    } else {
        (b.1.min(a.0), a.0)
    };
    let between = &text[from - base..to - base];
    let crossed = [")", ";", " and ", " while ", " but ", " whereas "]
        .iter()
        .any(|w| between.contains(w));
    (to - from) + if crossed { 10_000 } else { 0 }
}

/// The locations of every mention, as codes with their evidence.
pub(crate) fn locate(
    lex: &Lexicon,
    sents: &[Sentence],
    mentions: &[Mention],
) -> Vec<Vec<(String, Evidence)>> {
    let anchors: Vec<Vec<(usize, usize)>> = mentions.iter().map(anchors).collect();
    let mut strong: Vec<Vec<PlaceHit>> = vec![Vec::new(); mentions.len()];
    let mut weak: Vec<Vec<PlaceHit>> = vec![Vec::new(); mentions.len()];
    let mut seen: Vec<usize> = Vec::new();
    for m in mentions {
        for &si in &m.sentences {
            if seen.contains(&si) {
                continue;
            }
            seen.push(si);
            let s = &sents[si];
            let range = (s.start, s.start + s.text.len());
            let sharers: Vec<usize> = (0..mentions.len())
                .filter(|&j| mentions[j].sentences.contains(&si))
                .collect();
            // The anchors of each sharer inside this sentence.
            let inside: Vec<Vec<(usize, usize)>> = sharers
                .iter()
                .map(|&j| {
                    anchors[j]
                        .iter()
                        .copied()
                        .filter(|&(a, b)| a >= range.0 && b <= range.1)
                        .collect()
                })
                .collect();
            // A span every sharer has (the company they share) tells none apart.
            let common: Vec<(usize, usize)> = inside
                .first()
                .map(|first| {
                    first
                        .iter()
                        .copied()
                        .filter(|x| inside.iter().all(|a| a.contains(x)))
                        .collect()
                })
                .unwrap_or_default();
            let inside: Vec<Vec<(usize, usize)>> = if sharers.len() > 1 {
                inside
                    .into_iter()
                    .map(|a| a.into_iter().filter(|x| !common.contains(x)).collect())
                    .collect()
            } else {
                inside
            };
            let anchored = inside.iter().filter(|a| !a.is_empty()).count();
            for hit in places_in(lex, s) {
                if sharers.len() == 1 || anchored < 2 {
                    for (k, &j) in sharers.iter().enumerate() {
                        let alone = sharers.len() == 1 || !inside[k].is_empty();
                        if alone && !hit.in_name {
                            strong[j].push(hit.clone());
                        } else {
                            weak[j].push(hit.clone());
                        }
                    }
                    continue;
                }
                let dist: Vec<Option<usize>> = inside
                    .iter()
                    .map(|a| {
                        a.iter()
                            .map(|&x| distance(s.text, s.start, x, (hit.start, hit.end)))
                            .min()
                    })
                    .collect();
                let best = dist.iter().flatten().min().copied();
                for (k, &j) in sharers.iter().enumerate() {
                    if dist[k].is_some() && dist[k] == best && !hit.in_name {
                        strong[j].push(hit.clone());
                    } else if dist[k].is_none() {
                        weak[j].push(hit.clone());
                    }
                }
            }
        }
    }
    strong
        .into_iter()
        .zip(weak)
        .map(|(s, w)| {
            let chosen = if s.is_empty() { w } else { s };
            let mut out: Vec<(String, Evidence)> = Vec::new();
            for h in chosen {
                add(&mut out, h);
            }
            out
        })
        .collect()
}

fn add(out: &mut Vec<(String, Evidence)>, h: PlaceHit) {
    // The most specific code only: a US state stands alone.
    if h.code == "US" && out.iter().any(|(c, _)| c.starts_with("US-")) {
        return;
    }
    if h.code.starts_with("US-") {
        out.retain(|(c, _)| c != "US");
    }
    out.push((
        h.code,
        Evidence {
            field: Field::Locations,
            start: h.start,
            end: h.end,
        },
    ));
}
