//! The employer ranker: a small logistic model that scores each candidate
//! name span of a document by how likely it is to name an employer that
//! cuts jobs there, from general features of the span and its context
//! (position, casing, neighbouring words, known lists, frequency).
//!
//! Rules in `company.rs` propose the candidates; the ranker prunes the ones
//! that are surely not employers (datelines, outlets, statutes, people,
//! sentence-opening adverbs, headline fragments) before a cut chooses its
//! employer. A list is only ever a feature: an unknown name with the shape
//! and context of an employer keeps a high score.
//!
//! The weights are data (`data/employer_ranker.txt`), written by
//! `layoffwatch train` from the labelled sets; training is deterministic.

use crate::company::OrgSpan;
use crate::lexicon::Lexicon;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// The feature names, in the order of a feature vector. The weights file
/// names each one, so adding a feature needs a retrain, never a silent
/// shift.
pub const FEATURES: &[&str] = &[
    "bias",
    "strong",
    "known_company",
    "all_caps_long",
    "acronym",
    "dateline",
    "place",
    "starts_with_place",
    "based_on",
    "person",
    "outlet_known",
    "outlet_word",
    "according_to",
    "reported_after",
    "speaks_after",
    "trigger_after",
    "trigger_before",
    "after_at_or_by",
    "possessive",
    "sentence_initial",
    "single_word",
    "adverb",
    "statute",
    "government_body",
    "frequency",
    "in_title",
    "first_sentence",
    "in_parentheses",
    "ticker_after",
    "lower_form_in_text",
    "long_name",
    "capitalised_function_word",
    "title_case_line",
    "followed_by_role",
    "institution_ending",
    "common_word",
    "common_word_opening",
    "common_words_only",
    "demonym",
];

/// One candidate's features, in `FEATURES` order.
pub type Features = Vec<f32>;

/// The weights of the model, one per feature.
#[derive(Debug, Clone)]
pub struct Model {
    pub weights: Vec<f32>,
    /// Candidates scoring below this are pruned.
    pub threshold: f32,
}

const EMBEDDED: &str = include_str!("../data/employer_ranker.txt");

/// The default pruning threshold: low enough that a real employer is
/// almost never lost (chosen by leave-one-set-out runs).
pub const DEFAULT_THRESHOLD: f32 = 0.1;

impl Model {
    /// The committed weights.
    pub fn embedded() -> Model {
        Model::parse(EMBEDDED).expect("data/employer_ranker.txt is valid")
    }

    /// Reads `name weight` lines; `#` starts a comment. Every feature must
    /// be given exactly once.
    pub fn parse(text: &str) -> Result<Model, String> {
        let mut weights = vec![None; FEATURES.len()];
        let mut threshold = DEFAULT_THRESHOLD;
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let (name, w) = line
                .split_once(char::is_whitespace)
                .ok_or_else(|| format!("line {}: expected `name weight`", n + 1))?;
            if name == "threshold" {
                threshold = w
                    .trim()
                    .parse()
                    .map_err(|e| format!("line {}: {e}", n + 1))?;
                continue;
            }
            let i = FEATURES
                .iter()
                .position(|f| *f == name)
                .ok_or_else(|| format!("line {}: unknown feature {name:?}", n + 1))?;
            let w: f32 = w
                .trim()
                .parse()
                .map_err(|e| format!("line {}: {e}", n + 1))?;
            if weights[i].replace(w).is_some() {
                return Err(format!("line {}: {name} given twice", n + 1));
            }
        }
        let weights = weights
            .into_iter()
            .zip(FEATURES)
            .map(|(w, f)| w.ok_or_else(|| format!("no weight for {f}")))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Model { weights, threshold })
    }

    /// The weights as the file `parse` reads.
    pub fn to_text(&self) -> String {
        let mut out = String::from(
            "# Employer ranker weights, written by `layoffwatch train`; see crates/extract/src/ranker.rs.\n",
        );
        out.push_str(&format!("threshold {:.3}\n", self.threshold));
        for (f, w) in FEATURES.iter().zip(&self.weights) {
            out.push_str(&format!("{f} {w:.4}\n"));
        }
        out
    }

    /// A model that keeps every candidate (no pruning).
    pub fn keep_all() -> Model {
        Model {
            weights: vec![0.0; FEATURES.len()],
            threshold: 0.0,
        }
    }

    /// Whether the candidate is kept.
    pub fn keeps(&self, x: &[f32]) -> bool {
        self.score(x) >= self.threshold
    }

    /// The probability that the candidate names an employer.
    pub fn score(&self, x: &[f32]) -> f32 {
        let z: f32 = self.weights.iter().zip(x).map(|(w, v)| w * v).sum();
        1.0 / (1.0 + (-z).exp())
    }
}

/// The value of feature `name` in `x`.
pub fn value(x: &[f32], name: &str) -> f32 {
    let i = FEATURES
        .iter()
        .position(|f| *f == name)
        .expect("a known feature");
    x[i]
}

/// Whether the candidate of features `x` is a common English word opening
/// a sentence or line that the text uses as a name only once and no list
/// knows ("Tensions soar as ..."): a brand named after a word ("Block",
/// "Target") is named again.
pub fn lone_common_word(x: &[f32]) -> bool {
    value(x, "common_word_opening") > 0.0
        && value(x, "known_company") == 0.0
        && value(x, "strong") == 0.0
        && value(x, "frequency") <= 2f32.ln() + 1e-3
}

/// Whether the candidate of features `x` opens its sentence.
pub fn opens_sentence(x: &[f32]) -> bool {
    value(x, "sentence_initial") > 0.0
}

/// Fits a logistic regression by full-batch gradient descent with an L2
/// penalty (not on the bias). Deterministic: same examples, same weights.
pub fn train(examples: &[(Features, bool)], epochs: usize, threshold: f32) -> Model {
    let n = FEATURES.len();
    let mut w = vec![0.0f64; n];
    if examples.is_empty() {
        return Model {
            weights: vec![0.0; n],
            threshold,
        };
    }
    // Positives are rarer than negatives: weight them so both classes count
    // the same in the loss.
    let pos = examples.iter().filter(|(_, y)| *y).count().max(1) as f64;
    let neg = examples.iter().filter(|(_, y)| !*y).count().max(1) as f64;
    let total = examples.len() as f64;
    let (wp, wn) = (total / (2.0 * pos), total / (2.0 * neg));
    let (rate, l2) = (0.5, 1e-3);
    for _ in 0..epochs {
        let mut grad = vec![0.0f64; n];
        for (x, y) in examples {
            let z: f64 = w.iter().zip(x).map(|(a, b)| a * f64::from(*b)).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            let (target, weight) = if *y { (1.0, wp) } else { (0.0, wn) };
            let err = (p - target) * weight;
            for (g, v) in grad.iter_mut().zip(x) {
                *g += err * f64::from(*v);
            }
        }
        for (i, (wi, g)) in w.iter_mut().zip(&grad).enumerate() {
            let reg = if i == 0 { 0.0 } else { l2 * *wi };
            *wi -= rate * (g / total + reg);
        }
    }
    Model {
        weights: w.iter().map(|v| *v as f32).collect(),
        threshold,
    }
}

/// What the features of one document need, computed once.
pub(crate) struct DocView<'a> {
    pub text: &'a str,
    pub title: Option<&'a str>,
    counts: HashMap<String, usize>,
    lower_words: std::collections::HashSet<String>,
    /// Where each line starts, in order.
    line_starts: Vec<usize>,
    /// Whether each line is written in title case (a headline).
    title_case_lines: Vec<bool>,
}

impl<'a> DocView<'a> {
    pub fn new(text: &'a str, title: Option<&'a str>, names: &[&str]) -> DocView<'a> {
        // Every occurrence of every name, in one pass over the text.
        let mut distinct: Vec<&str> = names.iter().copied().filter(|n| !n.is_empty()).collect();
        distinct.sort_unstable();
        distinct.dedup();
        let mut counts: HashMap<String, usize> =
            distinct.iter().map(|n| (n.to_string(), 0)).collect();
        if let Ok(ac) = aho_corasick::AhoCorasick::new(&distinct) {
            for m in ac.find_overlapping_iter(text) {
                if let Some(c) = counts.get_mut(distinct[m.pattern().as_usize()]) {
                    *c += 1;
                }
            }
        }
        let lower_words = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.starts_with(char::is_lowercase))
            .map(str::to_string)
            .collect();
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let title_case_lines = text
            .split('\n')
            .map(|line| {
                let (mut words, mut capitalised) = (0usize, 0usize);
                for w in line.split_whitespace() {
                    words += 1;
                    capitalised += usize::from(w.starts_with(char::is_uppercase));
                }
                words >= 4 && capitalised * 10 >= words * 7
            })
            .collect();
        DocView {
            text,
            title,
            counts,
            lower_words,
            line_starts,
            title_case_lines,
        }
    }

    /// The start of the line holding byte `at`, and whether that line is
    /// in title case.
    fn line_of(&self, at: usize) -> (usize, bool) {
        let k = self
            .line_starts
            .partition_point(|&s| s <= at)
            .saturating_sub(1);
        (
            self.line_starts[k],
            self.title_case_lines.get(k).copied().unwrap_or(false),
        )
    }
}

/// News outlets, wires and press-release services: they report cuts, they
/// do not make them (a feature, weighed against the context).
const OUTLETS: &[&str] = &[
    "Reuters",
    "Associated Press",
    "AP",
    "AFP",
    "Agence France-Presse",
    "Bloomberg",
    "Bloomberg News",
    "CNBC",
    "CNN",
    "BBC",
    "BBC News",
    "CBS News",
    "CBS NEWS",
    "NBC News",
    "ABC News",
    "Fox News",
    "Fox Business",
    "NPR",
    "PBS",
    "The New York Times",
    "New York Times",
    "The Wall Street Journal",
    "Wall Street Journal",
    "WSJ",
    "Financial Times",
    "FT",
    "The Guardian",
    "The Telegraph",
    "The Times",
    "The Economist",
    "Business Insider",
    "Insider",
    "TechCrunch",
    "The Verge",
    "Wired",
    "Axios",
    "Forbes",
    "Fortune",
    "The Information",
    "Semafor",
    "Politico",
    "MarketWatch",
    "Yahoo Finance",
    "Barron's",
    "PR Newswire",
    "PRNewswire",
    "Business Wire",
    "GlobeNewswire",
    "Globe Newswire",
    "Newswire",
    "MENAFN",
    "dpa",
    "dpa-AFX",
    "Kyodo",
    "Kyodo News",
    "Xinhua",
    "Nikkei",
    "Nikkei Asia",
    "Yonhap",
    "PTI",
    "Press Trust of India",
    "IANS",
    "ANI",
    "Handelsblatt",
    "Sueddeutsche Zeitung",
    "Süddeutsche Zeitung",
    "Der Spiegel",
    "Le Monde",
    "Les Echos",
    "El País",
    "South China Morning Post",
    "The Hindu",
    "Economic Times",
    "The Economic Times",
    "Moneycontrol",
    "Mint",
    "Livemint",
    "Inc42",
    "Entrackr",
];

/// Last words of public bodies and institutions: employers sometimes,
/// more often the ones that announce, fund or regulate.
pub const INSTITUTION_ENDINGS: &[&str] = &[
    "Government",
    "Community",
    "Association",
    "Council",
    "Commission",
    "Agency",
    "Ministry",
    "Committee",
    "Board",
    "Institute",
    "University",
    "College",
    "Department",
    "Authority",
];

/// Last words of outlet names.
pub const OUTLET_WORDS: &[&str] = &[
    "News",
    "NEWS",
    "Insider",
    "Times",
    "Post",
    "Journal",
    "Herald",
    "Gazette",
    "Tribune",
    "Telegraph",
    "Chronicle",
    "Zeitung",
    "Newswire",
    "Wire",
    "Daily",
    "Dispatch",
    "Inquirer",
    "Examiner",
    "Bulletin",
    "Observer",
    "Express",
    "Standard",
    "Independent",
    "Review",
    "Press",
    "Today",
];

/// Words that open a sentence as connectives, not names.
const CONNECTIVES: &[&str] = &[
    "However",
    "Meanwhile",
    "Separately",
    "Moreover",
    "Furthermore",
    "Additionally",
    "Also",
    "Still",
    "Yet",
    "Instead",
    "Overall",
    "Earlier",
    "Later",
    "Elsewhere",
    "Similarly",
    "Likewise",
    "Nevertheless",
    "Nonetheless",
    "Besides",
    "Indeed",
    "Today",
    "Yesterday",
    "Now",
    "Then",
    "Thus",
    "Hence",
    "Therefore",
    "Otherwise",
    "Recently",
    "Previously",
    "Currently",
    "Last",
    "Next",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "Its",
    "They",
    "We",
    "He",
    "She",
    "Our",
    "Their",
];

/// Words that make a name a statute, programme or rule.
const STATUTE_WORDS: &[&str] = &[
    "Act",
    "Law",
    "Bill",
    "Program",
    "Programme",
    "Notification",
    "Code",
    "Regulation",
    "Directive",
    "Order",
];

/// Words of government bodies that receive notices or report statistics.
const GOVERNMENT_WORDS: &[&str] = &[
    "Department",
    "Ministry",
    "Bureau",
    "Agency",
    "Commission",
    "Office",
    "Administration",
    "Council",
    "Secretary",
    "Governor",
    "Minister",
];

/// Capitalised function words that only a title-case headline writes.
const FUNCTION_WORDS: &[&str] = &[
    "In", "On", "To", "For", "Of", "At", "By", "With", "From", "As", "Is", "Are", "Was", "Did",
    "Do", "Does", "Be", "Will", "Its", "It", "Into", "Over", "Amid", "After",
];

/// Role nouns that follow a person's name or title ("Acme CEO", "Jane Roe, a spokesperson").
const ROLE_AFTER: &[&str] = &[
    "ceo",
    "chief",
    "president",
    "chairman",
    "chairwoman",
    "founder",
    "co-founder",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "analyst",
    "reporter",
    "director",
    "secretary",
    "minister",
];

/// "BOSTON (AP) —", "Tulsa, OK – June 2, 2025 –",
/// "SAN JOSE, Calif., March 3, 2026 /PRNewswire/ --", "Pune:": what follows a
/// dateline's place, up to its dash or colon.
/// Common English words (SCOWL sizes 10 to 35, `data/common_words.txt`):
/// a name that is one of them ("Online", "Tensions") is often a capitalised
/// sentence opener, though brands such as "Block" or "Target" are too, so
/// this is a feature that frequency and context outweigh.
static COMMON_WORDS: LazyLock<std::collections::HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../data/common_words.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .collect()
});

/// Whether `word` (any case) is a common English word.
fn is_common(word: &str) -> bool {
    COMMON_WORDS.contains(word.to_lowercase().as_str())
}

/// Endings that make a people's name of a place ("Kenyans", "African",
/// "Japanese", "Israeli").
const DEMONYM_ENDINGS: &[&str] = &[
    "ians", "ian", "ans", "an", "ns", "n", "ese", "ish", "is", "i",
];

/// Whether `name` names the people of a known place ("Kenyans" of Kenya,
/// "Chinese" of China).
fn is_demonym(lex: &Lexicon, name: &str) -> bool {
    DEMONYM_ENDINGS.iter().any(|e| {
        name.strip_suffix(e).is_some_and(|stem| {
            stem.len() > 2
                && [stem.to_string(), format!("{stem}a")]
                    .iter()
                    .any(|s| lex.places.find(s).any(|h| h.start == 0 && h.end == s.len()))
        })
    })
}

static DATELINE_TAIL_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:,\s*[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*){0,3})?(?:\s*[,–—-]\s*[A-Z][a-z]{2,8}\.?\s\d{1,2}(?:,\s*\d{4})?)?\s*(?:\([^)\n]{1,60}\))?\s*(?:/[^/\n]{1,30}/)?\s*(?:—|–|--|-|:)\s",
    )
    .expect("valid regex")
});

static TICKER_AFTER_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*\((?:NYSE|NASDAQ|Nasdaq|LSE|TSX|ASX|NSE|BSE|OTC|Euronext|HKEX|TYO|SIX)\s*:")
        .expect("valid regex")
});

/// At most the first `n` bytes of `s`, cut at a character boundary.
fn head(s: &str, n: usize) -> &str {
    let mut end = n.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// At most the last `n` bytes of `s`, cut at a character boundary.
fn tail(s: &str, n: usize) -> &str {
    let mut start = s.len().saturating_sub(n);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

fn is_all_caps(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty() && letters.iter().all(|c| c.is_uppercase())
}

/// The features of candidate `o` in sentence `sent` (which starts at byte
/// `sent_start` of the document, and is the `si`-th sentence).
pub(crate) fn features(
    lex: &Lexicon,
    doc: &DocView<'_>,
    sent: &str,
    sent_start: usize,
    si: usize,
    o: &OrgSpan,
) -> Features {
    let mut x = vec![0.0f32; FEATURES.len()];
    let mut set = |name: &str, v: f32| {
        let i = FEATURES
            .iter()
            .position(|f| *f == name)
            .expect("a known feature");
        x[i] = v;
    };
    let name = o.name.as_str();
    let words: Vec<&str> = name.split_whitespace().collect();
    let before = sent[..o.start.min(sent.len())].trim_end();
    let after = &sent[o.end.min(sent.len())..];
    let after_lower = head(after, 80).to_lowercase();
    let before_lower = tail(before, 60).to_lowercase();
    let prev_word = before
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let whole_place = lex
        .places
        .find(name)
        .any(|h| h.start == 0 && h.end == name.len());
    let doc_pos = sent_start + o.start;
    let doc_pos = doc_pos.min(doc.text.len());
    let (line_start, title_case_line) = doc.line_of(doc_pos);
    let at_line_start = doc.text[line_start..doc_pos]
        .trim_matches(|c: char| !c.is_alphanumeric())
        .is_empty();

    set("bias", 1.0);
    set("strong", f32::from(u8::from(o.strong)));
    set(
        "known_company",
        f32::from(u8::from(
            lex.companies
                .find(name)
                .any(|h| h.start == 0 && h.end == name.len()),
        )),
    );
    let caps = is_all_caps(name);
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    set(
        "all_caps_long",
        f32::from(u8::from(caps && (letters > 5 || words.len() > 1))),
    );
    set(
        "acronym",
        f32::from(u8::from(caps && letters <= 5 && words.len() == 1)),
    );
    set(
        "dateline",
        f32::from(u8::from(
            at_line_start
                && DATELINE_TAIL_RE
                    .find(&doc.text[(sent_start + o.end).min(doc.text.len())..])
                    // A bare colon opens a round-up's heading, not a dateline.
                    .is_some_and(|m| m.as_str().contains([',', '(', '/', '—', '–', '-'])),
        )),
    );
    set("place", f32::from(u8::from(whole_place)));
    set(
        "starts_with_place",
        f32::from(u8::from(
            !whole_place
                && words.len() > 1
                && lex
                    .places
                    .find(name)
                    .any(|h| h.start == 0 && name[h.end..].starts_with(' ')),
        )),
    );
    set(
        "based_on",
        f32::from(u8::from(
            name.ends_with("-based")
                || name.ends_with("-headquartered")
                || after.starts_with("-based")
                || after.starts_with("-headquartered"),
        )),
    );
    let first = words.first().copied().unwrap_or("");
    // Titles are listed as written ("CEO", "Secretary").
    let prev_title = before
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric());
    set(
        "person",
        f32::from(u8::from(
            words.len() >= 2 && lex.first_names.contains(first)
                || lex.person_titles.contains(prev_title)
                || words.iter().any(|w| lex.person_titles.contains(*w)),
        )),
    );
    set("outlet_known", f32::from(u8::from(OUTLETS.contains(&name))));
    set(
        "outlet_word",
        f32::from(u8::from(
            words.len() > 1 && words.last().is_some_and(|w| OUTLET_WORDS.contains(w)),
        )),
    );
    set(
        "according_to",
        f32::from(u8::from(
            before_lower.ends_with("according to")
                || before_lower.ends_with("told")
                || before_lower.ends_with("reported by")
                || before_lower.ends_with("reports by")
                || before_lower.ends_with("cited by"),
        )),
    );
    set(
        "reported_after",
        f32::from(u8::from(
            ["reported", "reports", "first reported", "citing", "cited"]
                .iter()
                .any(|w| {
                    after_lower
                        .trim_start_matches([',', ' ', ')'])
                        .starts_with(w)
                }),
        )),
    );
    set(
        "speaks_after",
        f32::from(u8::from(
            [
                "said",
                "says",
                "announced",
                "announces",
                "confirmed",
                "confirms",
                "plans",
                "will",
                "is",
                "has",
                "had",
            ]
            .iter()
            .any(|w| {
                after_lower
                    .trim_start()
                    .strip_prefix(w)
                    .is_some_and(|r| r.starts_with(' '))
            }),
        )),
    );
    let window_after = head(&after_lower, 70);
    set(
        "trigger_after",
        f32::from(u8::from(lex.triggers.find(window_after).next().is_some())),
    );
    set(
        "trigger_before",
        f32::from(u8::from(lex.triggers.find(&before_lower).next().is_some())),
    );
    set(
        "after_at_or_by",
        f32::from(u8::from(["at", "by", "from"].contains(&prev_word.as_str()))),
    );
    set("possessive", f32::from(u8::from(o.possessive)));
    let sentence_initial = sent[..o.start.min(sent.len())]
        .trim_matches(|c: char| !c.is_alphanumeric())
        .is_empty();
    set("sentence_initial", f32::from(u8::from(sentence_initial)));
    set("single_word", f32::from(u8::from(words.len() == 1)));
    set(
        "adverb",
        f32::from(u8::from(
            words.len() == 1
                && (name.len() > 4 && name.ends_with("ly") || CONNECTIVES.contains(&name)),
        )),
    );
    set(
        "statute",
        f32::from(u8::from(words.iter().any(|w| STATUTE_WORDS.contains(w)))),
    );
    set(
        "government_body",
        f32::from(u8::from(words.iter().any(|w| GOVERNMENT_WORDS.contains(w)))),
    );
    let count = doc.counts.get(name).copied().unwrap_or(1).max(1);
    set("frequency", (count as f32).ln_1p());
    set(
        "in_title",
        f32::from(u8::from(doc.title.is_some_and(|t| t.contains(name)))),
    );
    set("first_sentence", f32::from(u8::from(si == 0)));
    set(
        "in_parentheses",
        f32::from(u8::from(before.ends_with('(') && after.starts_with(')'))),
    );
    set(
        "ticker_after",
        f32::from(u8::from(TICKER_AFTER_RE.is_match(after))),
    );
    set(
        "lower_form_in_text",
        f32::from(u8::from(
            words.len() == 1 && doc.lower_words.contains(&name.to_lowercase()),
        )),
    );
    set("long_name", f32::from(u8::from(words.len() >= 4)));
    set(
        "capitalised_function_word",
        f32::from(u8::from(
            words.iter().skip(1).any(|w| FUNCTION_WORDS.contains(w)),
        )),
    );
    set(
        "institution_ending",
        f32::from(u8::from(
            words.len() > 1
                && words
                    .last()
                    .is_some_and(|w| INSTITUTION_ENDINGS.contains(w)),
        )),
    );
    set("title_case_line", f32::from(u8::from(title_case_line)));
    let common = words.len() == 1 && is_common(name);
    set("common_word", f32::from(u8::from(common)));
    set(
        "common_word_opening",
        f32::from(u8::from(common && (sentence_initial || at_line_start))),
    );
    set(
        "common_words_only",
        f32::from(u8::from(
            words.len() > 1
                && name
                    .split(|c: char| c.is_whitespace() || c == '-')
                    .filter(|w| !w.is_empty())
                    .all(|w| is_common(w) || FUNCTION_WORDS.contains(&w)),
        )),
    );
    set(
        "demonym",
        f32::from(u8::from(words.len() == 1 && is_demonym(lex, name))),
    );
    set(
        "followed_by_role",
        f32::from(u8::from(
            after_lower
                .trim_start_matches([',', ' '])
                .trim_start_matches("a ")
                .trim_start_matches("the ")
                .split(|c: char| !c.is_alphanumeric() && c != '-')
                .next()
                .is_some_and(|w| ROLE_AFTER.contains(&w)),
        )),
    );
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_weights_name_every_feature_once() {
        let m = Model::embedded();
        assert_eq!(m.weights.len(), FEATURES.len());
        let back = Model::parse(&m.to_text()).expect("round trip");
        assert_eq!(back.threshold, m.threshold);
        for (a, b) in back.weights.iter().zip(&m.weights) {
            assert!((a - b).abs() < 1e-3);
        }
    }

    #[test]
    fn a_weights_file_with_an_unknown_or_missing_feature_is_refused() {
        let mut text = Model::keep_all().to_text();
        text.push_str("shoe_size 1.0\n");
        assert!(Model::parse(&text).unwrap_err().contains("shoe_size"));
        let text: String = Model::keep_all()
            .to_text()
            .lines()
            .filter(|l| !l.starts_with("possessive "))
            .map(|l| format!("{l}\n"))
            .collect();
        assert!(Model::parse(&text).unwrap_err().contains("possessive"));
    }

    fn on(x: &[f32], feature: &str) -> bool {
        value(x, feature) > 0.0
    }

    #[test]
    fn common_words_and_peoples_names_are_told_apart_from_brands() {
        let ex = crate::Extractor::new();
        let text = "Global demand fell, and Pellucid cut 120 workers.\n\n\
                    Pellucid said so. Online payments giant Pellucid is laying off 90 workers.";
        let cands = ex.employer_candidates(&crate::Input {
            text,
            published: None,
            title: None,
        });
        let get = |name: &str| {
            cands
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, x)| x.clone())
                .unwrap_or_else(|| panic!("{name} is a candidate: {cands:?}"))
        };
        let global = get("Global");
        assert!(on(&global, "common_word") && on(&global, "common_word_opening"));
        let brand = get("Pellucid");
        assert!(!on(&brand, "common_word") && !on(&brand, "demonym"));
        assert!(lone_common_word(&global) && !lone_common_word(&brand));
        let events = ex.extract(&crate::Input {
            text,
            published: None,
            title: None,
        });
        assert!(events.iter().all(|e| e.company == "Pellucid"), "{events:?}");
    }

    #[test]
    fn peoples_names_are_demonyms_and_brands_are_not() {
        let lex = Lexicon::embedded();
        for name in ["Kenyans", "Indian", "Chinese", "Israeli"] {
            assert!(is_demonym(&lex, name), "{name}");
        }
        for name in ["Pellucid", "Kenya", "Anna", "Sian"] {
            assert!(!is_demonym(&lex, name), "{name}");
        }
    }

    fn example(on: &[&str]) -> Features {
        FEATURES
            .iter()
            .map(|f| f32::from(u8::from(*f == "bias" || on.contains(f))))
            .collect()
    }

    #[test]
    fn training_is_deterministic_and_learns_the_labels() {
        let data: Vec<(Features, bool)> = (0..20)
            .flat_map(|i| {
                [
                    (example(&["trigger_after", "speaks_after"]), true),
                    (example(&["dateline", "all_caps_long"]), false),
                    (example(&["outlet_known"]), i % 5 == 0),
                ]
            })
            .collect();
        let a = train(&data, 500, 0.2);
        let b = train(&data, 500, 0.2);
        assert_eq!(a.weights, b.weights);
        assert!(a.keeps(&example(&["trigger_after", "speaks_after"])));
        assert!(!a.keeps(&example(&["dateline", "all_caps_long"])));
        assert!(a.score(&example(&["outlet_known"])) < 0.5);
    }

    #[test]
    fn a_model_that_keeps_all_keeps_everything() {
        let m = Model::keep_all();
        assert!(m.keeps(&example(&["dateline", "outlet_known", "statute"])));
    }
}
