//! An index over every O*NET job title: the occupation titles, O*NET 29.3's
//! alternate, short and reported titles and the BLS direct match titles,
//! about 70,000 in all, normalised like a query (see `words.rs`).
//!
//! A phrase is matched in three steps, each weaker than the one before:
//! 1. **exact**: titles written exactly as the phrase; the codes they name
//!    vote, a reported or direct-match title counting more than an alternate;
//! 2. **head**: titles with the phrase's head noun ("architect" in "solutions
//!    architect"), ranked by the modifiers they share with the phrase, each
//!    word weighted by how rare it is across the index (IDF), less the rare
//!    words the title has and the phrase lacks;
//! 3. **back-off**: the occupation most titles with that head noun name,
//!    given only when one occupation clearly dominates.

use crate::catalog::Catalog;
use crate::words::words;
use serde::Serialize;
use std::collections::HashMap;

/// The titles, compacted by `build.rs` from the O*NET files.
const TITLES: &str = include_str!(concat!(env!("OUT_DIR"), "/onet_titles.tsv"));

/// Where the titles come from, for every output that uses them.
pub const ONET_ATTRIBUTION: &str = "This product includes information from the O*NET 29.3 \
Database by the U.S. Department of Labor, Employment and Training Administration (USDOL/ETA). \
Used under the CC BY 4.0 license. O*NET® is a trademark of USDOL/ETA. USDOL/ETA has not \
approved, endorsed, or tested these modifications. Direct match titles: BLS SOC 2018 (public domain).";

/// Words that join a head to what follows it: "director of sales".
const JOINERS: &[&str] = &["of", "for", "in", "to", "at", "on"];

/// A back-off answers only when its first occupation holds this share of the
/// head noun's titles.
const BACKOFF_SHARE: f32 = 0.3;

/// How a title list names an occupation, and how much its word counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// The occupation's own title ("Commercial Pilots").
    Occupation,
    /// One of the names an occupation title lists ("Copilots" in "Airline
    /// Pilots, Copilots, and Flight Engineers"); a listed word may lack the
    /// modifier it shares ("Teachers" in "Nursing Instructors and Teachers").
    Listed,
    Reported,
    DirectMatch,
    Alternate,
    Short,
}

impl Kind {
    fn weight(self) -> f32 {
        match self {
            Kind::Occupation => 8.0,
            Kind::Listed | Kind::Reported | Kind::DirectMatch => 2.0,
            Kind::Alternate | Kind::Short => 1.0,
        }
    }
}

#[derive(Debug)]
struct Title {
    /// Index into the catalog's codes.
    code: u16,
    kind: Kind,
    head: u32,
    words: Box<[u32]>,
    text: Box<str>,
}

/// How an index answer was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Exact,
    Head,
    Backoff,
}

/// One occupation an index lookup proposes, with why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    pub soc: String,
    /// Higher is better; comparable within one answer only.
    pub score: f32,
    /// The title that matched, as O*NET writes it.
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answer {
    pub step: Step,
    /// Best first, at most `MAX_CODES`.
    pub candidates: Vec<Candidate>,
    /// The share of the phrase's modifier weight the best title holds (1.0
    /// for exact matches and for phrases of one word).
    pub coverage: f32,
}

#[derive(Debug, Default)]
pub struct TitleIndex {
    vocab: HashMap<String, u32>,
    idf: Vec<f32>,
    codes: Vec<String>,
    titles: Vec<Title>,
    exact: HashMap<String, Vec<u32>>,
    by_head: HashMap<u32, Vec<u32>>,
    /// Per code, the words of the occupation's own title and names.
    own_words: Vec<Vec<u32>>,
    /// How many titles of a code have a head noun.
    head_codes: HashMap<(u32, u16), u32>,
    /// The IDF of a word no title uses: as rare as the rarest.
    max_idf: f32,
}

impl TitleIndex {
    /// The embedded titles plus the catalog's own names, for the codes of
    /// the catalog (a specialty the catalog lacks counts as its base code).
    pub fn build(catalog: &Catalog) -> Self {
        let mut ix = TitleIndex::default();
        let mut code_ids: HashMap<String, u16> = HashMap::new();
        for o in catalog.iter() {
            let id = ix.codes.len() as u16;
            ix.codes.push(o.code.clone());
            code_ids.insert(o.code.clone(), id);
        }
        for o in catalog.iter() {
            let full = words(o.main_title()).join(" ");
            for name in &o.names {
                let kind = if *name == full {
                    Kind::Occupation
                } else {
                    Kind::Listed
                };
                ix.add(code_ids[&o.code], kind, name);
            }
        }
        for line in TITLES.lines() {
            let mut cells = line.splitn(3, '\t');
            let (Some(kind), Some(code), Some(title)) = (cells.next(), cells.next(), cells.next())
            else {
                continue;
            };
            let kind = match kind {
                "a" => Kind::Alternate,
                "s" => Kind::Short,
                "r" => Kind::Reported,
                _ => Kind::DirectMatch,
            };
            let base = format!("{}.00", &code[..7.min(code.len())]);
            let Some(&id) = code_ids.get(code).or_else(|| code_ids.get(&base)) else {
                continue;
            };
            // "CEO (Chief Executive Officer)" is two titles.
            match title.split_once('(') {
                Some((outer, inner)) => {
                    ix.add(id, kind, outer);
                    ix.add(id, kind, inner.trim_end_matches(')'));
                }
                None => ix.add(id, kind, title),
            }
        }
        ix.own_words = vec![Vec::new(); ix.codes.len()];
        for t in ix
            .titles
            .iter()
            .filter(|t| matches!(t.kind, Kind::Occupation | Kind::Listed))
        {
            ix.own_words[t.code as usize].extend(t.words.iter().copied());
        }
        for t in &ix.titles {
            *ix.head_codes.entry((t.head, t.code)).or_default() += 1;
        }
        let n = ix.titles.len().max(1) as f32;
        let mut df = vec![0u32; ix.vocab.len()];
        for t in &ix.titles {
            let mut seen: Vec<u32> = t.words.to_vec();
            seen.sort_unstable();
            seen.dedup();
            for w in seen {
                df[w as usize] += 1;
            }
        }
        ix.idf = df
            .iter()
            .map(|&d| (n / (1.0 + d as f32)).ln().max(0.1))
            .collect();
        ix.max_idf = ix.idf.iter().copied().fold(0.0, f32::max);
        ix
    }

    /// How many titles the index holds.
    pub fn len(&self) -> usize {
        self.titles.len()
    }

    fn add(&mut self, code: u16, kind: Kind, title: &str) {
        let w: Vec<String> = words(title);
        if w.is_empty() {
            return;
        }
        let key = w.join(" ");
        let ids: Box<[u32]> = w.iter().map(|x| self.intern(x)).collect();
        let head = ids[head_at(&w)];
        let id = self.titles.len() as u32;
        self.titles.push(Title {
            code,
            kind,
            head,
            words: ids,
            text: title.trim().into(),
        });
        self.exact.entry(key).or_default().push(id);
        self.by_head.entry(head).or_default().push(id);
    }

    fn intern(&mut self, w: &str) -> u32 {
        if let Some(&id) = self.vocab.get(w) {
            return id;
        }
        let id = self.vocab.len() as u32;
        self.vocab.insert(w.to_string(), id);
        id
    }

    /// Whether any indexed title uses the word.
    pub fn knows(&self, word: &str) -> bool {
        self.vocab.contains_key(word)
    }

    fn idf_of(&self, w: &str) -> f32 {
        self.vocab
            .get(w)
            .map_or(self.max_idf, |&id| self.idf[id as usize])
    }

    /// The occupations of the titles written exactly as the phrase.
    pub fn exact(&self, w: &[String], max: usize) -> Option<Answer> {
        let ids = self.exact.get(&w.join(" "))?;
        let head = &w[head_at(w)];
        Some(Answer {
            step: Step::Exact,
            candidates: self.vote(ids.iter().copied(), w, Some(head), max),
            coverage: 1.0,
        })
    }

    /// The occupations the phrase's words name, or None when nothing in the
    /// index is close enough.
    pub fn lookup(&self, w: &[String], max: usize) -> Option<Answer> {
        if w.is_empty() || self.titles.is_empty() {
            return None;
        }
        if let Some(split) = self.split_compound(w) {
            return self.lookup(&split, max);
        }
        if let Some(a) = self.exact(w, max) {
            return Some(a);
        }
        let h = head_at(w);
        let head_id = *self.vocab.get(&w[h])?;
        let postings = self.by_head.get(&head_id)?;
        let mods: Vec<(Option<u32>, f32)> = w
            .iter()
            .enumerate()
            .filter(|(i, x)| *i != h && !JOINERS.contains(&x.as_str()))
            .map(|(_, x)| (self.vocab.get(x).copied(), self.idf_of(x)))
            .collect();
        let total: f32 = mods.iter().map(|m| m.1).sum();
        if total > 0.0 {
            let mut best_cov = 0.0f32;
            let scored: Vec<(u32, f32)> = postings
                .iter()
                .filter_map(|&ti| {
                    let t = &self.titles[ti as usize];
                    let matched: f32 = mods
                        .iter()
                        .filter(|(id, _)| id.is_some_and(|id| t.words.contains(&id)))
                        .map(|m| m.1)
                        .sum();
                    if matched <= 0.0 {
                        return None;
                    }
                    let extra: f32 = t
                        .words
                        .iter()
                        .filter(|&&x| x != t.head && !mods.iter().any(|m| m.0 == Some(x)))
                        .map(|&x| self.idf[x as usize])
                        .sum();
                    best_cov = best_cov.max(matched / total);
                    Some((ti, matched - 0.25 * extra))
                })
                .collect();
            if !scored.is_empty() {
                return Some(Answer {
                    step: Step::Head,
                    candidates: self.best_per_code(scored, max),
                    coverage: best_cov,
                });
            }
        }
        // The head noun alone: the occupation most of its titles name.
        let answer = self.vote(
            postings.iter().copied(),
            &w[h..=h],
            Some(&w[h]),
            postings.len(),
        );
        let all: f32 = answer.iter().map(|c| c.score).sum();
        let first = answer.first()?;
        (first.score >= BACKOFF_SHARE * all).then(|| Answer {
            step: Step::Backoff,
            candidates: answer.into_iter().take(max).collect(),
            coverage: if total > 0.0 { 0.0 } else { 1.0 },
        })
    }

    /// Titles vote for their codes by kind; a code whose occupation title
    /// holds the head word gets a bonus, a specialty a small malus.
    fn vote(
        &self,
        titles: impl Iterator<Item = u32>,
        query: &[String],
        head: Option<&str>,
        max: usize,
    ) -> Vec<Candidate> {
        let query_ids: Vec<u32> = query
            .iter()
            .filter_map(|x| self.vocab.get(x).copied())
            .collect();
        let mut by_code: HashMap<u16, (f32, u32)> = HashMap::new();
        for ti in titles {
            let t = &self.titles[ti as usize];
            let e = by_code.entry(t.code).or_insert((0.0, ti));
            e.0 += t.kind.weight();
            if self.titles[e.1 as usize].kind.weight() < t.kind.weight() {
                e.1 = ti;
            }
        }
        let head_id = head.and_then(|h| self.vocab.get(h));
        let mut out: Vec<(u16, f32, u32)> = by_code
            .into_iter()
            .map(|(code, (score, ti))| {
                let own = query_ids
                    .iter()
                    .filter(|&&q| self.own_title_has(code, q))
                    .count() as f32;
                let special = !self.codes[code as usize].ends_with(".00");
                // How many of the code's titles share the head: "teacher"
                // names many elementary school teacher titles.
                let spread = head_id.map_or(0, |&h| {
                    self.head_codes.get(&(h, code)).copied().unwrap_or(0)
                });
                let s = score + 1.5 * own - if special { 2.0 } else { 0.0 }
                    + 0.5 * (spread as f32).ln_1p();
                (code, s, ti)
            })
            .collect();
        self.rank(&mut out, max)
    }

    /// The best title of each code, then codes by that title's score; more
    /// titles of the code with the same head break near-ties.
    fn best_per_code(&self, scored: Vec<(u32, f32)>, max: usize) -> Vec<Candidate> {
        let mut by_code: HashMap<u16, (f32, u32, f32)> = HashMap::new();
        for (ti, s) in scored {
            let t = &self.titles[ti as usize];
            let e = by_code.entry(t.code).or_insert((f32::MIN, ti, 0.0));
            e.2 += t.kind.weight();
            let better =
                s > e.0 || (s == e.0 && t.kind.weight() > self.titles[e.1 as usize].kind.weight());
            if better {
                e.0 = s;
                e.1 = ti;
            }
        }
        let mut out: Vec<(u16, f32, u32)> = by_code
            .into_iter()
            .map(|(code, (s, ti, support))| (code, s + 0.1 * support.ln_1p(), ti))
            .collect();
        self.rank(&mut out, max)
    }

    fn rank(&self, out: &mut [(u16, f32, u32)], max: usize) -> Vec<Candidate> {
        out.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then_with(|| self.codes[a.0 as usize].cmp(&self.codes[b.0 as usize]))
        });
        out.iter()
            .take(max)
            .map(|&(code, score, ti)| Candidate {
                soc: self.codes[code as usize].clone(),
                score: (score * 100.0).round() / 100.0,
                title: self.titles[ti as usize].text.to_string(),
            })
            .collect()
    }

    /// "dockworker" as "dock worker" when O*NET writes it as two words: a
    /// last word the index does not hold as a head, split into two indexed
    /// words whose pair is an indexed title.
    fn split_compound(&self, w: &[String]) -> Option<Vec<String>> {
        let last = w.last()?;
        let known = self
            .vocab
            .get(last)
            .is_some_and(|id| self.by_head.contains_key(id));
        if known || !last.is_ascii() {
            return None;
        }
        (3..last.len().saturating_sub(2)).find_map(|i| {
            let (a, b) = last.split_at(i);
            let pair = format!("{a} {b}");
            self.exact.contains_key(&pair).then(|| {
                let mut out = w[..w.len() - 1].to_vec();
                out.push(a.to_string());
                out.push(b.to_string());
                out
            })
        })
    }

    fn own_title_has(&self, code: u16, word: u32) -> bool {
        self.own_words[code as usize].contains(&word)
    }
}

/// The head noun of a title or phrase: the word before "of", "for", ...
/// ("director of operations"), else the last word.
fn head_at(w: &[String]) -> usize {
    w.iter()
        .position(|x| JOINERS.contains(&x.as_str()))
        .filter(|&i| i > 0)
        .map_or(w.len() - 1, |i| i - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ix() -> TitleIndex {
        TitleIndex::build(&Catalog::builtin().unwrap())
    }

    fn first(ix: &TitleIndex, phrase: &str) -> Option<(String, Step)> {
        let a = ix.lookup(&words(phrase), 3)?;
        Some((a.candidates.first()?.soc.clone(), a.step))
    }

    #[test]
    fn heads_are_the_word_before_a_joiner_or_the_last() {
        let w = |s: &str| words(s);
        assert_eq!(head_at(&w("director of sales")), 0);
        assert_eq!(head_at(&w("warehouse associate")), 1);
        assert_eq!(head_at(&w("of counsel")), 1);
    }

    #[test]
    fn exact_titles_head_matches_and_back_off() {
        let ix = ix();
        assert!(ix.len() > 60_000, "{} titles", ix.len());
        assert_eq!(
            first(&ix, "software engineer"),
            Some(("15-1252.00".into(), Step::Exact))
        );
        // A modifier O*NET does not pair with the head still finds it.
        let (code, step) = first(&ix, "backend software engineer").unwrap();
        assert_eq!((code.as_str(), step), ("15-1252.00", Step::Head));
        assert_eq!(first(&ix, "zzzz"), None);
    }
}
