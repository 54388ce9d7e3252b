//! A role phrase ("call centre staff", "contract recruiter") to O*NET-SOC
//! occupations, best first: the status and domain rules of `data/roles.toml`
//! around the O*NET title index of `index.rs`, with a small table of aliases
//! for the news words O*NET lacks.

use crate::catalog::{Catalog, Occupation};
use crate::index::{Answer, Candidate, Step, TitleIndex};
use crate::words::{stem, words};
use crate::OccupationsError;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

const ROLES: &str = include_str!("../data/roles.toml");

/// At most this many occupations per phrase.
pub const MAX_CODES: usize = 3;

/// Which rule gave a mapping: the answer to "why this occupation?".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    /// A curated name for the job.
    Alias,
    /// An O*NET title written exactly as the phrase.
    Exact,
    /// O*NET titles with the phrase's head noun and most of its modifiers,
    /// or that hold every word of the phrase.
    Title,
    /// A domain before a generic head ("hr staff", "call center agent").
    Domain,
    /// The head of the phrase alone ("game developer" as "developer"), or
    /// the occupation most titles with that head noun name.
    Head,
    /// A status, contract, sector or employer word: no occupation.
    Status,
    /// Nothing fits.
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mapping {
    /// O*NET-SOC codes, best first; empty for none.
    pub soc: Vec<String>,
    pub how: MatchKind,
    /// The words the rule matched, after dropping status words.
    pub matched: String,
    /// For title index answers: each code's score and the O*NET title that
    /// matched, best first (empty for the curated rules).
    pub candidates: Vec<Candidate>,
}

impl Mapping {
    fn none(how: MatchKind, matched: &[String]) -> Self {
        Mapping {
            soc: Vec::new(),
            how,
            matched: matched.join(" "),
            candidates: Vec::new(),
        }
    }

    fn from_index(a: Answer, how: MatchKind, w: &[String]) -> Self {
        Mapping {
            soc: a.candidates.iter().map(|c| c.soc.clone()).collect(),
            how,
            matched: w.join(" "),
            candidates: a.candidates,
        }
    }
}

/// A head-noun match must hold at least this share of the phrase's modifier
/// weight; below it the mapper abstains rather than guess from one word.
const MIN_COVERAGE: f32 = 0.5;

#[derive(Debug, Deserialize)]
struct RolesFile {
    none: Vec<String>,
    status: Vec<String>,
    generic_heads: Vec<String>,
    manager_heads: Vec<String>,
    alias: Vec<AliasEntry>,
    domain: Vec<DomainEntry>,
}

#[derive(Debug, Deserialize)]
struct AliasEntry {
    phrases: Vec<String>,
    soc: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct DomainEntry {
    words: Vec<String>,
    soc: Vec<String>,
    #[serde(default)]
    managers: Vec<String>,
}

#[derive(Debug)]
struct Domain {
    soc: Vec<String>,
    managers: Vec<String>,
}

#[derive(Debug)]
pub struct Mapper {
    none: HashSet<String>,
    /// Status words, longest first, each as comparable words.
    status: Vec<Vec<String>>,
    generic_heads: HashSet<String>,
    manager_heads: Vec<Vec<String>>,
    aliases: HashMap<String, Vec<String>>,
    domains: HashMap<String, Domain>,
    index: TitleIndex,
}

fn key(phrase: &str) -> String {
    words(phrase).join(" ")
}

impl Mapper {
    pub fn builtin(catalog: &Catalog) -> Result<Self, OccupationsError> {
        let file: RolesFile = toml::from_str(ROLES).map_err(|e| OccupationsError::Rules {
            file: "roles.toml",
            source: e,
        })?;
        let check = |codes: &[String]| -> Result<(), OccupationsError> {
            match codes.iter().find(|c| catalog.get(c).is_none()) {
                Some(c) => Err(OccupationsError::UnknownCode(c.clone())),
                None => Ok(()),
            }
        };
        let mut aliases = HashMap::new();
        for a in &file.alias {
            check(&a.soc)?;
            for p in &a.phrases {
                aliases.insert(key(p), a.soc.clone());
            }
        }
        let mut domains = HashMap::new();
        for d in file.domain {
            check(&d.soc)?;
            check(&d.managers)?;
            for w in &d.words {
                domains.insert(
                    key(w),
                    Domain {
                        soc: d.soc.clone(),
                        managers: d.managers.clone(),
                    },
                );
            }
        }
        let mut status: Vec<Vec<String>> = file.status.iter().map(|s| words(s)).collect();
        status.sort_by_key(|s| std::cmp::Reverse(s.len()));
        let mut manager_heads: Vec<Vec<String>> =
            file.manager_heads.iter().map(|s| words(s)).collect();
        manager_heads.sort_by_key(|s| std::cmp::Reverse(s.len()));
        Ok(Mapper {
            none: file.none.iter().map(|p| key(p)).collect(),
            status,
            generic_heads: file.generic_heads.iter().map(|p| key(p)).collect(),
            manager_heads,
            aliases,
            domains,
            index: TitleIndex::build(catalog),
        })
    }

    /// The same mapper without its curated aliases: what the title index
    /// and the status and domain rules do alone.
    pub fn without_aliases(mut self) -> Self {
        self.aliases.clear();
        self
    }

    /// How many O*NET titles the index holds (0 when the build found no
    /// title files).
    pub fn titles_indexed(&self) -> usize {
        self.index.len()
    }

    /// The occupations a role phrase names, best first.
    pub fn map(&self, catalog: &Catalog, phrase: &str) -> Mapping {
        let w = words(phrase);
        if w.is_empty() {
            return Mapping::none(MatchKind::Unknown, &w);
        }
        self.map_words(catalog, &w)
    }

    fn map_words(&self, catalog: &Catalog, w: &[String]) -> Mapping {
        let joined = w.join(" ");
        if self.is_generic(&joined) {
            return Mapping::none(MatchKind::Status, w);
        }
        if let Some(soc) = self.aliases.get(&joined) {
            return found(soc.clone(), MatchKind::Alias, w);
        }
        // An O*NET title as written, before its first word is read as a
        // sector ("airline pilot"), unless it names only a status
        // ("seasonal worker").
        let generic = self.is_generic(w.last().map_or("", String::as_str));
        if !generic {
            if let Some(a) = self.index.exact(w, MAX_CODES) {
                return Mapping::from_index(a, MatchKind::Exact, w);
            }
        }
        let rest = self.strip_status(w);
        if rest.len() < w.len() {
            if rest.is_empty() {
                return Mapping::none(MatchKind::Status, w);
            }
            return self.map_words(catalog, rest);
        }
        let mut index = self.index.lookup(w, MAX_CODES);
        if let Some(a) = index.take_if(|a| a.step == Step::Exact) {
            return Mapping::from_index(a, MatchKind::Exact, w);
        }
        let head = self.split_head(w);
        if let Some((modifier, manager)) = head {
            if let Some(d) = self.domains.get(&modifier.join(" ")) {
                let soc = if manager && !d.managers.is_empty() {
                    &d.managers
                } else {
                    &d.soc
                };
                return found(soc.clone(), MatchKind::Domain, w);
            }
        }
        if let Some(a) = index.take_if(|a| a.step == Step::Head && a.coverage >= MIN_COVERAGE) {
            return Mapping::from_index(a, MatchKind::Title, w);
        }
        // Every word in one occupation title; a single word must be a head
        // the index knows ("talent" alone is not a talent director).
        let titles = if w.len() > 1 {
            title_matches(catalog, w)
        } else {
            Vec::new()
        };
        if !titles.is_empty() {
            return found(titles, MatchKind::Title, w);
        }
        if let Some((modifier, false)) = head {
            // "surveillance employee": the occupation the modifier names.
            let titles = title_matches(catalog, modifier);
            if !titles.is_empty() {
                return found(titles, MatchKind::Title, w);
            }
        }
        // A shorter tail the aliases or titles know: "social media
        // copywriter" as "media copywriter", then "copywriter".
        for k in 1..w.len() {
            let tail = &w[k..];
            let joined = tail.join(" ");
            if self.is_generic(&joined) {
                break;
            }
            if let Some(soc) = self.aliases.get(&joined) {
                return found(soc.clone(), MatchKind::Head, tail);
            }
            if let Some(a) = self.index.exact(tail, MAX_CODES) {
                return Mapping::from_index(a, MatchKind::Head, tail);
            }
        }
        // The head noun's commonest occupation, never for a status head
        // ("widget worker").
        if generic {
            return Mapping::none(MatchKind::Unknown, w);
        }
        // Only when every modifier says where the job is ("supermarket
        // cashier") or is a word O*NET never uses ("chatbot trainer"): a
        // known modifier no title pairs with the head ("data labeler") says
        // the head alone is the wrong job.
        let unknown_mods = w[..w.len() - 1]
            .iter()
            .all(|x| self.domains.contains_key(x) || !self.index.knows(x));
        match index.filter(|a| a.step == Step::Backoff && unknown_mods) {
            Some(a) => Mapping::from_index(a, MatchKind::Head, w),
            None => Mapping::none(MatchKind::Unknown, w),
        }
    }

    /// A phrase or word that names no job by itself: a `none` phrase or a
    /// generic head ("worker", "staff").
    fn is_generic(&self, words: &str) -> bool {
        self.none.contains(words) || self.generic_heads.contains(words)
    }

    /// The phrase without its first leading status word (the longest that
    /// fits); the caller tries again on the rest, so "former site
    /// reliability engineer" meets the alias "site reliability engineer"
    /// before "site" is dropped too.
    fn strip_status<'a>(&self, w: &'a [String]) -> &'a [String] {
        for s in &self.status {
            if w.len() >= s.len() && w[..s.len()] == s[..] {
                return &w[s.len()..];
            }
        }
        w
    }

    /// Splits "call center agent" into its modifier and a generic or manager
    /// head; the flag says a manager head.
    fn split_head<'a>(&self, w: &'a [String]) -> Option<(&'a [String], bool)> {
        for m in &self.manager_heads {
            if w.len() > m.len() && w[w.len() - m.len()..] == m[..] {
                return Some((&w[..w.len() - m.len()], true));
            }
        }
        let last = w.last()?;
        (w.len() > 1 && self.generic_heads.contains(last)).then(|| (&w[..w.len() - 1], false))
    }
}

fn found(soc: Vec<String>, how: MatchKind, w: &[String]) -> Mapping {
    Mapping {
        soc: soc.into_iter().take(MAX_CODES).collect(),
        how,
        matched: w.join(" "),
        candidates: Vec::new(),
    }
}

/// O*NET titles that hold every word of the phrase (or a word of its family),
/// best first: a title that names the phrase exactly, then more words exact,
/// then fewer extra words, then base occupations before specialties.
fn title_matches(catalog: &Catalog, w: &[String]) -> Vec<String> {
    let joined = w.join(" ");
    let stems: Vec<&str> = w.iter().map(|x| stem(x)).collect();
    let Some(first) = stems.first() else {
        return Vec::new();
    };
    let mut hits: Vec<(i64, &Occupation)> = catalog
        .with_stem(first)
        .filter_map(|o| {
            let mut exact_words = 0;
            for (x, s) in w.iter().zip(&stems) {
                if o.words.contains(x) {
                    exact_words += 1;
                } else if !o.stems.contains(*s) {
                    return None;
                }
            }
            let exact = if o.names.contains(&joined) { 1000 } else { 0 };
            let extra = o.words.len().saturating_sub(w.len()) as i64 * 10;
            let specialty = if o.is_specialty() { 5 } else { 0 };
            Some((exact + exact_words * 20 - extra - specialty, o))
        })
        .collect();
    hits.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.code.cmp(&b.1.code)));
    hits.into_iter()
        .take(MAX_CODES)
        .map(|(_, o)| o.code.clone())
        .collect()
}
