//! One document from text to events: sentences, triggers in context,
//! employer, size, date, then attributes and in-document merging.

use crate::company::{find_orgs, is_plain_name_word, norm_words, same_org, OrgSpan};
use crate::date::find_dates;
use crate::lexicon::{ContextKind, KnownName, Lexicon, NounKind, TriggerKind};
use crate::phrases::Hit;
use crate::sentence::sentences;
use crate::size::{find_percents, find_sizes, floor_char_boundary};
use chrono::{Datelike, NaiveDate};
use layoffwatch_model::{Event, Evidence, Field, Headcount};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// What the extractor reads.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub text: &'a str,
    pub published: Option<NaiveDate>,
    pub title: Option<&'a str>,
}

/// One reported cut before merging.
#[derive(Debug, Clone)]
pub(crate) struct Mention {
    pub company: String,
    pub units: Vec<String>,
    pub announced: Option<String>,
    pub dated_earlier: bool,
    pub headcount: Option<Headcount>,
    pub percent: Option<f64>,
    pub additional: bool,
    /// Named as the cut already in focus ("The cuts", "the company's layoffs").
    pub anaphoric: bool,
    pub sentence: usize,
    pub sentences: Vec<usize>,
    pub explicit_date: bool,
    pub evidence: Vec<Evidence>,
}

pub(crate) struct Sentence<'a> {
    pub start: usize,
    pub text: &'a str,
}

pub fn analyze(lex: &Lexicon, input: &Input<'_>) -> Vec<Event> {
    let text = input.text;
    if !lex.prefilter.occurs_in(text) {
        return Vec::new();
    }
    // Wire copy wraps lines inside phrases ("laid\noff"): sentences are
    // found in the text as written, then read with line breaks and tabs as
    // spaces (one byte each, so offsets hold).
    let flat = flatten(text);
    let sents = split_sentences(text, &flat);
    // Most stories with a trigger word have no sentence that makes an event:
    // they cost only this pass.
    // A question reports nothing ("How does a company grow while cutting
    // thousands of jobs?").
    let mut found: Vec<Option<SentenceTriggers>> = sents
        .iter()
        .map(|s| {
            if s.text.trim_end().ends_with('?') {
                None
            } else {
                triggers_in(lex, s.text)
            }
        })
        .collect();
    if found.iter().all(Option::is_none) {
        return Vec::new();
    }
    // A story of a lockout: the plant the employer shut is its weapon in a
    // labour dispute, not a cut, wherever the story says so. A reactor is
    // shut down for safety or fuel: its staff stays.
    let stoppage_story = STOPPAGE_STORY_WORDS
        .find_iter(flat.as_bytes())
        .any(|m| crate::phrases::is_word_bounded(&flat, m.start(), m.end()));
    // A strike story: its banks and plants close for the strike, unless a
    // sentence speaks of jobs.
    let strike_story = {
        let lede = [
            input.title.unwrap_or(""),
            sents.first().map_or("", |s| s.text),
        ];
        lede.iter().any(|l| {
            let l = l.to_ascii_lowercase();
            [
                "strike", "strikes", "striking", "struck", "walkout", "stoppage",
            ]
            .iter()
            .any(|w| crate::phrases::contains_word(&l, w))
        })
    };
    if stoppage_story || strike_story {
        for (f, sent) in found.iter_mut().zip(&sents) {
            // Lower-case words: "United Auto Workers" names a union.
            let jobs_told =
                strike_story && !stoppage_story && JOBS_TOLD.iter().any(|w| sent.text.contains(w));
            if let Some(st) = f {
                st.valid
                    .retain(|h| *h.value != TriggerKind::Closure || jobs_told);
                if st.valid.is_empty() {
                    *f = None;
                }
            }
        }
        if found.iter().all(Option::is_none) {
            return Vec::new();
        }
    }
    // Name spans are found once per sentence and shared by every step below;
    // the ranker drops the ones that surely name no employer.
    let mut sent_orgs = candidate_spans(lex, text, &flat, &sents);
    prune_candidates(lex, text, input.title, &sents, &mut sent_orgs);
    let names = DocNames {
        parents: appositive_parents(&sents, &sent_orgs),
        year: input.published.map(|d| d.year()),
        sites: site_names(&sent_orgs),
    };
    let main_org = main_org(lex, &sent_orgs, input.title);
    let government = government_name(lex, &flat);
    // A story about civil service cuts: its sentences without an employer
    // of their own speak of the government.
    let public_story = {
        let lower = flat.to_ascii_lowercase();
        GOVERNMENT_CUES.iter().any(|c| lower.contains(c))
    };
    // The first name of the article: its lede's subject.
    let lede_org = sent_orgs.iter().flatten().next().map(|o| o.name.clone());

    let mut mentions: Vec<Mention> = Vec::new();
    let mut last_org: Option<String> = None;
    for (si, (sent, orgs)) in sents.iter().zip(&sent_orgs).enumerate() {
        let found = match found[si].take() {
            Some(f) => detect(
                lex,
                f,
                sent,
                si,
                orgs,
                &names,
                last_org.as_deref().or(main_org.as_deref()),
                &[main_org.as_deref(), lede_org.as_deref()],
                government.as_deref(),
                public_story,
                input.published,
            ),
            None => Vec::new(),
        };
        // The sentence's employer: a surely-named one, else the one the
        // text is about ("O'Reilly said Heinz implemented ..."), else the first.
        let is_main = |o: &&OrgSpan| {
            main_org
                .as_deref()
                .is_some_and(|m| same_org(m, &resolve(lex, &o.name, &names).0))
        };
        // Owners ("jointly owned by Alder and Birch") and named sites
        // are not who the next sentences speak of.
        // Nor is a name after a preposition ("offerings from Digital").
        let speaker = |o: &&OrgSpan| {
            let prev = sent.text[..o.start]
                .trim_end_matches(['<', '(', ' ', '"'])
                .rsplit(' ')
                .next()
                .unwrap_or("");
            !named_as_owner(sent.text, o)
                && !names.sites.contains(&o.name)
                && !OBJECT_PREPOSITIONS.contains(&prev)
        };
        let subject = orgs
            .iter()
            .filter(speaker)
            .find(|o| o.strong)
            .or_else(|| orgs.iter().filter(speaker).find(is_main))
            .or_else(|| orgs.iter().find(speaker));
        if let Some(subject) = subject {
            if found.is_empty() {
                let (c, _) = resolve(lex, &subject.name, &names);
                if orgs.iter().any(|o| o.strong)
                    || main_org.as_deref().is_some_and(|m| same_org(m, &c))
                {
                    last_org = Some(c);
                }
            }
        }
        if let Some(m) = found.first() {
            last_org = Some(m.company.clone());
        }
        mentions.extend(found);
    }
    let merged = merge(mentions);
    let mut events =
        crate::attributes::build_events(lex, &sents, merged, input.published.is_some());
    // A size is quoted as written, dashes and line breaks included.
    if let std::borrow::Cow::Owned(flat) = &flat {
        for e in &mut events {
            let span = e.evidence.iter().find(|ev| ev.field == Field::Headcount);
            if let (Some(h), Some(ev)) = (e.headcount.as_mut(), span) {
                if flat.get(ev.start..ev.end) == Some(h.text.as_str()) {
                    h.text = text[ev.start..ev.end].to_string();
                }
            }
        }
    }
    events
}

/// The text as the rules read it, byte for byte as long: line breaks and
/// tabs become spaces (wire copy wraps lines inside phrases, "laid\noff"),
/// and a dash between two words becomes " - " ("of its workforce—about
/// 2,000 employees—" reads as three clauses), and a space that groups
/// thousands ("nearly 4 000 employees") reads as a comma.
fn flatten(text: &str) -> std::borrow::Cow<'_, str> {
    let spaced_thousands = spaced_thousands(text);
    if spaced_thousands.is_empty() && !text.contains(['\n', '\r', '\t', '\u{2014}', '\u{2013}']) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut prev = ' ';
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            '\u{2014}' | '\u{2013}'
                if prev.is_alphanumeric() && chars.peek().is_some_and(|n| n.is_alphanumeric()) =>
            {
                // Both dashes take three bytes in UTF-8.
                out.push_str(" - ");
            }
            _ => out.push(c),
        }
        prev = c;
    }
    debug_assert_eq!(out.len(), text.len());
    if !spaced_thousands.is_empty() {
        let mut bytes = out.into_bytes();
        for i in spaced_thousands {
            bytes[i] = b',';
        }
        out = String::from_utf8(bytes).expect("an ASCII space became an ASCII comma");
    }
    out.into()
}

/// The offsets of spaces that group thousands: after a group of one to
/// three digits that starts a number, before exactly three digits ("4 000",
/// "11 000", "1 200 000"); not "2024 300" or "May 20 2026".
fn spaced_thousands(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit()
            || i > 0 && (b[i - 1].is_ascii_digit() || b[i - 1] == b',' || b[i - 1] == b'.')
        {
            i += 1;
            continue;
        }
        let run = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        let mut j = i + run;
        if run > 3 {
            i = j;
            continue;
        }
        let mut spaces = Vec::new();
        while j + 4 <= b.len()
            && b[j] == b' '
            && b[j + 1..j + 4].iter().all(u8::is_ascii_digit)
            && b.get(j + 4).is_none_or(|c| !c.is_ascii_digit())
        {
            spaces.push(j);
            j += 4;
        }
        out.extend(spaces);
        i = j.max(i + 1);
    }
    out
}

/// The document's sentences, read with line breaks as spaces.
fn split_sentences<'a>(text: &str, flat: &'a str) -> Vec<Sentence<'a>> {
    sentences(text)
        .into_iter()
        .map(|(s, e)| Sentence {
            start: s,
            text: &flat[s..e],
        })
        .collect()
}

/// The employer candidates of each sentence: the rules' name spans after
/// the document-wide filter.
/// Names inside page furniture (datelines, bylines, credits) are dropped.
fn candidate_spans(lex: &Lexicon, text: &str, flat: &str, sents: &[Sentence]) -> Vec<Vec<OrgSpan>> {
    let furniture = crate::web::furniture(text, |w| {
        let w = w.trim_end_matches(['.', ',']);
        lex.places.find(w).any(|h| h.start == 0 && h.end == w.len())
    });
    let mut sent_orgs: Vec<Vec<OrgSpan>> = sents
        .iter()
        .map(|s| {
            let mut orgs = find_orgs(lex, s.text);
            orgs.retain(|o| !crate::web::within(&furniture, s.start + o.start, s.start + o.end));
            // A round-up's heading: a name opening a paragraph before a
            // colon ("Acme Tools: The toolmaker cut ...") is surely the
            // employer its paragraph speaks of.
            for o in &mut orgs {
                let at = s.start + o.start;
                let line_start = text[..at].trim_end_matches([' ', '\t']);
                let opens_line = line_start.is_empty() || line_start.ends_with('\n');
                // ("Key points:" over a list is a section's heading.)
                let told_after = text[s.start + o.end..]
                    .strip_prefix(':')
                    .and_then(|r| r.split('\n').next())
                    .is_some_and(|r| r.trim().len() > 1);
                if opens_line && told_after && !o.possessive {
                    o.strong = true;
                }
            }
            orgs
        })
        .collect();
    doc_name_filter(lex, flat, sents, &mut sent_orgs);
    sent_orgs
}

/// The ranker's features of every candidate of a document (`text` as
/// written: its line breaks tell datelines and headlines).
fn candidate_features(
    lex: &Lexicon,
    text: &str,
    title: Option<&str>,
    sents: &[Sentence],
    sent_orgs: &[Vec<OrgSpan>],
) -> Vec<Vec<crate::ranker::Features>> {
    let names: Vec<&str> = sent_orgs
        .iter()
        .flatten()
        .map(|o| o.name.as_str())
        .collect();
    let view = crate::ranker::DocView::new(text, title, &names);
    sents
        .iter()
        .zip(sent_orgs)
        .enumerate()
        .map(|(si, (sent, orgs))| {
            orgs.iter()
                .map(|o| crate::ranker::features(lex, &view, sent.text, sent.start, si, o))
                .collect()
        })
        .collect()
}

/// Drops the candidates the ranker scores below its threshold.
fn prune_candidates(
    lex: &Lexicon,
    text: &str,
    title: Option<&str>,
    sents: &[Sentence],
    sent_orgs: &mut [Vec<OrgSpan>],
) {
    let feats = candidate_features(lex, text, title, sents, sent_orgs);
    for (orgs, fs) in sent_orgs.iter_mut().zip(feats) {
        let scores: Vec<f32> = fs.iter().map(|x| lex.ranker.score(x)).collect();
        let best = scores.iter().copied().fold(0.0f32, f32::max);
        let mut keep = fs.iter().zip(&scores).map(|(x, &p)| {
            p >= lex.ranker.threshold
                && !crate::ranker::lone_common_word(x)
                && !(crate::ranker::opens_sentence(x) && outranked(p, best))
        });
        orgs.retain(|_| keep.next().unwrap_or(true));
    }
}

/// Whether a candidate scoring `p` loses to a rival of its sentence scoring
/// `best`: a doubtful word opening a sentence beside a sure name ("Online
/// payments giant Stripe") is not the employer of that sentence.
fn outranked(p: f32, best: f32) -> bool {
    const DOUBTFUL: f32 = 0.5;
    const SURE: f32 = 0.9;
    p < DOUBTFUL && best >= SURE
}

/// Every employer candidate of a text with its features, for training the
/// ranker: (name, features).
pub(crate) fn employer_candidates(
    lex: &Lexicon,
    input: &Input<'_>,
) -> Vec<(String, crate::ranker::Features)> {
    let text = input.text;
    let flat = flatten(text);
    let sents = split_sentences(text, &flat);
    let sent_orgs = candidate_spans(lex, text, &flat, &sents);
    let feats = candidate_features(lex, text, input.title, &sents, &sent_orgs);
    sent_orgs
        .into_iter()
        .flatten()
        .map(|o| o.name)
        .zip(feats.into_iter().flatten())
        .collect()
}

/// Uses the whole document to judge name spans found one sentence at a time:
/// - a lone capitalised word opening a sentence and never seen again is a
///   common word ("Reports indicate", "Internal emails"), unless it is
///   surely an organisation;
/// - an acronym defined by lower-case words ("global services (SMGS)") names
///   a function, not an employer;
/// - in a title-case headline a name is cut back to the part seen elsewhere
///   ("Amazon Continues the Layoffs" → "Amazon").
fn doc_name_filter(lex: &Lexicon, text: &str, sents: &[Sentence], sent_orgs: &mut [Vec<OrgSpan>]) {
    // A page often repeats its headline as the text's first line: a
    // sentence seen before adds nothing to how often a name is used.
    let mut counts: HashMap<&str, usize> = HashMap::new();
    let mut seen = std::collections::HashSet::new();
    for (sent, orgs) in sents.iter().zip(sent_orgs.iter()) {
        if !seen.insert(sent.text.trim()) {
            continue;
        }
        for o in orgs {
            *counts.entry(o.name.as_str()).or_default() += 1;
        }
    }
    let counts: HashMap<String, usize> = counts
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    let defined = lowercase_acronyms(text);
    let people = people_surnames(sent_orgs);
    let named = surnames_after_given_names(lex, text);
    let groups: Vec<&str> = GROUP_NAME_RE
        .captures_iter(text)
        .chain(LABOUR_ACRONYM_RE.captures_iter(text))
        .filter_map(|c| c.get(1).map(|m| m.as_str()))
        .collect();
    let mut lower_words: Option<std::collections::HashSet<&str>> = None;
    for (sent, orgs) in sents.iter().zip(sent_orgs.iter_mut()) {
        let headline = is_title_case(sent.text);
        for o in orgs.iter_mut() {
            if !headline || o.strong || counts.get(&o.name).copied().unwrap_or(0) > 1 {
                continue;
            }
            let words: Vec<&str> = o.name.split_whitespace().collect();
            let prefix = (1..words.len())
                .rev()
                .map(|k| words[..k].join(" "))
                .find(|p| counts.contains_key(p));
            if let Some(p) = prefix {
                o.end = o.start + p.len();
                o.name = p;
                o.possessive = false;
            }
        }
        // "New OpenText layoffs will ...": a word opening the sentence
        // before a name the text uses elsewhere is not part of it.
        for o in orgs.iter_mut() {
            let opens = sent.text[..o.start]
                .trim_matches(|c: char| !c.is_alphanumeric())
                .is_empty();
            if !opens || o.strong || counts.get(&o.name).copied().unwrap_or(0) > 1 {
                continue;
            }
            if let Some((_, rest)) = o.name.split_once(' ') {
                if counts.get(rest).copied().unwrap_or(0) >= 1 {
                    o.start = o.end - rest.len();
                    o.name = rest.to_string();
                }
            }
        }
        orgs.retain(|o| {
            let lone_opener = o.start == 0
                || sent.text[..o.start]
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .is_empty();
            let candidate = !o.strong
                && lone_opener
                && !o.name.contains(' ')
                && !o.name.chars().all(|c| c.is_uppercase())
                && counts.get(&o.name).copied().unwrap_or(0) <= 1;
            // A plural noun ("Reports indicate") or a word the text also
            // writes in lower case ("Internal emails" / "internal").
            let weak = candidate && {
                let plural = o.name.ends_with('s') && !o.name.ends_with("ss");
                // "Simultaneously", "Shortly": an adverb opening a sentence.
                // ("Grammarly" or "Bitly" keep their names: the endings
                // are those of adverbs made from adjectives.)
                let adverb = [
                    "ally", "ously", "ately", "ently", "antly", "ively", "ingly", "edly", "ortly",
                    "arily",
                ]
                .iter()
                .any(|s| o.name.len() > s.len() + 2 && o.name.ends_with(s));
                plural || adverb || {
                    let words = lower_words.get_or_insert_with(|| {
                        text.split(|c: char| !c.is_alphanumeric())
                            .filter(|w| w.starts_with(char::is_lowercase))
                            .collect()
                    });
                    words.contains(o.name.to_lowercase().as_str())
                }
            };
            let person = people.iter().any(|p| {
                o.name == *p
                    || o.name
                        .strip_suffix(p.as_str())
                        .is_some_and(|f| f.ends_with(' '))
            });
            // "Bill Cronin ... Cronin said": a person, unless surely an
            // organisation ("Henry Ford ... Ford").
            let named_person = !o.strong && named.iter().any(|p| o.name == *p);
            // "the industry lobby group Eurofer": it speaks for employers.
            // "the Bolivian Labour Organization, COB": a labour body, and
            // the acronym it goes by.
            let group = groups.contains(&o.name.as_str())
                || !o.strong
                    && o.name
                        .split_whitespace()
                        .any(|w| LABOUR_NAME_WORDS.contains(&w));
            !weak && !person && !named_person && !group && !defined.iter().any(|d| d == &o.name)
        });
    }
}

/// A name introduced as a lobby, trade group or union: it speaks for
/// employers or workers and cuts no jobs of its own.
static GROUP_NAME_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i:lobby\s+group|trade\s+group|industry\s+group|industry\s+body|trade\s+association|employers'?\s+(?:association|federation)|trade\s+union|union)\s+<?([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*)",
    )
    .expect("compiles")
});

/// Words that make a name a labour body's ("United Auto Workers",
/// "Bolivian Labour Organization").
const LABOUR_NAME_WORDS: &[&str] = &[
    "Workers",
    "Labour",
    "Labor",
    "Teamsters",
    "Steelworkers",
    "Autoworkers",
    "Mineworkers",
    "Machinists",
];

/// The acronym given right after a labour body's name: "Labour
/// Organization, COB", "United Auto Workers (UAW)".
static LABOUR_ACRONYM_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:Workers|Labour|Labor|Teamsters|Steelworkers|Autoworkers|Mineworkers|Machinists)(?:\s+[A-Z][a-z]+)*\s*(?:,|\()\s*([A-Z]{2,6})\b",
    )
    .expect("compiles")
});

/// Surnames of people: a two-word name ("Laurence Tisch") whose last word
/// the text also uses alone ("Tisch said"), neither surely an organisation.
fn people_surnames(sent_orgs: &[Vec<OrgSpan>]) -> Vec<String> {
    let singles: Vec<&str> = sent_orgs
        .iter()
        .flatten()
        .filter(|o| !o.strong && !o.name.contains(' '))
        .map(|o| o.name.as_str())
        .collect();
    let mut out: Vec<String> = Vec::new();
    for o in sent_orgs.iter().flatten().filter(|o| !o.strong) {
        let words: Vec<&str> = o.name.split(' ').collect();
        let [first, last] = words[..] else { continue };
        if is_plain_name_word(first)
            && is_plain_name_word(last)
            && singles.contains(&last)
            && !out.iter().any(|x| x == last)
        {
            out.push(last.to_string());
        }
    }
    out
}

/// Surnames that follow a common given name anywhere in the text ("GM
/// spokesman Bill Cronin", "Raymond F. Montoya").
fn surnames_after_given_names<'a>(lex: &Lexicon, text: &'a str) -> Vec<&'a str> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '"'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut out: Vec<&str> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        // "labour relations manager Gerrard Zeebregts": a title before two
        // plain name words makes a person too.
        let titled = (lex.person_titles.contains(*w) || ROLE_WORDS.contains(w))
            && words.get(i + 1).is_some_and(|n| is_plain_name_word(n))
            && words
                .get(i + 2)
                .is_some_and(|n| is_plain_name_word(n.trim_end_matches(['.', '\'', ':'])));
        if !lex.first_names.contains(*w) && !titled {
            continue;
        }
        let i = if titled { i + 1 } else { i };
        // A middle initial may stand between: "Raymond F. Montoya".
        let mut j = i + 1;
        if words
            .get(j)
            .is_some_and(|m| m.len() == 2 && m.ends_with('.'))
        {
            j += 1;
        }
        let Some(last) = words.get(j) else { continue };
        let last = last.trim_end_matches(['.', '\'', ':']);
        let last = last.strip_suffix("'s").unwrap_or(last);
        if is_plain_name_word(last) && !out.contains(&last) {
            out.push(last);
        }
    }
    out
}

/// Lower-case job titles written before a person's name ("relations manager
/// Gerrard Zeebregts").
const ROLE_WORDS: &[&str] = &[
    "CEO",
    "CFO",
    "COO",
    "CTO",
    "founder",
    "co-founder",
    "publisher",
    "editor",
    "administrator",
    "manager",
    "director",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chairman",
    "president",
    "minister",
    "secretary",
    "analyst",
    "economist",
    "official",
    "leader",
    "executive",
    "officer",
    "chief",
    "consultant",
];

/// Most words capitalised: a headline or a title line.
fn is_title_case(s: &str) -> bool {
    let words: Vec<&str> = s
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    let caps = words
        .iter()
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    words.len() >= 4 && caps * 10 >= words.len() * 6
}

/// Acronyms in brackets after the lower-case words they stand for.
fn lowercase_acronyms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some(p) = rest.find('(') {
        let open = offset + p;
        let after = &text[open + 1..];
        let acr: String = after.chars().take_while(char::is_ascii_uppercase).collect();
        if acr.len() >= 2 && after[acr.len()..].starts_with(')') {
            let before = &text[floor_char_boundary(text, open.saturating_sub(120))..open];
            let words: Vec<&str> = before
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty() && !matches!(*w, "and" | "of" | "the" | "for"))
                .collect();
            if words.len() >= acr.len() {
                let tail = &words[words.len() - acr.len()..];
                let lower = tail.iter().all(|w| w.starts_with(char::is_lowercase));
                let initials: String = tail
                    .iter()
                    .filter_map(|w| w.chars().next())
                    .collect::<String>()
                    .to_ascii_uppercase();
                if lower && initials == acr && !out.contains(&acr) {
                    out.push(acr);
                }
            }
        }
        offset = open + 1;
        rest = &text[offset..];
    }
    out
}

/// "X, a unit of Y": X's parent is Y, for the whole document.
fn appositive_parents(sents: &[Sentence], sent_orgs: &[Vec<OrgSpan>]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (s, orgs) in sents.iter().zip(sent_orgs) {
        let lower = s.text.to_ascii_lowercase();
        for cue in [
            ", a unit of",
            ", a subsidiary of",
            ", a division of",
            ", part of",
            ", which is part of",
            ", owned by",
            ", a unit of the",
            ", the parent of",
        ] {
            let Some(pos) = lower.find(cue) else { continue };
            let child = orgs.iter().rev().find(|o| o.end <= pos);
            let parent = orgs.iter().find(|o| o.start > pos + cue.len() - 1);
            if let (Some(c), Some(p)) = (child, parent) {
                if cue == ", the parent of" {
                    out.push((p.name.clone(), c.name.clone()));
                } else {
                    out.push((c.name.clone(), p.name.clone()));
                }
            }
        }
        // "Orlin Holdings, Vellum's new owner,": the owner, then the owned.
        for o in orgs.iter().filter(|o| o.possessive) {
            let before = lower[..o.start].trim_end();
            let after = lower[o.end..].trim_start_matches(['\'', '\u{2019}', 's']);
            let owner_word = ["owner", "new owner", "parent", "parent company"]
                .iter()
                .any(|w| after.trim_start().starts_with(w));
            if owner_word && before.ends_with(',') {
                let owner = orgs.iter().rev().find(|p| p.end < before.len());
                if let Some(p) = owner {
                    out.push((o.name.clone(), p.name.clone()));
                }
            }
        }
    }
    out
}

/// The employer a document is mostly about: the most frequent strong name.
/// Names of one employer are counted together; the one shown is the name
/// that covers most of the mentions ("H.J. Heinz Co" covers "Heinz"), first
/// seen on a tie, so a venture named in passing ("Seoul-Heinz Ltd") neither
/// splits the count nor names the employer.
fn main_org(lex: &Lexicon, sent_orgs: &[Vec<OrgSpan>], title: Option<&str>) -> Option<String> {
    // Each group: its names in order of first sight, with their weights.
    let mut groups: Vec<Vec<(String, usize)>> = Vec::new();
    let mut add = |name: String, w: usize| {
        let group = groups
            .iter_mut()
            .find(|g| g.iter().any(|(n, _)| same_org(n, &name)));
        match group {
            Some(g) => match g.iter_mut().find(|(n, _)| *n == name) {
                Some(entry) => entry.1 += w,
                None => g.push((name, w)),
            },
            None => groups.push(vec![(name, w)]),
        }
    };
    for orgs in sent_orgs.iter().take(40) {
        for o in orgs {
            add(o.name.clone(), if o.strong { 2 } else { 1 });
        }
    }
    // A headline in capitals names nothing reliably ("MINERS CALL STRIKE").
    // A headline confirms a name the text uses; its own words ("Tensions
    // soar as ...") introduce none.
    if let Some(t) = title.filter(|t| t.chars().any(char::is_lowercase)) {
        let known: Vec<String> = sent_orgs.iter().flatten().map(|o| o.name.clone()).collect();
        for o in find_orgs(lex, t) {
            if known.iter().any(|k| same_org(k, &o.name)) {
                add(o.name, 1);
            }
        }
    }
    let best = groups
        .iter()
        .map(|g| (g, g.iter().map(|(_, w)| w).sum::<usize>()))
        .filter(|(_, total)| *total >= 2)
        .max_by(|a, b| a.1.cmp(&b.1).then(std::cmp::Ordering::Greater))?
        .0;
    let covered = |name: &str| {
        let words = norm_words(name);
        best.iter()
            .filter(|(n, _)| {
                let other = norm_words(n);
                !other.is_empty() && words.windows(other.len()).any(|w| w == other.as_slice())
                    || same_org(n, name) && other.len() == 1 && words.len() > 1
            })
            .map(|(_, w)| w)
            .sum::<usize>()
    };
    let mut pick: Option<(&str, usize)> = None;
    for (n, _) in best {
        let c = covered(n);
        if pick.is_none_or(|(_, pc)| c > pc) {
            pick = Some((n, c));
        }
    }
    pick.map(|(n, _)| n.to_string())
}

/// The top-level employer for a name, and the unit when the name is one.
/// What the whole document tells about names: parents given in apposition
/// ("Hughes, a unit of GM") and the year it was published, which decides
/// who owned a brand then.
pub(crate) struct DocNames {
    pub parents: Vec<(String, String)>,
    pub year: Option<i32>,
    /// Names of sites ("the Alligator Ridge Mine"), and those names without
    /// their site word: a mine or a plant, not who employs.
    pub sites: Vec<String>,
}

/// Names the text gives a site by ending them in a site word ("Alligator
/// Ridge Mine", "Ferndale Plant"), with and without that word.
fn site_names(sent_orgs: &[Vec<OrgSpan>]) -> Vec<String> {
    let mut out = Vec::new();
    for o in sent_orgs.iter().flatten().filter(|o| !o.strong) {
        let Some((stem, last)) = o.name.rsplit_once(' ') else {
            continue;
        };
        if SITE_NAME_WORDS.contains(&last) && !out.contains(&o.name) {
            out.push(o.name.clone());
            out.push(stem.to_string());
        }
    }
    out
}

/// Capitalised site words that end a site's name.
const SITE_NAME_WORDS: &[&str] = &[
    "Mine", "Plant", "Mill", "Refinery", "Smelter", "Factory", "Shipyard", "Depot",
];

/// The parent-table entry of a name ("Chrysler", "Chrysler Corp") in the
/// document's year.
fn known_at(lex: &Lexicon, name: &str, year: Option<i32>) -> Option<KnownName> {
    let held = |n: &str| {
        lex.known
            .get(n)
            .and_then(|ks| ks.iter().copied().find(|k| k.held_in(year)))
    };
    held(name).or_else(|| {
        let (stem, last) = name.rsplit_once(' ')?;
        crate::company::SUFFIXES
            .contains(&last)
            .then(|| held(stem.trim_end_matches(',')))
            .flatten()
    })
}

/// The top-level employer of a name outside any text, in a year: its
/// parent and the unit it names ("Twitch" in 2023 → Amazon, "Twitch").
pub(crate) fn top_level(lex: &Lexicon, name: &str, year: Option<i32>) -> (String, Option<String>) {
    let bare = DocNames {
        parents: Vec::new(),
        year,
        sites: Vec::new(),
    };
    resolve(lex, name, &bare)
}

fn resolve(lex: &Lexicon, name: &str, names: &DocNames) -> (String, Option<String>) {
    if let Some(k) = known_at(lex, name, names.year) {
        let parent = lex.parents[k.parent].clone();
        return (parent, k.is_unit.then(|| name.to_string()));
    }
    // "Amazon MGM Studios", "Google Cloud Platform": a parent's name first.
    if let Some(h) = lex.companies.find(name).find(|h| {
        h.start == 0
            && !h.value.is_unit
            && h.value.held_in(names.year)
            && name[h.end..].starts_with(' ')
    }) {
        if !crate::company::norm_words(&name[h.end..]).is_empty() {
            return (lex.parents[h.value.parent].clone(), Some(name.to_string()));
        }
    }
    // "Buick-Oldsmobile-Cadillac", "Chevrolet-Pontiac-GM of Canada": brands
    // of one parent joined by hyphens.
    for word in name.split_whitespace().filter(|w| w.contains('-')) {
        let tops: Vec<Option<String>> = word
            .split('-')
            .map(|part| known_at(lex, part, names.year).map(|k| lex.parents[k.parent].clone()))
            .collect();
        if let Some(Some(first)) = tops.first() {
            if tops.iter().all(|t| t.as_ref() == Some(first)) {
                return (first.clone(), Some(name.to_string()));
            }
        }
    }
    if let Some((_, p)) = names
        .parents
        .iter()
        .find(|(c, p)| same_org(c, name) && !same_org(p, name))
    {
        let bare = DocNames {
            parents: Vec::new(),
            year: names.year,
            sites: Vec::new(),
        };
        let (top, _) = resolve(lex, p, &bare);
        return (top, Some(name.to_string()));
    }
    // "General Motors of Canada", "Fiat do Brasil": the parent is the stem.
    for sep in [" of ", " do ", " de "] {
        if let Some(pos) = name.rfind(sep) {
            let tail = &name[pos + sep.len()..];
            let tail = tail
                .trim_end_matches(|c: char| !c.is_alphabetic())
                .split_whitespace()
                .next()
                .unwrap_or("");
            if lex
                .places
                .find(tail)
                .any(|h| h.start == 0 && h.end == tail.len())
            {
                let (top, _) = resolve(lex, &name[..pos], names);
                return (top, Some(name.to_string()));
            }
        }
    }
    (name.to_string(), None)
}

/// A semicolon or a period between two words: they are in different
/// clauses. An abbreviation in a list of places ("Bloomington, Ill., and")
/// is not a stop.
fn stop_between(s: &str) -> bool {
    s.contains(';')
        || s.match_indices('.')
            .any(|(i, _)| !s[i + 1..].starts_with(','))
}

/// Words between two offsets that are not capitalised (names and places
/// between a verb and its object count for nothing).
fn lower_word_distance(text: &str, a: usize, b: usize) -> usize {
    let (lo, hi) = if a < b { (a, b) } else { (b, a) };
    text[lo..hi]
        .split_whitespace()
        .filter(|w| !w.starts_with(char::is_uppercase))
        .count()
}

fn word_distance(text: &str, a: usize, b: usize) -> usize {
    let (lo, hi) = if a < b { (a, b) } else { (b, a) };
    text[lo..hi].split_whitespace().count()
}

/// The triggers of a sentence that make an event (with a job or facility
/// noun where their kind needs one, not hypothetical, denied or a status),
/// with the context words found on the way.
pub(crate) struct SentenceTriggers<'a> {
    valid: Vec<Hit<'a, TriggerKind>>,
    context: Vec<Hit<'a, ContextKind>>,
}

fn triggers_in<'a>(lex: &'a Lexicon, t: &'a str) -> Option<SentenceTriggers<'a>> {
    let triggers: Vec<_> = lex.triggers.find(t).collect();
    if triggers.is_empty() {
        return None;
    }
    let nouns: Vec<_> = lex.nouns.find(t).collect();
    // "May" with a capital is the month ("on May 20", "in May"), not the
    // modal, unless it opens the sentence without a day after it.
    let context: Vec<_> = lex
        .context
        .find(t)
        .filter(|h| {
            &t[h.start..h.end] != "May"
                || t[..h.start].trim().is_empty()
                    && !t[h.end..]
                        .trim_start()
                        .starts_with(|c: char| c.is_ascii_digit())
        })
        .collect();
    let mut valid = Vec::new();
    // ASCII lower case keeps byte offsets.
    let lower_t = t.to_ascii_lowercase();
    // A closed site said to cost jobs: a job word or "affecting 3,500".
    let staffed =
        nouns.iter().any(|n| *n.value == NounKind::Job) || AFFECTING_NUMBER_RE.is_match(t);
    for tr in &triggers {
        let ok = match tr.value {
            // "January brought another round.": a wave of the cuts the text
            // is about, not a round of funding or of talks.
            TriggerKind::Strong if t[tr.start..tr.end].ends_with("round") => {
                let before = lower_t[..tr.start].trim_end();
                t[tr.end..].starts_with(['.', ',', ';'])
                    && ![
                        "raised",
                        "raise",
                        "raising",
                        "closed",
                        "led",
                        "completed",
                        "funding",
                    ]
                    .iter()
                    .any(|w| before.ends_with(w))
            }
            TriggerKind::Strong => true,
            kind => {
                let want = if *kind == TriggerKind::JobVerb && !closes(t, tr) {
                    NounKind::Job
                } else {
                    NounKind::Facility
                };
                // A passive verb has its counted noun further back ("40
                // office staff in Ghent were expected to be discharged").
                let passive = matches!(*kind, TriggerKind::JobVerb | TriggerKind::Closure)
                    && PASSIVE_BEFORE
                        .iter()
                        .any(|w| t[..tr.start].trim_end().to_ascii_lowercase().ends_with(w));
                let counted = |start: usize| {
                    let head = &t[floor_char_boundary(t, start.saturating_sub(24))..start];
                    head.split_whitespace()
                        .rev()
                        .take(3)
                        .any(|w| w.starts_with(|c: char| c.is_ascii_digit()))
                };
                nouns
                    .iter()
                    .filter(|n| counts_as_object(t, tr, n))
                    .any(|n| {
                        // "its paint shop in Akron, Ohio, will be closed".
                        // A counted subject may carry a long phrase ("200 jobs
                        // at the Department of Trade and Industry have been
                        // earmarked to be cut").
                        let back = if passive && counted(n.start) {
                            16
                        } else if passive && *n.value == NounKind::Facility && staffed {
                            8
                        } else {
                            4
                        };
                        (*n.value == want
                            || *n.value == NounKind::Job && *kind == TriggerKind::JobVerb)
                            // Names between count for little: "close its Des
                            // Moines, Iowa, and Oklahoma City tire plants".
                            && (n.start >= tr.end
                                && word_distance(t, tr.end, n.start) <= 16
                                && lower_word_distance(t, tr.end, n.start) <= 6
                                || n.end <= tr.start && word_distance(t, n.end, tr.start) <= back)
                            && !stop_between(&t[tr.end.min(n.end)..tr.start.max(n.start)])
                    })
                    || (*kind == TriggerKind::JobVerb
                        && nouns
                            .iter()
                            .filter(|n| counts_as_object(t, tr, n))
                            .any(|n| {
                                // "cut its North American workforce of 3,000": a
                                // longer reach when a number stands between.
                                *n.value == NounKind::Job
                                    && n.start >= tr.end
                                    && word_distance(t, tr.end, n.start) <= 10
                                    && t[tr.end..n.start].contains(|c: char| c.is_ascii_digit())
                                    && !t[tr.end..n.start].contains(';')
                            }))
            }
        };
        // "The parts division saw deep cuts": a unit's cuts are jobs.
        let ok = ok
            || *tr.value == TriggerKind::JobVerb
                && UNIT_SAW_CUTS_RE.find_iter(t).any(|m| m.end() == tr.end);
        // "rate cut", "production cuts", "price cutting": not jobs.
        let object_before = t[..tr.start]
            .trim_end()
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        // "an early retirement gain", "layoff benefits", "its no-layoff
        // policy": the trigger names money or a rule, not a cut.
        let word_after = t[tr.end..]
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_end_matches(|c: char| !c.is_alphanumeric())
            .to_ascii_lowercase();
        // "300 posts will go to Yorkshire": jobs that move, not end.
        let moving = matches!(&lower_t[tr.start..tr.end], "go" | "going" | "gone")
            && t[tr.end..].strip_prefix(" to ").is_some_and(|r| {
                r.starts_with(|c: char| c.is_uppercase())
                    || r.starts_with("the ") && r[4..].starts_with(|c: char| c.is_uppercase())
            });
        let not_jobs = moving
            || (*tr.value == TriggerKind::JobVerb
                && NOT_JOB_OBJECTS.contains(&object_before.as_str()))
            || (*tr.value == TriggerKind::Strong
                && MONEY_AFTER_TRIGGER.contains(&word_after.as_str()))
            || object_before == "no";
        // A plant shut by a fire or a strike, a market that closed.
        let stoppage = *tr.value == TriggerKind::Closure
            && (!staffed
                && NOT_WORKFORCE
                    .iter()
                    .any(|w| crate::phrases::contains_word(t, w))
                // "shut down by the fire", "closed after an explosion".
                || {
                    let next: String = t[tr.end..]
                        .split_whitespace()
                        .take(4)
                        .collect::<Vec<_>>()
                        .join(" ")
                        .to_ascii_lowercase();
                    (next.starts_with("by ") || next.starts_with("after "))
                        && NOT_WORKFORCE
                            .iter()
                            .any(|w| crate::phrases::contains_word(&next, w))
                }
                // Work stopped by a strike or a lockout, whoever stays home.
                || STRIKE_WORDS
                    .iter()
                    .any(|w| crate::phrases::contains_word(t, w)));
        // "will close 13 posts unless Congress approves": a condition after
        // the trigger makes it hypothetical.
        let rest = &lower_t[tr.end..];
        // The trigger's clause after it, and its first twelve words.
        let clause = rest.split(['.', ';']).next().unwrap_or("");
        let near: String = clause
            .split_whitespace()
            .take(12)
            .collect::<Vec<_>>()
            .join(" ");
        let conditional = {
            clause
                .split_whitespace()
                .take(15)
                .any(|w| matches!(w, "unless" | "if" | "provided" | "providing"))
        };
        // "a plan for plant closures which it calculates would cost 22,000
        // jobs": an estimate of what a plan would do.
        let estimated = {
            // "6,000 job losses were expected": a forecast.
            let next: String = clause
                .split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ");
            ESTIMATE_AFTER.iter().any(|w| near.contains(w))
                || [
                    "been expected",
                    "are expected",
                    "were expected",
                    "is expected",
                    "was expected",
                    "are inevitable",
                    "is inevitable",
                    "were inevitable",
                    "are likely",
                    "is likely",
                    "seem likely",
                    "seems likely",
                ]
                .iter()
                .any(|w| next.contains(w))
        };
        // "drop 700,000 households off the tax rolls": people, not jobs.
        let not_workers = {
            ["tax rolls", "from the tax", "unemployed", "jobless rolls"]
                .iter()
                .any(|w| rest.contains(w))
        };
        let words_before: Vec<String> = lower_t[..tr.start]
            .split(|c: char| !c.is_ascii_alphanumeric() && c != '-')
            .filter(|w| !w.is_empty())
            .rev()
            .take(4)
            .map(str::to_string)
            .collect();
        // "marched against job losses", "a strike in protest at planned
        // redundancies", "vowed to fight job cuts": opposition, not a cut.
        let opposed = words_before
            .iter()
            .any(|w| OPPOSING_WORDS.contains(&w.as_str()));
        let word_after_tr = lower_t[tr.end..]
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_end_matches(|c: char| !c.is_alphanumeric());
        let closing = *tr.value == TriggerKind::Closure;
        // "the facility remains closed", "has been shut since December",
        // "has 2,250 on layoff": a state, not a new cut.
        // "over 30 brick plants have closed": a count of an
        // industry's sites, not one employer's closure.
        let counted_sites = closing && COUNTED_SITES_RE.is_match(&lower_t[..tr.start]);
        // "an operator said the office was closed": open hours, not a
        // closing. A bare "was closed" that ends its clause, in a sentence
        // with no number, describes a state.
        let stative_closed = closing
            && &lower_t[tr.start..tr.end] == "closed"
            && matches!(
                words_before.first().map(String::as_str),
                Some("is" | "are" | "was" | "were")
            )
            && {
                let after = lower_t[tr.end..].trim_start();
                after.is_empty()
                    || after.starts_with(['.', ',', ';'])
                    || ["for the day", "for the weekend", "for the holiday", "today"]
                        .iter()
                        .any(|w| after.starts_with(w))
            }
            && !lower_t.bytes().any(|b| b.is_ascii_digit());
        // "has kept its Montana smelter closed": kept in a state.
        let kept_closed = closing
            && matches!(
                &lower_t[tr.start..tr.end],
                "closed" | "shut" | "idle" | "idled"
            )
            && lower_t[..tr.start]
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .rev()
                .take(12)
                .any(|w| matches!(w, "kept" | "keep" | "keeps" | "keeping"));
        // "restart the last idle potline", "assets of its closed plant":
        // an adjective. Bare "idle" is a verb only after a modal or "to".
        let tr_word = &lower_t[tr.start..tr.end];
        let before1 = words_before.first().map_or("", String::as_str);
        let adjective = (closing || matches!(tr_word, "idle" | "idled"))
            && (matches!(tr_word, "closed" | "idle" | "idled" | "shuttered")
                && matches!(
                    before1,
                    "its" | "the" | "a" | "an" | "their" | "his" | "her" | "our" | "last" | "other"
                )
                || tr_word == "idle"
                    && !matches!(
                        before1,
                        "will"
                            | "would"
                            | "to"
                            | "may"
                            | "might"
                            | "could"
                            | "must"
                            | "should"
                            | "shall"
                            | "and"
                            | "or"
                            | "also"
                            | "not"
                            | "temporarily"
                            | "indefinitely"
                    ));
        let state = counted_sites
            || adjective
            || stative_closed
            || kept_closed
            || closing
                && (word_after_tr == "since"
                    || words_before
                        .iter()
                        .take(3)
                        .any(|w| STATE_VERBS.contains(&w.as_str())))
            || *tr.value == TriggerKind::Strong
                && lower_t[..tr.start].trim_end().ends_with(" on")
                && !lower_t[..tr.start]
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .rev()
                    .take(14)
                    .any(|w| PLACING_WORDS.contains(&w) || w == "sent" || w == "sends");
        // "closed the acquisition", "closed on a loan": a deal, not a site.
        // "after eliminating redundancies" removes overlaps, not people.
        let overlaps = lower_t[tr.start..tr.end].starts_with("redundanc")
            && words_before
                .first()
                .is_some_and(|w| w.starts_with("eliminat") || w.starts_with("remov"));
        // "a leveraged buyout offer made by its managers": a bid for the
        // company, not offers to staff to leave.
        let takeover = lower_t[tr.start..tr.end].starts_with("buyout")
            && words_before.iter().any(|w| {
                matches!(
                    w.as_str(),
                    "leveraged" | "management" | "share" | "lbo" | "takeover" | "management-led"
                )
            });
        // "its Birch division, which makes closure caps": a product.
        let product = closing
            && lower_t[tr.start..tr.end].starts_with("closure")
            && CLOSURE_PRODUCTS.contains(&word_after_tr);
        let deal = overlaps
            || takeover
            || product
            || closing && {
            let next2: Vec<&str> = lower_t[tr.end..]
                .split_whitespace()
                .take(2)
                .map(|w| w.trim_end_matches(|c: char| !c.is_alphanumeric()))
                .collect();
            DEAL_AFTER_CLOSE.contains(&word_after_tr)
                || next2.len() == 2
                    && matches!(next2[0], "the" | "its" | "a" | "an")
                    && DEALS.contains(&next2[1])
        }
            // "with a reduced staff", "reduced crew levels": an adjective.
            || *tr.value == TriggerKind::JobVerb
                && matches!(&lower_t[tr.start..tr.end], "reduced" | "reducing")
                && matches!(words_before.first().map(String::as_str), Some("a" | "with" | "of"))
            // "a close partnership", "close to": the adjective.
            || closing
                && matches!(&lower_t[tr.start..tr.end], "close")
                && (matches!(words_before.first().map(String::as_str), Some("a" | "very" | "in"))
                    || CLOSE_ADJECTIVE_AFTER.contains(&word_after_tr)
                    // "a bigger one close by, and": near, not a closing date.
                    || word_after_tr == "by"
                        && lower_t[tr.end..]
                            .split_whitespace()
                            .nth(1)
                            .is_none_or(|w| matches!(w, "and" | "or" | "." | ",")));
        if !ok
            || not_jobs
            || stoppage
            || conditional
            || estimated
            || not_workers
            || opposed
            || state
            || deal
        {
            continue;
        }
        // Hypothetical, denied or status words in the clause before the trigger.
        let window_start = floor_char_boundary(t, tr.start.saturating_sub(80));
        let clause_start = t[window_start..tr.start]
            .rfind([';', ':', '?'])
            .map_or(window_start, |p| window_start + p + 1);
        // "putting 2,000 staff on temporary layoff" puts people on it: a
        // cut, not a count of those who are on it.
        let placing = |c: &Hit<'_, ContextKind>| {
            *c.value == ContextKind::Status && {
                let head = &t[floor_char_boundary(t, c.start.saturating_sub(40))..c.start];
                head.split_whitespace()
                    .rev()
                    .take(4)
                    .any(|w| PLACING_WORDS.contains(&w.to_ascii_lowercase().as_str()))
            }
        };
        let blocked = context.iter().any(|c| {
            matches!(
                c.value,
                ContextKind::Hypothetical | ContextKind::Denial | ContextKind::Status
            ) && !placing(c)
                && c.start >= clause_start
                && c.end <= tr.start
                && word_distance(t, c.end, tr.start) <= 8
        }) || context.iter().any(|c| {
            *c.value == ContextKind::Aim
                && c.end <= tr.start
                && !t[c.end..tr.start].contains([',', ';', ':'])
                && word_distance(t, c.end, tr.start) <= 16
        }) || context.iter().any(|c| {
            *c.value == ContextKind::Status
                && !placing(c)
                && c.start >= tr.end
                && word_distance(t, tr.end, c.start) <= 2
        })
            // "a cut of 8,000 to 12,000 of the 60,000 workers in the
            // industry": a whole industry's cut, no employer's.
            || INDUSTRY_AFTER.iter().any(|w| near.contains(w))
            // "is asking for a cut in wages, reduced crew levels": a demand
            // in talks, not a cut made.
            || {
                let head = &lower_t[..tr.start];
                DEMANDS.iter().any(|d| {
                    head.rfind(d)
                        .is_some_and(|p| word_distance(t, p + d.len(), tr.start) <= 20)
                })
            };
        if !blocked {
            valid.push(*tr);
        }
    }
    (!valid.is_empty()).then_some(SentenceTriggers { valid, context })
}

/// Whether a job or facility word near a trigger can be what it cuts:
/// - not a possessive ("farmers' income payments", "workers' compensation");
/// - after the trigger, no other object comes first ("reduce dilution from
///   the issue of employee stock options", "cut the amount available for
///   raises for salaried employees"), unless joined by "and" ("reduce
///   capacity and employment");
/// - before the trigger, in the same clause ("salaried employees and is
///   reducing the merit pool" is two clauses).
fn counts_as_object<T>(t: &str, tr: &Hit<'_, TriggerKind>, n: &Hit<'_, T>) -> bool {
    let after = &t[n.end..];
    if after.starts_with('\'') || after.starts_with('\u{2019}') {
        return false;
    }
    let noun = t[n.start..n.end].to_ascii_lowercase();
    // People lose many things ("farmers have lost an ally"): "lost" and
    // "go" count only jobs ("lost 500 jobs", "positions will go").
    let verb = t[tr.start..tr.end].to_ascii_lowercase();
    if LOSING_VERBS.contains(&verb.as_str()) && !JOB_WORDS.contains(&noun.as_str()) {
        return false;
    }
    // "Azpurua told reporters the reduction of the margin": whom one speaks
    // to is not what is cut.
    let prev_word = t[..n.start]
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .to_ascii_lowercase();
    if SPEAKING_TO.contains(&prev_word.as_str()) {
        return false;
    }
    // "a cut in foreign exchange positions", "short positions": holdings.
    if noun.starts_with("position") {
        let prev = t[..n.start]
            .split_whitespace()
            .next_back()
            .unwrap_or("")
            .to_ascii_lowercase();
        if matches!(
            prev.as_str(),
            "exchange"
                | "currency"
                | "trading"
                | "long"
                | "short"
                | "net"
                | "open"
                | "market"
                | "dollar"
                | "bond"
                | "futures"
                | "option"
                | "options"
                | "cash"
                | "stock"
                | "equity"
                | "speculative"
                | "forward"
                | "oil"
                | "inventory"
        ) {
            return false;
        }
    }
    // "staff will go down each avenue", "go ahead": a phrasal verb.
    if matches!(verb.as_str(), "go" | "going") {
        let next = t[tr.end..]
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_ascii_lowercase();
        if matches!(
            next.as_str(),
            "down"
                | "up"
                | "ahead"
                | "after"
                | "into"
                | "on"
                | "through"
                | "back"
                | "beyond"
                | "forward"
                | "over"
                | "public"
                | "along"
                | "with"
                | "for"
                | "about"
                | "home"
        ) {
            return false;
        }
    }
    if n.start >= tr.end {
        // One person's job ("dismissed from the top party job", "eliminated
        // the role of chief operating officer", "terminated as an employee").
        if matches!(
            noun.as_str(),
            "job" | "post" | "position" | "role" | "employee" | "worker"
        ) {
            return false;
        }
        // Lower-case words only: "the Big Value division" names a unit.
        let words: Vec<&str> = t[tr.end..n.start]
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| w.starts_with(|c: char| c.is_ascii_lowercase()))
            .collect();
        // A closing verb ends production at a site ("phase out production
        // at its Dayton plant").
        match words.iter().position(|w| OTHER_OBJECTS.contains(w)) {
            Some(i) => closes(t, tr) || words[i + 1..].contains(&"and"),
            None => true,
        }
    } else if n.end <= tr.start {
        // "opened eight shops and closed two", "bought the plant and
        // closed it": the verb's own object points back.
        let next = t[tr.end..].split_whitespace().next().unwrap_or("");
        let next = next.trim_end_matches(|c: char| !c.is_alphanumeric());
        if matches!(
            next,
            "it" | "them" | "one" | "two" | "three" | "four" | "five"
        ) || next.starts_with(|c: char| c.is_ascii_digit())
        {
            return true;
        }
        // "a job reducing expenses": the verb's own object is something else.
        let object = t[tr.end..]
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .find(|w| !matches!(*w, "the" | "its" | "their" | "our" | "his" | "her" | "back"))
            .unwrap_or("");
        // "jobs for 50,000 people, sharply reducing those left out
        // of work": the verb has an object of its own.
        if OTHER_OBJECTS.contains(&object) || matches!(object, "those" | "these") {
            return false;
        }
        let between = t[n.end..tr.start].to_ascii_lowercase();
        // A lone "job" is a compound's head only right before the trigger
        // ("job cuts"); "an outstanding job reducing expenses" is no cut.
        if matches!(noun.as_str(), "job" | "post" | "position" | "role")
            && !between.trim().is_empty()
        {
            return false;
        }
        let passive = PASSIVE_BEFORE
            .iter()
            .any(|w| between.trim_end().ends_with(w));
        // "and" inside a name ("the Department of Food and Rural Affairs")
        // joins no clauses.
        let words: Vec<&str> = t[n.end..tr.start]
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| !w.is_empty())
            .collect();
        let in_name = |i: usize| {
            i > 0
                && words[i - 1].starts_with(|c: char| c.is_ascii_uppercase())
                && words
                    .get(i + 1)
                    .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_uppercase()))
        };
        !words.iter().enumerate().any(|(i, w)| {
            let w = w.to_ascii_lowercase();
            matches!(w.as_str(), "and" | "or") && !in_name(i)
                || matches!(w.as_str(), "but" | "while" | "whose")
                || !passive
                    && matches!(
                        w.as_str(),
                        "because" | "due" | "of" | "amid" | "despite" | "than" | "after"
                    )
        })
    } else {
        true
    }
}

/// Words just before a trigger that oppose it: protests and fights against
/// cuts are no cuts.
const OPPOSING_WORDS: &[&str] = &[
    "against",
    "protest",
    "protests",
    "protesting",
    "protested",
    "fight",
    "fighting",
    "oppose",
    "opposes",
    "opposed",
    "opposing",
    "opposition",
    "freeze",
    "moratorium",
    "ban",
];

/// Verbs that keep a site in a state ("remains closed", "kept the smelter
/// closed").
const STATE_VERBS: &[&str] = &[
    "remains", "remained", "remain", "kept", "keeps", "keep", "stays", "stayed", "stay",
];

/// Words after "closed" that make it a deal or a market, not a site.
const DEAL_AFTER_CLOSE: &[&str] = &["on", "at", "higher", "lower", "unchanged", "firm", "steady"];

/// A count of sites as the subject of a closure: "30 cement plants have".
static COUNTED_SITES_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b\d[\d,]*\s+(?:[a-z-]+\s+)?(?:plants|mills|factories|stores|mines|refineries|shipyards|yards|smelters)\s+(?:have|had|were|have\s+been|had\s+been)\s*$",
    )
    .expect("compiles")
});

/// Words after "close" that make it the adjective: "close to", "close ties".
const CLOSE_ADJECTIVE_AFTER: &[&str] = &[
    "to",
    "partnership",
    "relationship",
    "relations",
    "ties",
    "cooperation",
    "watch",
    "look",
    "attention",
    "contact",
    "links",
    "second",
    "friend",
    "ally",
];

/// What a company closes when it completes a deal: "closed the acquisition".
const DEALS: &[&str] = &[
    "acquisition",
    "sale",
    "purchase",
    "deal",
    "transaction",
    "offering",
    "financing",
    "loan",
    "merger",
    "takeover",
];

/// Words before a trigger that point back at the cut in focus: "The cuts",
/// "These job cuts".
const ANAPHORIC_HEADS: &[&str] = &[
    "the",
    "the job",
    "these",
    "these job",
    "the latest",
    "the planned",
];

/// Words after a trigger that make its size an estimate of a plan.
const ESTIMATE_AFTER: &[&str] = &[
    "would cost",
    "could cost",
    "might cost",
    "would lead to",
    "could lead to",
    "calculated to",
    "calculates would",
    "estimated would",
    "estimates would",
];

/// Verbs of losing or going: they count jobs, not people.
const LOSING_VERBS: &[&str] = &["lose", "lost", "losing", "go", "gone", "going"];

/// Nouns that name jobs rather than the people who hold them.
const JOB_WORDS: &[&str] = &[
    "job",
    "jobs",
    "position",
    "positions",
    "post",
    "posts",
    "role",
    "roles",
    "employment",
    "payroll",
    "payrolls",
    "workforce",
    "work force",
    "headcount",
    "staff",
];

/// Objects of a cutting verb that are not jobs, when they come before any
/// job word: "reduce dilution", "cut the amount", "eliminate abuses".
const OTHER_OBJECTS: &[&str] = &[
    "unemployment",
    "jobless",
    "dilution",
    "value",
    "amount",
    "pool",
    "deficit",
    "deficits",
    "role",
    "ability",
    "abuses",
    "charges",
    "rates",
    "rate",
    "wages",
    "wage",
    "pay",
    "salaries",
    "benefits",
    "payments",
    "compensation",
    "pension",
    "pensions",
    "taxes",
    "tax",
    "prices",
    "price",
    "costs",
    "cost",
    "expenses",
    "spending",
    "debt",
    "debts",
    "borrowings",
    "losses",
    "inventory",
    "inventories",
    "imports",
    "exports",
    "output",
    "production",
    "dividend",
    "dividends",
    "stake",
    "interest",
    "subsidies",
    "hours",
    "week",
    "budget",
    "budgets",
    "raises",
    "allowances",
    "ties",
    "links",
    "talks",
    "sanctions",
    "tariffs",
    "quotas",
    "emissions",
    "barriers",
    "spread",
    "spreads",
    "margins",
    "obstacles",
    "restrictions",
    "curbs",
    "controls",
    "regulations",
    "bureaucracy",
    "duplication",
];

/// A trigger that ends a site's work: a closing verb, or a cutting verb
/// that can take a plant ("idling its Dayton plant", "phase out production").
fn closes(t: &str, tr: &Hit<'_, TriggerKind>) -> bool {
    *tr.value == TriggerKind::Closure
        || *tr.value == TriggerKind::JobVerb
            && CLOSING_JOB_VERBS.contains(&t[tr.start..tr.end].to_ascii_lowercase().as_str())
}

/// "The company, 60 pct of which Alder Holding AG owns, said",
/// "following its acquisition of Citizens Federal": a name given as an owner
/// or as a business bought.
fn named_as_owner(t: &str, o: &OrgSpan) -> bool {
    let head = t[floor_char_boundary(t, o.start.saturating_sub(24))..o.start]
        .trim_end_matches(['<', ' '])
        .to_ascii_lowercase();
    OWNER_CUES.iter().any(|c| head.ends_with(c))
}

/// Whether a date after the trigger belongs to another clause: a remark
/// ("reduce staff, noting that expenses in 1986 rose"), a relative clause
/// ("closed the mill, which it bought in 1985") or a reason ("closed as a
/// result of debt from a buyout last year").
fn detached_date(lower: &str, trigger_end: usize, date_start: usize) -> bool {
    // "Orlin Photo, which has been trimming its staff, paid its bonus last
    // year": a cut told in a relative clause, dated by the main clause.
    let in_relative = || {
        let head = &lower[..trigger_end];
        let opened = [", which ", ", who "]
            .iter()
            .filter_map(|w| head.rfind(w))
            .max();
        opened.is_some_and(|p| !head[p + 2..].contains(','))
            && lower[trigger_end..date_start].contains(',')
    };
    date_start > trigger_end
        && (DATE_DETACHING
            .iter()
            .any(|w| lower[trigger_end..date_start].contains(w))
            || in_relative())
}

/// Whether a date before the trigger sits in an apposition of the subject:
/// "Cosmo Oil, the third largest seller in 1985, cut its workforce".
fn appositive_date(lower: &str, start: usize, end: usize, trigger_pos: usize) -> bool {
    if end > trigger_pos {
        return false;
    }
    let (Some(open), Some(close)) = (
        lower[..start].rfind(','),
        lower[end..trigger_pos].find(',').map(|p| end + p),
    ) else {
        return false;
    };
    let inner = lower[open + 1..].trim_start();
    lower[open + 1..close].split_whitespace().count() <= 12
        && ["the ", "a ", "an ", "which ", "who ", "once ", "formerly "]
            .iter()
            .any(|w| inner.starts_with(w))
}

/// A size compared with before, right before a date: "from 86,000 in".
static BASELINE_BEFORE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bfrom (?:about |some |nearly )?[\d][\d,.]*(?: [a-z]+)?\s+(?:(?:in|at the end of|at end-|at)\s+)?$")
        .expect("compiles")
});

/// Words that tell a habit rather than one event.
const HABITUAL: &[&str] = &[
    "several times",
    "repeatedly",
    "from time to time",
    "periodically",
    "time and again",
];

const DATE_DETACHING: &[&str] = &[
    ", noting",
    ", adding",
    ", saying",
    ", citing",
    ", compared",
    ", which",
    ", who",
    ", while",
    ", whereas",
    "as a result of",
    "because of",
    "due to",
];

const CLOSING_JOB_VERBS: &[&str] = &["idle", "idled", "idling", "phase out", "phasing out"];

/// The mentions of one sentence.
#[allow(clippy::too_many_arguments)]
fn detect(
    lex: &Lexicon,
    found: SentenceTriggers<'_>,
    sent: &Sentence,
    si: usize,
    orgs: &[OrgSpan],
    names: &DocNames,
    fallback: Option<&str>,
    main: &[Option<&str>],
    government: Option<&str>,
    public_story: bool,
    published: Option<NaiveDate>,
) -> Vec<Mention> {
    let t = sent.text;
    let SentenceTriggers { valid, context } = found;
    let Some(first) = valid.first() else {
        return Vec::new();
    };
    let trigger_pos = first.start;

    // The employer: the subject before the trigger, else a name after it
    // ("jobs are to go at X"), else the one the text is about.
    // "The company said ... cuts": the employer already in focus, not a name
    // later in the sentence.
    let lower_head = t[..trigger_pos].to_ascii_lowercase();
    // "These staff reductions come with ... acquisition by Banner": a cut
    // named with "the" is the one already in focus.
    let pronoun_subject = fallback.is_some()
        && !orgs.iter().any(|o| o.end <= trigger_pos)
        && (FOCUS_WORDS
            .iter()
            .any(|w| w.starts_with("the ") && lower_head.contains(w))
            || ANAPHORIC_HEADS.contains(&lower_head.trim()));
    // "the Arlington Assembly plant ... will be closed": a site of the
    // employer in focus, not an employer.
    // "It said its Halden Printing Co unit has cut jobs": a unit of the
    // employer in focus, however surely named.
    let site_name = |o: &&OrgSpan| {
        let next = t[o.end..]
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_end_matches([',', '.'])
            .to_ascii_lowercase();
        let own_unit = t[..o.start]
            .trim_end()
            .to_ascii_lowercase()
            .ends_with(" its")
            && matches!(next.as_str(), "unit" | "subsidiary" | "division" | "arm");
        let named_site = !o.strong && names.sites.contains(&o.name);
        // "the Fiero assembly plant": a site word, or one describing word
        // and a site word ("Orlin closed the plant", "Orlin closes plant"
        // have a verb between).
        let mut after = t[o.end..]
            .split_whitespace()
            .map(|w| w.trim_end_matches([',', '.']));
        let before_site_word = match (after.next(), after.next()) {
            (Some(w), _) if SITE_WORDS.contains(&w.to_ascii_lowercase().as_str()) => true,
            (Some(m), Some(w)) => {
                SITE_WORDS.contains(&w)
                    && m.chars().all(|c| c.is_ascii_lowercase())
                    && !m.ends_with('s')
                    && !m.ends_with("ed")
                    && !NOT_SITE_MODIFIERS.contains(&m)
            }
            _ => false,
        };
        fallback.is_some() && (!o.strong && before_site_word || own_unit || named_site)
    };
    // "The company, 60 pct of which Alder Holding AG owns, said",
    // "following its acquisition of Citizens Federal": an owner or a
    // business bought is not who cuts.
    let owner_or_bought = |o: &&OrgSpan| named_as_owner(t, o);
    // "Orlin agreed to buy stores from <Globex Stores Inc>, which
    // announced it was closing the division": the relative clause's verb is
    // the name's right before "which".
    let relative = orgs.iter().rev().find(|o| {
        o.end <= trigger_pos && {
            let after = t[o.end..trigger_pos].trim_start_matches(['>', ')', ' ']);
            let clause = after
                .strip_prefix(", which ")
                .or_else(|| after.strip_prefix(", who "));
            clause.is_some_and(|rest| !rest.contains([',', ';']))
        }
    });
    let subject = relative
        .or_else(|| {
            orgs.iter()
                .filter(|o| o.end <= trigger_pos && !site_name(o) && !owner_or_bought(o))
                .find(|o| {
                    // "Alder Stores Inc's Birchwood unit said": an owner's unit.
                    let unit_after = t[o.end..]
                        .trim_start_matches(['\'', '\u{2019}', 's', ' '])
                        .split_whitespace()
                        .next()
                        .is_some_and(|w| {
                            matches!(w, "unit" | "subsidiary" | "division" | "arm" | "affiliate")
                        });
                    !o.possessive
                        || unit_after
                        || orgs.iter().any(|n| n.start > o.end && n.start - o.end <= 3)
                })
        })
        .or_else(|| {
            orgs.iter()
                .find(|o| o.end <= trigger_pos && !site_name(o) && !owner_or_bought(o))
        })
        .or_else(|| {
            let named_site = orgs.iter().any(|o| o.end <= trigger_pos && site_name(&o));
            orgs.iter()
                .filter(|o| !pronoun_subject && !named_site && !owner_or_bought(o) && !site_name(o))
                .find(|o| {
                    o.start > trigger_pos && {
                        let before = t[floor_char_boundary(t, o.start.saturating_sub(40))..o.start]
                            .to_ascii_lowercase();
                        before.contains(" at ")
                            || before.contains(" by ")
                            || before.contains(" of ")
                    }
                })
        });
    // Civil service cuts: the employer is the government of the country the
    // article is about, its departments the units.
    let lower_sent = t.to_ascii_lowercase();
    // "the government made five ministries into corporations whose
    // managers sacked 4,000": the state as employer.
    let state_bodies =
        lower_sent.contains("government") && STATE_BODIES.iter().any(|c| lower_sent.contains(c));
    // "its state mining firm had closed its office", no name given.
    let state_run = subject.is_none()
        && [
            "state-run",
            "state-owned",
            "government-owned",
            "state-controlled",
        ]
        .iter()
        .any(|c| lower_sent.contains(c));
    let public = GOVERNMENT_CUES.iter().any(|c| {
        lower_sent
            .match_indices(c)
            .any(|(at, _)| !crate::company::no_employer_before(&lower_sent[..at]))
    }) || state_bodies
        || state_run
        || public_story && subject.is_none() && fallback.is_none();
    let government = government.filter(|_| public && !subject.is_some_and(|o| o.strong));
    let subject = subject.filter(|_| government.is_none());
    let anaphoric = ANAPHORIC_HEADS.contains(&lower_head.trim())
        || FOCUS_WORDS.iter().any(|w| lower_head.contains(w));
    let unit_cuts = UNIT_SAW_CUTS_RE
        .captures(t)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().to_string());
    let (company, mut units, company_span) = match subject {
        Some(o) => {
            let (c, unit) = resolve(lex, &o.name, names);
            // "Y's X unit": the owner is Y, X a unit.
            let owned = o
                .possessive
                .then(|| {
                    orgs.iter()
                        .find(|n| n.start > o.end && n.start - o.end <= 3)
                })
                .flatten();
            let mut units: Vec<String> = unit.into_iter().collect();
            if let Some(u) = owned {
                let (uc, _) = resolve(lex, &u.name, names);
                if uc != c || u.name != c {
                    units.push(u.name.clone());
                }
            }
            (c, units, Some((o.start, o.end)))
        }
        None => {
            // The employer in focus only when the sentence refers back to it
            // ("it will cut", "the company's plants", "its staff").
            // "The cuts - some 3% of the lender's workforce": a cut
            // named with "the", or a possessive of the employer after it.
            let refers = FOCUS_WORDS
                .iter()
                .any(|w| lower_head.starts_with(w.trim_start()) || lower_head.contains(w))
                || ANAPHORIC_HEADS.contains(&lower_head.trim())
                || unit_cuts.is_some()
                || t[first.start..first.end].ends_with("round")
                || FOCUS_WORDS
                    .iter()
                    .any(|w| w.starts_with("the ") && lower_sent.contains(&format!("{w}'s")));
            // A stated size of workers or share of the workforce also marks
            // a cut of the employer in focus.
            let sized =
                find_sizes(lex, t).iter().any(|s| s.with_job_noun) || !find_percents(t).is_empty();
            // "Brazil's motor industry ... sent thousands of workers on
            // leave": a whole industry is no named employer.
            let subject_phrase = lower_head.split(',').next().unwrap_or("");
            let industry = [
                "industry",
                "sector",
                "industries",
                "firms",
                "companies",
                "employers",
                "manufacturers",
                "makers",
                "producers",
                "carmakers",
                "automakers",
            ]
            .iter()
            .any(|w| crate::phrases::contains_word(subject_phrase, w));
            match government
                .or(fallback.filter(|_| refers || sized))
                .filter(|_| !industry)
            {
                Some(f) => {
                    let (c, unit) = resolve(lex, f, names);
                    (c, unit.into_iter().collect(), None)
                }
                None => return Vec::new(),
            }
        }
    };
    if let Some(u) = unit_cuts {
        if !units.contains(&u) {
            units.push(u);
        }
    }
    if government.is_some() {
        for m in DEPARTMENT_RE.find_iter(t) {
            let name = m.as_str().trim_end_matches([',', ' ']);
            let name = name.strip_suffix(" and").unwrap_or(name);
            if !units.iter().any(|u| u == name) {
                units.push(name.to_string());
            }
        }
    }
    // Other names in the sentence that are units of this employer.
    for o in orgs {
        if subject.is_some_and(|s| s.start == o.start) {
            continue;
        }
        let (c, unit) = resolve(lex, &o.name, names);
        if let Some(u) = unit {
            if same_org(&c, &company) && !units.contains(&u) {
                units.push(u);
            }
        }
    }
    // "its Physical Stores Technology team", "at the Oshawa plant", "at
    // GM's Lansing, Mich., plant".
    for o in orgs {
        let after = t[o.end..].trim_start();
        let after = match STATE_AFTER_RE.find(after) {
            Some(m) => &after[m.end()..],
            None => after,
        }
        .to_ascii_lowercase();
        let before = t[..o.start].trim_end().to_ascii_lowercase();
        let unit_word = UNIT_WORDS.iter().any(|w| after.starts_with(w));
        let at_word = before.ends_with(" at")
            || before.ends_with(" its")
            || before.ends_with(" the")
            || before.ends_with(" in its")
            || AT_POSSESSIVE_RE.is_match(&before);
        if unit_word
            && at_word
            && !same_org(&o.name, &company)
            && !units.iter().any(|u| same_org(u, &o.name))
        {
            units.push(o.name.clone());
        }
    }
    // "at GM's Lansing, Mich., plant", "its Akron assembly plant": a
    // site named by its place.
    let sites: Vec<(usize, String)> = lex
        .places
        .find(t)
        .filter(|h| !receives_work(t, h.start))
        .filter_map(|h| place_unit(t, h.start, h.end).map(|u| (h.start, u)))
        .collect();

    let lower = t.to_ascii_lowercase();
    let future = lower.contains(" will ")
        || lower.contains(" plans to ")
        || lower.contains(" wants to ")
        || lower.contains(" intends to ")
        || lower.contains(" to be ")
        || lower.contains(" are to ")
        || lower.contains(" is to ");
    let dates: Vec<_> = find_dates(t, published, future)
        .into_iter()
        .filter(|d| !d.effective && !d.future)
        .filter(|d| !detached_date(&lower, first.end, d.start))
        .filter(|d| !appositive_date(&lower, d.start, d.end, trigger_pos))
        // "cut its workforce to 31,000 from 52,000 in 1979": the date of
        // the old size.
        .filter(|d| !BASELINE_BEFORE_RE.is_match(&lower[..d.start]))
        .collect();
    // "close the mills on or before June 30": a deadline, not a
    // cut made before.
    let deadline = |c: &Hit<'_, ContextKind>| {
        t[c.start..c.end].eq_ignore_ascii_case("before")
            && t[c.end..].split_whitespace().next().is_some_and(|w| {
                crate::date::MONTH_NAMES.contains(&w)
                    || w.starts_with(|ch: char| ch.is_ascii_digit())
                    || matches!(w, "the" | "year-end" | "end")
            })
    };
    // "The government has sacked 20,000 miners since the collapse": a
    // running total of earlier cuts.
    let since_perfect = {
        let head = lower[..first.start].trim_end();
        (head.ends_with(" has") || head.ends_with(" have"))
            && lower[first.end..].contains(" since ")
    };
    let earlier = since_perfect
        || context
            .iter()
            .any(|c| *c.value == ContextKind::Earlier && !deadline(c));
    let additional = context
        .iter()
        .any(|c| *c.value == ContextKind::Additional && c.end <= trigger_pos + 40);
    let date = dates.iter().min_by_key(|d| d.start.abs_diff(trigger_pos));
    let (announced, date_span) = match date {
        Some(d) => (d.value.clone(), Some((d.start, d.end))),
        None if earlier => (None, None),
        None => (published.map(|p| p.format("%Y-%m-%d").to_string()), None),
    };

    let mut sizes = find_sizes(lex, t);
    // A site's whole staff is the cut when that site closes, and only when
    // no size of the cut itself is given for it.
    sizes.retain(|s| !s.workforce || valid.iter().any(|tr| closes(t, tr) && tr.end <= s.start));
    if sizes.iter().filter(|s| !s.workforce).count() >= sites.len().max(1) {
        sizes.retain(|s| !s.workforce);
    }
    let percents = find_percents(t);
    // Without a size, a cut needs an employer that is surely one: a legal
    // name, a known company, or the one the article is about.
    let sure_employer =
        subject.is_none_or(|o| o.strong) || main.iter().flatten().any(|m| same_org(m, &company));
    if sizes.is_empty() && percents.is_empty() && !sure_employer {
        return Vec::new();
    }
    // "forced it to cut production several times through layoffs": a
    // habit told as background, no one cut.
    if sizes.is_empty()
        && percents.is_empty()
        && date.is_none()
        && HABITUAL.iter().any(|w| lower.contains(w))
    {
        return Vec::new();
    }
    let base_evidence = |start: usize, end: usize| -> Vec<Evidence> {
        let mut ev = vec![Evidence {
            field: Field::Event,
            start: sent.start + start,
            end: sent.start + end,
        }];
        if let Some((s, e)) = company_span {
            ev.push(Evidence {
                field: Field::Company,
                start: sent.start + s,
                end: sent.start + e,
            });
        }
        if let Some((s, e)) = date_span {
            ev.push(Evidence {
                field: Field::Announced,
                start: sent.start + s,
                end: sent.start + e,
            });
        }
        ev
    };
    let percent = percents
        .iter()
        .min_by_key(|p| p.start.abs_diff(trigger_pos));
    // Several sizes each with its own place or unit: several events, each
    // with its own unit only.
    let placed: Vec<(usize, String)> = sizes
        .iter()
        .enumerate()
        .filter_map(|(i, s)| size_unit(lex, t, s.start, s.noun_end, orgs).map(|u| (i, u)))
        .collect();
    // "close its Milwaukee plant, idling 350, and its Dayton facility, with
    // about 300 employees": sites and sizes taken in turn.
    let placed = if placed.len() < 2 && sites.len() >= 2 && sites.len() == sizes.len() {
        let in_turn = sites
            .iter()
            .zip(&sizes)
            .enumerate()
            .all(|(i, ((at, _), s))| {
                *at < s.start && sites.get(i + 1).is_none_or(|(next, _)| *next > s.start)
            });
        if in_turn {
            sites
                .iter()
                .enumerate()
                .map(|(i, (_, u))| (i, u.clone()))
                .collect()
        } else {
            placed
        }
    } else {
        placed
    };
    if placed.len() >= 2 {
        units.retain(|u| !placed.iter().any(|(_, p)| same_org(u, p)));
    } else {
        // Sites named in a sentence with one size (or none) are the cut's;
        // with several sizes each belongs to its own, so none is shared.
        for (_, u) in sites {
            // The site replaces its bare place name ("Dayton").
            units.retain(|x| !u.starts_with(&format!("{x} ")));
            if !units.contains(&u) {
                units.push(u);
            }
        }
    }
    // Cuts listed without sizes at several known units ("eliminated roles in
    // Prime Video, MGM Studios and Twitch"): one event each.
    let mut listed: Vec<String> = Vec::new();
    if sizes.is_empty() {
        for o in orgs.iter().filter(|o| o.start > trigger_pos) {
            if let (c, Some(u)) = resolve(lex, &o.name, names) {
                if same_org(&c, &company) && !listed.iter().any(|l| same_org(l, &u)) {
                    listed.push(u);
                }
            }
        }
        // "The carmaker will close two plants in each of its groups, X
        // and Y": more about the cut in focus, at all of them.
        // A sentence with a time of its own ("More recently, the company
        // eliminated roles in X, Y and Z") tells new cuts, one per unit.
        if anaphoric && !earlier && !additional && date.is_none() && listed.len() >= 2 {
            for u in listed.drain(..) {
                if !units.contains(&u) {
                    units.push(u);
                }
            }
        }
        if listed.len() >= 2 {
            units.retain(|u| !listed.contains(u));
        }
    }
    let make = |size: Option<&crate::size::SizePhrase>, extra_unit: Option<String>| -> Mention {
        let mut ev = base_evidence(first.start, first.end);
        let mut units = units.clone();
        if let Some(u) = extra_unit {
            if !units.contains(&u) {
                units.push(u);
            }
        }
        if let Some(s) = size {
            ev.push(Evidence {
                field: Field::Headcount,
                start: sent.start + s.start,
                end: sent.start + s.end,
            });
        }
        if let Some(p) = percent {
            ev.push(Evidence {
                field: Field::Percent,
                start: sent.start + p.start,
                end: sent.start + p.end,
            });
        }
        Mention {
            company: company.clone(),
            units,
            announced: announced.clone(),
            dated_earlier: earlier && date.is_none(),
            headcount: size.map(|s| s.headcount.clone()),
            percent: percent.map(|p| p.value),
            additional,
            anaphoric,
            sentence: si,
            sentences: vec![si],
            explicit_date: date.is_some(),
            evidence: ev,
        }
    };
    if listed.len() >= 2 {
        return listed.into_iter().map(|u| make(None, Some(u))).collect();
    }
    if placed.len() >= 2 {
        return placed
            .into_iter()
            .map(|(i, u)| make(Some(&sizes[i]), Some(u)))
            .collect();
    }
    // "Orlin Motors, which last Friday laid off 2,500 workers, sent some
    // 6,000 employees on collective leave": two verbs, each with its own
    // size right after it, are two cuts, each dated by its own words.
    let pairs: Vec<(&Hit<'_, TriggerKind>, &crate::size::SizePhrase)> = valid
        .iter()
        .filter_map(|tr| {
            sizes
                .iter()
                .filter(|s| {
                    s.start >= tr.end
                        && word_distance(t, tr.end, s.start) <= 5
                        && !t[..s.start].trim_end().ends_with(" to")
                })
                .min_by_key(|s| s.start)
                .or_else(|| {
                    sizes.iter().filter(|s| s.end <= tr.start).find(|s| {
                        word_distance(t, s.noun_end.max(s.end), tr.start) <= 6
                            && !t[s.end..tr.start].contains(',')
                    })
                })
                .map(|s| (tr, s))
        })
        .collect();
    // "cut 1,300 jobs ... which will reduce its workforce to 5,500 from
    // 6,810" says the same cut twice.
    let near_equal = |a: &crate::size::SizePhrase, b: &crate::size::SizePhrase| match (
        a.headcount.max,
        b.headcount.max,
    ) {
        (Some(x), Some(y)) => x.abs_diff(y) * 10 <= x.max(y),
        _ => false,
    };
    let distinct = pairs.len() >= 2
        && pairs.windows(2).all(|w| {
            w[0].1.start < w[1].1.start
                && w[0].0.end < w[1].0.start
                && w[0].1.end <= w[1].0.start
                && !near_equal(w[0].1, w[1].1)
        });
    if distinct && placed.len() < 2 {
        return pairs
            .into_iter()
            .map(|(tr, s)| {
                let mut m = make(Some(s), None);
                // "... by 1,870 while up to 300 jobs are to be lost at Initech
                // Corp": a cut placed at another employer is its.
                let other = size_unit(lex, t, s.start, s.noun_end.max(s.end), orgs)
                    .filter(|u| orgs.iter().any(|o| o.name == *u && o.strong))
                    .map(|u| (resolve(lex, &u, names), u))
                    .filter(|((c, _), _)| !same_org(c, &company));
                m.units
                    .retain(|u| orgs.iter().all(|o| o.name != *u || !o.strong));
                if let Some(((c, unit), name)) = other {
                    m.company = c;
                    m.units = vec![unit.unwrap_or(name)];
                    m.evidence.retain(|e| e.field != Field::Company);
                }
                if let Some(e) = m.evidence.iter_mut().find(|e| e.field == Field::Event) {
                    e.start = sent.start + tr.start;
                    e.end = sent.start + tr.end;
                }
                let own = dates
                    .iter()
                    .filter(|d| d.end <= tr.start && tr.start - d.end <= 30)
                    .min_by_key(|d| tr.start - d.end);
                m.evidence.retain(|e| e.field != Field::Announced);
                match own {
                    Some(d) => {
                        m.announced = d.value.clone();
                        m.explicit_date = true;
                        m.evidence.push(Evidence {
                            field: Field::Announced,
                            start: sent.start + d.start,
                            end: sent.start + d.end,
                        });
                    }
                    None => {
                        m.announced = published.map(|p| p.format("%Y-%m-%d").to_string());
                        m.explicit_date = false;
                        m.dated_earlier = false;
                    }
                }
                m
            })
            .collect();
    }
    // "Orlin Photo, which has been trimming its staff, paid its bonus to
    // about 85,000 employees": a size after another clause is another verb's.
    let after_clause = |s: &&crate::size::SizePhrase| {
        s.start > trigger_pos && {
            let between = &t[trigger_pos..s.start];
            between.rfind(',').is_some_and(|c| {
                let tail: Vec<&str> = between[c + 1..].split_whitespace().collect();
                tail.len() >= 4
                    && tail.first().is_some_and(|w| {
                        w.ends_with("ed")
                            || matches!(
                                *w,
                                "paid"
                                    | "gave"
                                    | "made"
                                    | "took"
                                    | "sold"
                                    | "bought"
                                    | "said"
                                    | "told"
                            )
                    })
            })
        }
    };
    let size = sizes.iter().filter(|s| !after_clause(s)).min_by_key(|s| {
        if s.start >= trigger_pos {
            s.start - trigger_pos
        } else {
            (trigger_pos - s.start) + 5
        }
    });
    vec![make(size, None)]
}

/// The place or unit a size belongs to: "2,000 at Detroit-Ferndale",
/// "Wentzville, Mo. (4,900 workers)".
fn size_unit(lex: &Lexicon, t: &str, start: usize, end: usize, orgs: &[OrgSpan]) -> Option<String> {
    // "about 57 German employees": a nationality inside the size phrase,
    // not part of a name ("American Airlines pilots").
    if let Some(h) = lex.place_adjectives.find(&t[start..end]).next() {
        let (hs, he) = (start + h.start, start + h.end);
        if !orgs.iter().any(|o| o.start < he && hs < o.end) {
            return Some(t[hs..end].to_string());
        }
    }
    // "At the Department for Health, 20,000 jobs are to go".
    let head = t[..start].trim_end();
    if let Some(h) = head.strip_suffix(',') {
        let clause = h.rfind([',', ';']).map_or(h, |p| &h[p + 1..]).trim_start();
        if let Some(rest) = clause.strip_prefix("At ") {
            // The whole clause must be the name.
            let rest = rest.trim_start_matches("the ").trim_start_matches("its ");
            let name = name_words(rest);
            if !name.is_empty() && name.len() == rest.len() {
                return Some(name);
            }
        }
    }
    let after = &t[end..];
    let window = &after[..floor_char_boundary(after, after.len().min(90))];
    // Line breaks of wrapped wire copy count as spaces (same byte lengths).
    let lw = window.to_ascii_lowercase().replace(['\n', '\r', '\t'], " ");
    for prep in [" at ", " in "] {
        if let Some(p) = lw.find(prep) {
            // Another number or clause between: the place is another size's.
            let between = &lw[..p];
            if between.split_whitespace().count() <= 9
                && !between.contains([',', ';', '(', ')'])
                && !between.contains(|c: char| c.is_ascii_digit())
                && !between.contains(" while ")
                && !between.contains(" whereas ")
            {
                let rest = &window[p + prep.len()..];
                let rest = rest.trim_start_matches("the ").trim_start_matches("its ");
                // "at streaming platform Twitch": skip a short lower-case description.
                let descr = rest
                    .split_whitespace()
                    .take(4)
                    .take_while(|w| w.chars().all(|c| c.is_lowercase()))
                    .count();
                let skipped: usize = rest
                    .split_whitespace()
                    .take(if descr < 4 { descr } else { 0 })
                    .map(|w| w.len() + 1)
                    .sum();
                let name = name_words(rest.get(skipped..).unwrap_or(""));
                if !name.is_empty() {
                    return Some(name);
                }
                if prep == " in " {
                    if let Some(u) = lowercase_unit(lex, rest) {
                        return Some(u);
                    }
                }
            }
        }
    }
    // "Place (N workers)": the name just before an opening parenthesis.
    let before = t[..start].trim_end();
    if let Some(b) = before.strip_suffix('(') {
        let b = b.trim_end();
        if let Some(o) = orgs
            .iter()
            .rev()
            .find(|o| o.end <= b.len() && b.len() - o.end <= 6)
        {
            return Some(o.name.clone());
        }
        if let Some(h) = lex.places.find(b).last() {
            let mut name_start = b[..h.start].rfind(['(', ')', ',']).map_or(0, |p| p + 1);
            // "Joplin, Mo. (1,900 workers)": the town before its state.
            if b[..h.start].trim_end().ends_with(',') {
                let head = b[..h.start].trim_end().trim_end_matches(',');
                let town: Vec<&str> = head
                    .rsplit(' ')
                    .take_while(|w| w.starts_with(char::is_uppercase))
                    .take(3)
                    .collect();
                if !town.is_empty() {
                    name_start = head.len() + 1 - town.iter().map(|w| w.len() + 1).sum::<usize>();
                }
            }
            let name = b[name_start..]
                .trim()
                .trim_start_matches("and ")
                .trim_start_matches("the ");
            return Some(name.to_string());
        }
    }
    None
}

/// The capitalised words that open `rest`, with the connectors inside a
/// name ("Department of Trade and Industry", "GM's Lansing").
fn name_words(rest: &str) -> String {
    let words: Vec<&str> = rest.split_whitespace().collect();
    let cap = |w: &str| w.chars().next().is_some_and(char::is_uppercase) || w.ends_with("'s");
    let mut n = 0;
    while n < words.len() {
        let connector = matches!(words[n], "and" | "of" | "for" | "&")
            && n > 0
            && !words[n - 1].ends_with(',')
            && words.get(n + 1).is_some_and(|w| cap(w));
        if !cap(words[n]) && !connector {
            break;
        }
        n += 1;
        if words[n - 1].ends_with([',', '.', ';']) {
            break;
        }
    }
    words[..n]
        .join(" ")
        .trim_end_matches([',', '.', ';'])
        .to_string()
}

/// Words after a layoff word that make it money or a rule: "early
/// retirement gain", "layoff benefits", "no-layoff policy".
const MONEY_AFTER_TRIGGER: &[&str] = &[
    "gain",
    "gains",
    "charge",
    "charges",
    "cost",
    "costs",
    "expense",
    "expenses",
    "provision",
    "provisions",
    "reserve",
    "reserves",
    "benefit",
    "benefits",
    "pay",
    "payment",
    "payments",
    "fund",
    "funds",
    "insurance",
    "compensation",
    "policy",
    "policies",
    "clause",
    "rules",
    "law",
    "laws",
];

/// Verbs that put workers on layoff or leave.
const PLACING_WORDS: &[&str] = &[
    "placing", "placed", "places", "place", "put", "puts", "putting",
];

static AFFECTING_NUMBER_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\baffecting\s+(?:about\s+|some\s+)?\d").expect("compiles"));

/// Words right before a passive verb.
const PASSIVE_BEFORE: &[&str] = &[" be", " been", " being", " are", " were", " was", " is"];

/// Words before a trigger that refer back to the employer in focus.
const FOCUS_WORDS: &[&str] = &[
    " it ",
    " its ",
    " it's ",
    "the company",
    "the firm",
    "the group",
    "the carrier",
    "the automaker",
    "the carmaker",
    "the manufacturer",
    "the bank",
    "the airline",
    "the retailer",
    "the maker",
    "the unit",
    "the business",
    " we ",
    " our ",
    " they ",
    " their ",
    "the employer",
    "the chain",
];

/// A site that takes work or people from the cut ("offered comparable jobs
/// at its Houston distribution center", "production will move to its
/// Dayton plant") is not where the cut falls.
fn receives_work(t: &str, start: usize) -> bool {
    let head = t[floor_char_boundary(t, start.saturating_sub(40))..start].to_ascii_lowercase();
    let head = head
        .trim_end()
        .trim_end_matches(" its")
        .trim_end_matches(" the")
        .trim_end_matches(" their");
    let offered = ["offer", "comparable", "new jobs", "available"]
        .iter()
        .any(|w| head.contains(w));
    offered && (head.ends_with("jobs at") || head.ends_with("positions at"))
        || [
            "transferred to",
            "transfer to",
            "moved to",
            "move to",
            "relocated to",
            "relocate to",
            "consolidated at",
            "consolidated into",
            "consolidated in",
            "shifted to",
        ]
        .iter()
        .any(|c| head.ends_with(c))
}

/// Nouns after "closure" that make it a product: "closure caps".
const CLOSURE_PRODUCTS: &[&str] = &[
    "caps",
    "cap",
    "products",
    "systems",
    "devices",
    "liners",
    "seals",
    "fasteners",
    "components",
];

/// Words before a cut that make it one party's demand in talks.
const DEMANDS: &[&str] = &[
    "asking for",
    "asked for",
    "demanding",
    "demanded",
    "demands for",
    "pressing for",
    "pressed for",
];

/// Words that make a closure in a strike story one that ends jobs.
const JOBS_TOLD: &[&str] = &[
    "jobs",
    "workers",
    "employees",
    "staff",
    "laid off",
    "layoff",
    "permanent",
];

/// Words that make a whole story one of a lockout or a reactor shutdown.
static STOPPAGE_STORY_WORDS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build([
            "lockout",
            "locked out",
            "lock-out",
            "nuclear",
            "reactor",
            "reactors",
        ])
        .expect("compiles")
});

/// Words after a cut that make it a whole industry's.
const INDUSTRY_AFTER: &[&str] = &[
    "in the industry",
    "industry-wide",
    "industrywide",
    "across the industry",
    "in the sector",
    "across the sector",
    "in the economy",
    "across the economy",
];

/// Prepositions that make the name after them an object, not the subject
/// later sentences speak of.
const OBJECT_PREPOSITIONS: &[&str] = &[
    "from", "against", "with", "to", "than", "versus", "like", "over", "toward", "towards",
];

/// Verbs whose object is an audience: "told reporters", "briefed analysts".
const SPEAKING_TO: &[&str] = &[
    "told",
    "tell",
    "tells",
    "telling",
    "briefed",
    "informed",
    "addressed",
    "asked",
];

/// Words right before a name that make it an owner, a business bought or
/// where work goes.
const OWNER_CUES: &[&str] = &[
    "moved to",
    "move to",
    "transferred to",
    "relocated to",
    "owned by",
    "controlled by",
    "unit of",
    "subsidiary of",
    "division of",
    "affiliate of",
    "acquisition of",
    "acquisitions of",
    "purchase of",
    "takeover of",
    "merger with",
    "acquired",
    "bought",
    "sold to",
    "sale to",
    "bought by",
    "acquired by",
];

/// What stops a plant without a word about jobs: an accident or a strike,
/// not a workforce reduction.
const NOT_WORKFORCE: &[&str] = &[
    "refueling",
    "refuelling",
    "shortage",
    "shortages",
    "harvest",
    "snowstorms",
    "snowstorm",
    "storms",
    "refuel",
    "explosion",
    "fire",
    "blaze",
    "strike",
    "strikes",
    "storm",
    "flood",
    "flooding",
    "earthquake",
    "accident",
    "leak",
    "spill",
    "outage",
    "maintenance",
    "repairs",
    "hurricane",
    "protest",
    "shares",
    "stocks",
    "market",
    "exchange",
    "trading",
    "holiday",
    "holidays",
    "killed",
    "trapped",
    "weather",
    "snow",
    "valve",
    "problems",
    "fault",
    "faults",
    "breakdown",
    "malfunction",
    "defect",
    "defects",
    "safety",
    "inspection",
    "inspections",
    "regulators",
    "refuelling",
    "refueling",
];

/// A strike or lockout closes plants without cutting jobs.
const STRIKE_WORDS: &[&str] = &[
    "strike",
    "strikes",
    "striking",
    "struck",
    "walkout",
    "walkouts",
    "lockout",
    "locked out",
];

/// Nouns right before "cut" that say what is cut when it is not jobs.
const NOT_JOB_OBJECTS: &[&str] = &[
    "rate",
    "rates",
    "tax",
    "taxes",
    "price",
    "prices",
    "cost",
    "costs",
    "spending",
    "budget",
    "dividend",
    "output",
    "production",
    "capacity",
    "interest",
    "tariff",
    "tariffs",
    "quota",
    "quotas",
    "fare",
    "fares",
    "supply",
    "supplies",
    "investment",
    "subsidy",
    "subsidies",
    "wage",
    "wages",
    "pay",
    "salary",
    "salaries",
    "expense",
    "expenses",
    "debt",
    "loan",
    "loans",
];

/// Words that make a cut one of public employees.
const GOVERNMENT_CUES: &[&str] = &[
    "civil service",
    "civil servants",
    "public sector",
    "government jobs",
    "government departments",
    "department of",
    "department for",
    "ministry of",
    "whitehall",
    "federal workers",
    "federal employees",
];

/// Public bodies a government runs, in a sentence that names the government.
const STATE_BODIES: &[&str] = &[
    "departments",
    "agencies",
    "ministries",
    "state-owned",
    "state corporations",
    "state corporation",
    "state-run",
    "state enterprises",
    "public corporations",
    "government-owned",
];

static DEPARTMENT_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:Department|Ministry) (?:of|for) (?:the )?[A-Z][a-z]+(?:(?:,? and|,) [A-Z][a-z]+| [A-Z][a-z]+)*")
        .expect("compiles")
});

/// "UK government", "Irish government": the government of the country the
/// text names most often (the first one on a tie).
fn government_name(lex: &Lexicon, text: &str) -> Option<String> {
    let mut counts: Vec<(String, usize, usize)> = Vec::new();
    for set in [&lex.places, &lex.place_adjectives] {
        for h in set.find(text) {
            let country = h.value.split('-').next().unwrap_or("");
            if country.len() != 2 {
                continue;
            }
            match counts.iter_mut().find(|(c, _, _)| c == country) {
                Some(c) => {
                    c.1 += 1;
                    c.2 = c.2.min(h.start);
                }
                None => counts.push((country.to_string(), 1, h.start)),
            }
        }
    }
    let (country, _, _) = counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))?;
    let name = match country.as_str() {
        "GB" => "UK",
        "US" => "US",
        other => lex.country_labels.get(other).map_or(other, String::as_str),
    };
    Some(format!("{name} government"))
}

/// The unit a place names when a site word follows it ("Lansing plant",
/// "Akron assembly plant") and a word that points at a site comes before
/// ("at", "its", "the", "at GM's").
fn place_unit(t: &str, start: usize, end: usize) -> Option<String> {
    let before = t[..start].trim_end().to_ascii_lowercase();
    // "its paint shop in Akron, Ohio": the site word comes first.
    let place = t[start..end].split(',').next().unwrap_or_default();
    if let Some(head) = before.strip_suffix(" in") {
        let site = head.rsplit(' ').next().unwrap_or_default();
        if SITE_WORDS.contains(&site) {
            return Some(format!("{place} {site}"));
        }
    }
    let at_word = before.ends_with(" at")
        || before.ends_with(" its")
        || before.ends_with(" the")
        || AT_POSSESSIVE_RE.is_match(&before);
    if !at_word {
        return None;
    }
    let rest = &t[end..];
    let rest = match STATE_AFTER_RE.find(rest) {
        Some(m) => &rest[m.end()..],
        None => rest.trim_start_matches(',').trim_start(),
    };
    // "Dayton, Ohio": the town names the site.
    // Lower-case descriptions stay ("assembly plant"); brand names
    // between ("Buick-Oldsmobile-Cadillac plant") are left out.
    let mut words = Vec::new();
    for w in rest.split_whitespace().take(5) {
        let w = w.trim_end_matches([',', '.', ';']);
        if w.is_empty() || w.ends_with("'s") {
            return None;
        }
        if w.chars().all(|c| c.is_lowercase() || c == '-') {
            words.push(w);
        } else if !w.starts_with(char::is_uppercase) || !words.is_empty() {
            return None;
        }
        if SITE_WORDS.contains(&w) {
            return Some(format!("{place} {}", words.join(" ")));
        }
    }
    None
}

/// Words for a site that a place can name.
/// Lower-case words between a name and a site word that make the name a
/// subject ("USX said plants", "Acme shut plants"), not a site's name.
const NOT_SITE_MODIFIERS: &[&str] = &[
    "the", "a", "an", "to", "and", "or", "at", "in", "of", "for", "on", "will", "would", "can",
    "could", "may", "might", "must", "shall", "should", "said", "told", "did", "had", "cut",
    "shut", "set", "sold", "built", "bought", "let", "kept", "made", "put", "got", "won", "lost",
];

const SITE_WORDS: &[&str] = &[
    "plant",
    "plants",
    "factory",
    "factories",
    "facility",
    "mill",
    "mine",
    "works",
    "warehouse",
    "refinery",
    "smelter",
    "depot",
    "yard",
    "shipyard",
    "office",
    "headquarters",
    "store",
    "center",
    "centre",
    "site",
];

/// ", Mich.," or ", Ohio," between a place and the unit word after it.
static STATE_AFTER_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^,\s*[A-Z][A-Za-z]*\.?,\s*").expect("compiles"));

/// "at GM's" (lower-cased) right before a unit's name.
static AT_POSSESSIVE_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bat\s+[a-z0-9&.\-]+'s$").expect("compiles"));

const UNIT_WORDS: &[&str] = &[
    "team",
    "division",
    "unit",
    "plant",
    "group",
    "business",
    "segment",
    "organization",
    "organisation",
    "facility",
    "center",
    "centre",
    "operation",
    "operations",
    "subsidiary",
    "department",
    "sector",
];

/// A unit that saw cuts: "The parts division saw deep cuts", "its
/// devices unit faced deep cuts".
static UNIT_SAW_CUTS_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:[Tt]he|[Ii]ts)\s+((?:[a-z]+\s+){1,3}(?:division|unit|team|department|business|group))\s+(?:saw|faced|suffered|experienced|was\s+hit\s+by|has\s+seen|had\s+seen)\s+(?:[a-z]+\s+){0,2}(?:cuts|reductions)\b",
    )
    .expect("compiles")
});

/// A lower-case unit after "in": "in its physical stores technology
/// division", "in sales" (a function names the part of the workforce).
fn lowercase_unit(lex: &Lexicon, rest: &str) -> Option<String> {
    let phrase: Vec<&str> = rest
        .split_whitespace()
        .take(6)
        .take_while(|w| {
            w.chars()
                .all(|c| c.is_lowercase() || matches!(c, ',' | '.' | ';'))
        })
        .collect();
    let end = phrase
        .iter()
        .position(|w| w.ends_with([',', '.', ';']))
        .map_or(phrase.len(), |p| p + 1);
    let words: Vec<&str> = phrase[..end]
        .iter()
        .map(|w| w.trim_end_matches([',', '.', ';']))
        .collect();
    if let Some(p) = words.iter().position(|w| UNIT_WORDS.contains(w)) {
        if p > 0 {
            return Some(words[..=p].join(" "));
        }
    }
    let first = words.first()?;
    lex.functions
        .find(first)
        .any(|h| h.start == 0 && h.end == first.len())
        .then(|| words.join(" "))
}

fn compatible(a: &Mention, b: &Mention) -> bool {
    // "Alder Financial Corp's BIRCHBANK Savings subsidiary"
    // and then "BIRCHBANK": one employer by its parent's or its unit's name.
    let one_employer = same_org(&a.company, &b.company)
        || a.units.iter().any(|u| same_org(u, &b.company))
        || b.units.iter().any(|u| same_org(u, &a.company));
    if !one_employer {
        return false;
    }
    // Sizes of one sentence were already told apart by `detect`.
    if a.sentences.contains(&b.sentence) && a.headcount.is_some() && b.headcount.is_some() {
        return false;
    }
    // Dates tell cuts apart, except that of a bare mention (no size, no date
    // in the text, as in a headline), which took the publication's date.
    // The same exact size twice is one cut told twice ("12,500 jobs had
    // gone" ... "the first 12,500 jobs had been cut").
    let exact = |m: &Mention| {
        m.headcount
            .as_ref()
            .and_then(|h| (h.min == h.max).then_some(h.min).flatten())
    };
    let same_size = exact(a).is_some() && exact(a) == exact(b);
    // The same size in an undated headline and a dated body is one cut too.
    let bare = |m: &Mention| !m.explicit_date && (m.headcount.is_none() || same_size);
    if let (Some(x), Some(y)) = (&a.announced, &b.announced) {
        let n = x.len().min(y.len());
        if x[..n] != y[..n] && !bare(a) && !bare(b) {
            return false;
        }
    }
    // "more than 13,000" and "around 13,000": one figure told twice.
    let floor = |m: &Mention| m.headcount.as_ref().and_then(|h| h.min).filter(|&n| n > 0);
    let same_figure = same_size || floor(a).is_some() && floor(a) == floor(b);
    if b.dated_earlier != a.dated_earlier && b.headcount.is_some() && !same_figure {
        return false;
    }
    if !a.units.is_empty()
        && !b.units.is_empty()
        && !a
            .units
            .iter()
            .any(|u| b.units.iter().any(|v| same_org(u, v)))
    {
        return false;
    }
    // "The robotics division saw cuts" after "January brought another
    // round": a unit's own cut, not more about a dated or sized one, unless
    // it points back ("The cuts hit its Dayton plant").
    let own_unit = |m: &Mention| {
        !m.anaphoric && !m.units.is_empty() && !m.explicit_date && m.headcount.is_none()
    };
    let settled = |m: &Mention| m.units.is_empty() && (m.explicit_date || m.headcount.is_some());
    if own_unit(b) && settled(a) {
        return false;
    }
    // "January brought another round": a further wave with a date of its own.
    if b.additional && b.explicit_date && !a.explicit_date {
        return false;
    }
    // "a small number of employees" is not the same cut as thousands.
    let small = |h: &Headcount| {
        let t = h.text.to_ascii_lowercase();
        !h.is_numeric() && (t.contains("small") || t.contains("handful"))
    };
    let big = |h: &Headcount| h.min.is_some_and(|m| m >= 1000);
    match (&a.headcount, &b.headcount) {
        (Some(x), Some(y)) if small(x) && big(y) || small(y) && big(x) => false,
        (Some(x), Some(y)) if x.is_numeric() && y.is_numeric() => {
            let lo = |h: &Headcount| h.min.unwrap_or(0);
            // "more than 500" is not 2,800: an open size reaches half as
            // far again as its floor when cuts are told apart.
            let hi = |h: &Headcount| match (h.min, h.max) {
                (_, Some(max)) => max,
                (Some(min), None) => min.saturating_add(min / 2),
                (None, None) => u64::MAX,
            };
            let overlap = lo(x) <= hi(y) && lo(y) <= hi(x);
            // A smaller size without a unit of its own is part of a bigger one.
            let part = !b.additional && b.units.is_empty() && hi(y) < lo(x);
            (overlap && !b.additional) || part
        }
        _ => !b.additional || b.headcount.is_none(),
    }
}

fn merge(mentions: Vec<Mention>) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    for m in mentions {
        // Prefer the most recently mentioned compatible event.
        let target = out.iter().rposition(|e| compatible(e, &m));
        match target {
            Some(i) => {
                let e = &mut out[i];
                let bare = !e.explicit_date;
                if e.headcount.as_ref().is_none_or(|h| !h.is_numeric()) && m.headcount.is_some() {
                    e.headcount = m.headcount.clone();
                } else if let (Some(a), Some(b)) = (&e.headcount, &m.headcount) {
                    // Keep the tighter of two overlapping ranges.
                    let width = |h: &Headcount| {
                        h.max
                            .unwrap_or(u64::MAX / 2)
                            .saturating_sub(h.min.unwrap_or(0))
                    };
                    if b.is_numeric()
                        && width(b) < width(a)
                        && b.min.unwrap_or(0) >= a.min.unwrap_or(0)
                    {
                        e.headcount = m.headcount.clone();
                    }
                }
                if e.percent.is_none() {
                    e.percent = m.percent;
                }
                if (bare && m.explicit_date)
                    || e.announced.as_ref().is_none_or(|a| {
                        m.announced
                            .as_ref()
                            .is_some_and(|b| b.len() > a.len() && b.starts_with(a.as_str()))
                    })
                {
                    e.announced = m.announced.clone().or(e.announced.take());
                }
                for u in m.units {
                    if !e.units.iter().any(|x| x == &u) {
                        e.units.push(u);
                    }
                }
                e.evidence.extend(m.evidence);
                e.sentence = m.sentence;
                e.sentences.extend(m.sentences);
                e.explicit_date |= m.explicit_date;
            }
            None => out.push(m),
        }
    }
    // A total equal to the sum of its parts with their own units is not an event.
    let sizes: Vec<Option<u64>> = out
        .iter()
        .map(|m| {
            m.headcount
                .as_ref()
                .and_then(|h| (h.min == h.max).then_some(h.min).flatten())
        })
        .collect();
    let mut drop = vec![false; out.len()];
    // A vague size in the lede ("Thousands of jobs have been cut") sums up
    // the exact cuts the article then gives for the same employer.
    for (i, m) in out.iter().enumerate() {
        // Vague words, not a stated floor ("more than 500 roles" is a cut
        // of its own).
        let vague = m
            .headcount
            .as_ref()
            .is_some_and(|h| h.min != h.max && !h.text.contains(|c: char| c.is_ascii_digit()));
        if vague && m.sentences.iter().all(|&s| s <= 1) && m.units.is_empty() {
            let low = m.headcount.as_ref().and_then(|h| h.min).unwrap_or(0);
            drop[i] = out.iter().enumerate().any(|(j, n)| {
                j != i
                    && same_org(&n.company, &m.company)
                    && n.sentence > m.sentence
                    && sizes[j].is_some_and(|s| s >= low)
            });
        }
    }
    for (i, m) in out.iter().enumerate() {
        let Some(total) = sizes[i] else { continue };
        let parts: Vec<usize> = (0..out.len())
            .filter(|&j| {
                j != i
                    && same_org(&out[j].company, &m.company)
                    && !out[j].units.is_empty()
                    && sizes[j].is_some_and(|s| s < total)
            })
            .collect();
        if parts.len() >= 2 && parts.iter().map(|&j| sizes[j].unwrap_or(0)).sum::<u64>() == total {
            drop[i] = true;
        }
    }
    // The words of a dropped lede or total (why, where) still speak of the
    // cuts it sums up.
    let summed: Vec<(String, Vec<usize>)> = out
        .iter()
        .zip(&drop)
        .filter(|(_, d)| **d)
        .map(|(m, _)| (m.company.clone(), m.sentences.clone()))
        .collect();
    let mut kept: Vec<Mention> = out
        .into_iter()
        .zip(drop)
        .filter(|(_, d)| !d)
        .map(|(m, _)| m)
        .collect();
    for (company, sentences) in summed {
        for m in kept.iter_mut().filter(|m| same_org(&m.company, &company)) {
            for &s in &sentences {
                if !m.sentences.contains(&s) {
                    m.sentences.push(s);
                }
            }
        }
    }
    kept
}
