//! Event attributes beyond who, when and how many: reasons (and reasons
//! ruled out), AI attribution, functions, roles, locations, severance and
//! hiring elsewhere. Each is read from the event's own sentences and from
//! later sentences that speak of "the cuts" without naming a new one.

use crate::analyze::{Mention, Sentence};
use crate::lexicon::{Lexicon, SeveranceCue};
use crate::number::parse_number;
use layoffwatch_model::{AiSource, Event, Evidence, Field, Function, Reason, Severance};
use regex::Regex;
use std::sync::LazyLock;

static PAY_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|twenty|twenty-six|thirty|sixty|ninety)\s+(days?|weeks?|months?)(?:'|’)?\s+(?:of\s+)?(?:(?:base|full|salary|severance)\s+)?(?:pay|wages|salary|severance)\b|\b(?:pay|wages|salary)(?:\s+and\s+benefits)?\s+for\s+(?:at\s+least\s+|up\s+to\s+)?(\d+|one|two|three|four|six|eight|ten|twelve|sixteen|twenty|thirty|sixty|ninety)\s+(days?|weeks?|months?)\b").expect("compiles")
});

/// Words that make a sentence speak of a cut already named.
const REFERENCE_WORDS: &[&str] = &[
    "cuts",
    "layoffs",
    "lay-offs",
    "reductions",
    "reduction",
    "job losses",
    "redundancies",
    "the move",
    "the decision",
    "the action",
    "the closure",
    "the closing",
    "the closings",
    "be closed",
    "be idled",
    "be shut",
    "shutdown",
    "eliminated",
    "affected",
    "impacted",
    "employees",
    "workers",
    "staff",
];

/// A stop for a set time: "temporarily", "for a week", "for two weeks".
static TEMPORARY_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\btemporar|\bfor\s+(?:a|one|two|three|four|\d+)\s+weeks?\b").expect("compiles")
});

fn refers_to_cuts(sentence: &str) -> bool {
    let lower = sentence.to_ascii_lowercase();
    REFERENCE_WORDS.iter().any(|w| lower.contains(w))
}

fn push_unique<T: PartialEq>(v: &mut Vec<T>, x: T) {
    if !v.contains(&x) {
        v.push(x);
    }
}

fn ev(field: Field, base: usize, start: usize, end: usize) -> Evidence {
    Evidence {
        field,
        start: base + start,
        end: base + end,
    }
}

/// A cue is ruled out when a denial such as "not related to" comes just before it.
fn denied_before(lex: &Lexicon, sentence: &str, cue_start: usize) -> bool {
    // The denial governs the rest of its clause: "not connected to market
    // conditions or any plan to replace staff with AI". A "but" or a
    // semicolon after it starts another clause.
    let from = crate::size::floor_char_boundary(sentence, cue_start.saturating_sub(140));
    let window = &sentence[from..cue_start];
    // "not AI", "is not an AI exercise": a "not" right before the cue.
    let near = window.trim_end().to_ascii_lowercase();
    let near = near
        .strip_suffix(" an")
        .or_else(|| near.strip_suffix(" a"))
        .unwrap_or(&near);
    if near.ends_with(" not") || near == "not" {
        return true;
    }
    lex.ai_denials.find(window).any(|h| {
        let rest = &window[h.end..];
        !rest.contains(" but ") && !rest.contains(';') && !rest.contains(". ")
    })
}

pub(crate) fn build_events(
    lex: &Lexicon,
    sents: &[Sentence],
    mentions: Vec<Mention>,
    has_published: bool,
) -> Vec<Event> {
    // Each sentence that refers to cuts without a mention of its own speaks
    // of the most recent event before it.
    let mut extra: Vec<Vec<usize>> = vec![Vec::new(); mentions.len()];
    let mention_sentences: Vec<usize> = mentions
        .iter()
        .flat_map(|m| m.sentences.iter().copied())
        .collect();
    for (si, s) in sents.iter().enumerate() {
        if mention_sentences.contains(&si) || !refers_to_cuts(s.text) {
            continue;
        }
        let focus = mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.sentences.iter().any(|&x| x <= si))
            .max_by_key(|(_, m)| m.sentences.iter().copied().filter(|&x| x <= si).max());
        if let Some((i, _)) = focus {
            if si
                - mentions[i]
                    .sentences
                    .iter()
                    .copied()
                    .filter(|&x| x <= si)
                    .max()
                    .unwrap_or(si)
                <= 6
            {
                extra[i].push(si);
            }
        }
    }

    // Document-level cues: AI tie, severance, hiring elsewhere.
    let mut doc_ai: Vec<(usize, usize, usize)> = Vec::new();
    let mut doc_ai_sents: Vec<usize> = Vec::new();
    // Denials of an AI tie and employer statements that AI does the work,
    // each with its sentence.
    let mut doc_denials: Vec<(usize, (usize, usize, usize))> = Vec::new();
    let mut employer_says: Vec<(usize, (usize, usize, usize))> = Vec::new();
    let mut severance = Severance::default();
    let mut severance_ev = Vec::new();
    let mut hiring_ev = Vec::new();
    for (si, s) in sents.iter().enumerate() {
        if let Some((a, b)) = ai_tie(lex, s.text) {
            doc_ai.push((s.start, a, b));
            doc_ai_sents.push(si);
        }
        if let Some((a, b)) = ai_denial(lex, s.text) {
            doc_denials.push((si, (s.start, a, b)));
        }
        if let Some((a, b)) = employer_ai_statement(lex, s.text) {
            employer_says.push((si, (s.start, a, b)));
        }
        for h in lex.severance.find(s.text) {
            if !refers_to_cuts(s.text) && !s.text.to_ascii_lowercase().contains("sever") {
                continue;
            }
            match h.value {
                SeveranceCue::Pay => severance.severance_pay = true,
                SeveranceCue::Health => severance.health_benefits = true,
                SeveranceCue::Outplacement => severance.outplacement = true,
            }
            severance_ev.push(ev(Field::Severance, s.start, h.start, h.end));
        }
        // The first form fills groups 1-2, the second ("pay for 60 days") 3-4.
        let pay = PAY_RE.captures(s.text).and_then(|c| {
            let whole = c.get(0)?;
            Some((whole, c.get(1).or(c.get(3))?, c.get(2).or(c.get(4))?))
        });
        if let Some((whole, num, unit)) = pay {
            let unit_days = match unit.as_str().to_ascii_lowercase().trim_end_matches('s') {
                "week" => 7,
                "month" => 30,
                _ => 1,
            };
            if let Some(n) = parse_number(num.as_str()).map(|n| n.value as u32) {
                severance.pay_days = Some(n * unit_days);
                severance.severance_pay = true;
                severance_ev.push(ev(Field::Severance, s.start, whole.start(), whole.end()));
            }
        }
        for h in lex.hiring.find(s.text) {
            let from = crate::size::floor_char_boundary(s.text, h.start.saturating_sub(30));
            let before = s.text[from..h.start].to_ascii_lowercase();
            if before.contains("not ") || before.contains("n't") || before.contains("no ") {
                continue;
            }
            hiring_ev.push(ev(Field::HiringElsewhere, s.start, h.start, h.end));
        }
    }
    let any_severance =
        severance.severance_pay || severance.health_benefits || severance.outplacement;
    // The events the article reports as its news: not dated earlier than it.
    let current: Vec<bool> = mentions
        .iter()
        .map(|m| !m.dated_earlier && (!m.explicit_date || !has_published && m.announced.is_none()))
        .collect();
    let any_current = current.iter().any(|&c| c);

    let mut places = crate::locations::locate(lex, sents, &mentions);
    let mut events = Vec::with_capacity(mentions.len());
    for (i, m) in mentions.into_iter().enumerate() {
        let mut e = Event::new(m.company.clone());
        e.units = m.units.clone();
        e.announced = m.announced.clone();
        e.headcount = m.headcount.clone();
        e.percent = m.percent;
        e.evidence = m.evidence.clone();
        let own: Vec<usize> = m.sentences.clone();
        for (code, evidence) in std::mem::take(&mut places[i]) {
            push_unique(&mut e.locations, code);
            e.evidence.push(evidence);
        }
        let all: Vec<usize> = own.iter().chain(extra[i].iter()).copied().collect();
        for &si in &all {
            let s = &sents[si];
            reasons_in(lex, s, &mut e);
        }
        // Plants idled "temporarily" or "for a week" are not closed.
        if own.iter().any(|&si| TEMPORARY_RE.is_match(sents[si].text)) {
            e.reasons.retain(|r| *r != Reason::Closure);
        }
        let mut tie_sents = Vec::new();
        for &si in &own {
            let s = &sents[si];
            functions_in(lex, s, &mut e);
            roles_in(lex, s, &mut e);
            if let Some((a, b)) = ai_tie(lex, s.text) {
                e.ai_attributed = true;
                e.evidence.push(ev(Field::AiAttributed, s.start, a, b));
                tie_sents.push(si);
            }
        }
        for &si in &extra[i] {
            let s = &sents[si];
            functions_in(lex, s, &mut e);
            roles_in(lex, s, &mut e);
        }
        // An earlier cut the article recalls gets only what is said in its
        // own sentences; the article's news gets what the whole article says.
        let is_current = current[i] || !any_current && i == 0;
        let applies = |si: &usize| is_current || own.contains(si) || extra[i].contains(si);
        let pick = |found: &[(usize, (usize, usize, usize))]| -> Vec<(usize, usize, usize)> {
            found
                .iter()
                .filter(|(si, _)| applies(si))
                .map(|&(_, x)| x)
                .collect()
        };
        // A denial speaks of the article's news unless it is in the recalled
        // cut's own sentences.
        let denials: Vec<_> = doc_denials
            .iter()
            .filter(|(si, _)| is_current || own.contains(si))
            .map(|&(_, x)| x)
            .collect();
        // A tie of "the cuts" to AI anywhere in the article covers its cuts,
        // unless they are said not to be due to AI.
        if !doc_ai.is_empty() && !e.ai_attributed && denials.is_empty() {
            e.ai_attributed = true;
            for &(base, a, b) in &doc_ai {
                e.evidence.push(ev(Field::AiAttributed, base, a, b));
            }
            tie_sents.extend(doc_ai_sents.iter().copied());
        }
        set_ai_source(&mut e, sents, &tie_sents, &denials, &pick(&employer_says));
        if e.ai_attributed {
            push_unique(&mut e.reasons, Reason::AiAutomation);
        }
        if is_current && any_severance {
            e.severance = Some(severance.clone());
            e.evidence.extend(severance_ev.iter().copied());
        }
        if is_current && !hiring_ev.is_empty() {
            e.hiring_elsewhere = true;
            e.evidence.extend(hiring_ev.iter().copied());
        }
        e.reasons.retain(|r| !e.reasons_denied.contains(r));
        events.push(e);
    }
    // Cuts announced together share their why: a unit's share of a cut
    // "due to excess inventory" is cut for the same reason.
    // The words that say why come along as the evidence.
    type Shared = (Vec<Reason>, Vec<Evidence>);
    let shared: Vec<Shared> = (0..events.len())
        .map(|i| {
            let mut out = (Vec::new(), Vec::new());
            for (j, other) in events.iter().enumerate() {
                if j != i
                    && current[j] == current[i]
                    && crate::company::same_org(&other.company, &events[i].company)
                {
                    for r in &other.reasons {
                        push_unique(&mut out.0, *r);
                    }
                    for ev in other.evidence.iter().filter(|e| e.field == Field::Reasons) {
                        push_unique(&mut out.1, *ev);
                    }
                }
            }
            out
        })
        .collect();
    for (e, (reasons, evidence)) in events.iter_mut().zip(shared) {
        if e.reasons.is_empty() {
            e.reasons = reasons
                .into_iter()
                .filter(|r| !e.reasons_denied.contains(r) && *r != Reason::Closure)
                .collect();
            if !e.reasons.is_empty() {
                e.evidence.extend(evidence);
            }
        }
    }
    events
}

/// Who ties the event to AI: the employer when any of its AI sentences has
/// the employer speaking, else the reporting; with no tie, an employer's
/// denial that AI is behind the cuts.
fn set_ai_source(
    e: &mut Event,
    sents: &[Sentence],
    tie_sents: &[usize],
    denials: &[(usize, usize, usize)],
    employer_says: &[(usize, usize, usize)],
) {
    // Who speaks, the deciding words, and the sentence's offset; a tie that
    // is only money put into AI has no source.
    type Said = (AiSource, Option<(usize, usize)>, usize);
    let said: Vec<Said> = if e.ai_attributed {
        tie_sents
            .iter()
            .filter(|&&si| !crate::ai_source::investment_only(sents[si].text))
            .map(|&si| {
                let (who, span) = crate::ai_source::speaker(sents[si].text, &e.company);
                (who, span, sents[si].start)
            })
            .collect()
    } else {
        Vec::new()
    };
    let pick = said
        .iter()
        .find(|x| x.0 == AiSource::Employer)
        .or(said.first());
    // Where only the reporting ties the cut to AI, the employer may still
    // say elsewhere that AI does the work ("the chief executive said AI
    // will take on these roles"): that makes it the employer's.
    let pick = match (pick, employer_says.first()) {
        (Some((AiSource::Reporting, _, _)), Some(&(base, a, b))) => {
            Some((AiSource::Employer, Some((a, b)), base))
        }
        (p, _) => p.copied(),
    };
    if let Some((who, span, base)) = pick {
        e.ai_source = Some(who);
        if let Some((a, b)) = span {
            e.evidence.push(ev(Field::AiSource, base, a, b));
        }
    } else if let Some(&(base, a, b)) = denials.first().filter(|_| !e.ai_attributed) {
        e.ai_source = Some(AiSource::Denied);
        e.evidence.push(ev(Field::AiSource, base, a, b));
    }
}

/// A sentence about cuts says AI is not behind them: an AI cue after a
/// denial ("not related to AI", "not because of automation").
fn ai_denial(lex: &Lexicon, sentence: &str) -> Option<(usize, usize)> {
    let cue = lex
        .ai
        .find(sentence)
        .find(|h| denied_before(lex, sentence, h.start))?;
    about_cuts(lex, sentence).then_some((cue.start, cue.end))
}

/// "AI cannot replace these workers": a sentence that says AI will not do
/// the work ties nothing to AI, and is no employer's denial either.
static CANNOT_REPLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:cannot|can't|can ?not|won't|will not|could not|couldn't|would not|wouldn't) (?:\w+ )?replace\b")
        .expect("valid regex")
});

/// The employer itself says AI does the work, in a sentence that need not
/// name the cuts: an AI cue with a causal link, not ruled out, not only
/// money put into AI, with the employer speaking. The words that show the
/// employer speaking are returned.
fn employer_ai_statement(lex: &Lexicon, sentence: &str) -> Option<(usize, usize)> {
    if CANNOT_REPLACE.is_match(sentence)
        || !lex.ai_links.occurs_in(sentence)
        || crate::ai_source::investment_only(sentence)
    {
        return None;
    }
    lex.ai
        .find(sentence)
        .find(|h| !denied_before(lex, sentence, h.start))?;
    match crate::ai_source::speaker(sentence, "") {
        (AiSource::Employer, Some(span)) => Some(span),
        _ => None,
    }
}

/// A sentence ties cuts to AI: an AI cue with a causal link, not ruled out.
fn ai_tie(lex: &Lexicon, sentence: &str) -> Option<(usize, usize)> {
    if CANNOT_REPLACE.is_match(sentence) {
        return None;
    }
    let cue = lex
        .ai
        .find(sentence)
        .find(|h| !denied_before(lex, sentence, h.start))?;
    (about_cuts(lex, sentence) && lex.ai_links.occurs_in(sentence)).then_some((cue.start, cue.end))
}

/// The sentence speaks of the cuts: a trigger, a reference to them, or jobs
/// eliminated or replaced.
fn about_cuts(lex: &Lexicon, sentence: &str) -> bool {
    let lower = sentence.to_ascii_lowercase();
    lex.triggers.occurs_in(sentence)
        || refers_to_cuts(sentence)
        || lower.contains("eliminat")
        || lower.contains("replac")
}

fn reasons_in(lex: &Lexicon, s: &Sentence, e: &mut Event) {
    let triggers: Vec<(usize, usize)> = lex
        .triggers
        .find(s.text)
        .filter(|h| *h.value == crate::lexicon::TriggerKind::Strong)
        .map(|h| (h.start, h.end))
        .collect();
    for h in lex.reasons.find(s.text) {
        if *h.value == Reason::AiAutomation {
            continue; // AI is decided by ai_tie, which needs a causal link.
        }
        // A cue inside a trigger ("job losses", "cut costs" next to "cut") is not a reason,
        // except closures, whose trigger is their reason.
        let in_trigger = triggers.iter().any(|&(a, b)| a < h.end && h.start < b);
        if in_trigger && *h.value != Reason::Closure {
            continue;
        }
        // A plant idled for a week or two is not closed.
        if *h.value == Reason::Closure && TEMPORARY_RE.is_match(s.text) {
            continue;
        }
        if denied_before(lex, s.text, h.start) {
            push_unique(&mut e.reasons_denied, *h.value);
            e.evidence
                .push(ev(Field::ReasonsDenied, s.start, h.start, h.end));
        } else {
            push_unique(&mut e.reasons, *h.value);
            e.evidence.push(ev(Field::Reasons, s.start, h.start, h.end));
        }
    }
}

fn functions_in(lex: &Lexicon, s: &Sentence, e: &mut Event) {
    let hits = lex
        .functions
        .find(s.text)
        .chain(lex.functions_exact.find(s.text));
    for h in hits {
        let f: Function = *h.value;
        push_unique(&mut e.functions, f);
        e.evidence
            .push(ev(Field::Functions, s.start, h.start, h.end));
    }
}

fn roles_in(lex: &Lexicon, s: &Sentence, e: &mut Event) {
    for r in crate::roles::roles_in(lex, s.text) {
        if !e.roles.contains(&r.role) {
            e.roles.push(r.role);
        }
        e.evidence.push(ev(Field::Roles, s.start, r.start, r.end));
    }
}
