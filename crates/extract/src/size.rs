//! Headcounts and percentages: exact numbers, number words, modifiers
//! ("more than", "up to", "nearly"), ranges, vague words and fractions.

use crate::lexicon::{Lexicon, ModifierKind, NounKind};
use crate::number::{parse_number, FRACTIONS};
use layoffwatch_model::Headcount;
use regex::Regex;
use std::sync::LazyLock;

/// A size found in a sentence, with offsets relative to the sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct SizePhrase {
    pub start: usize,
    pub end: usize,
    pub headcount: Headcount,
    /// The number is directly followed by a job noun ("300 workers").
    pub with_job_noun: bool,
    /// End of the job noun when there is one, for unit lookup after it.
    pub noun_end: usize,
    /// The whole staff of a site ("which employs 975 workers", "with about
    /// 300 employees"): the cut only when that site closes.
    pub workforce: bool,
}

/// A percentage or fraction of a workforce.
#[derive(Debug, Clone, PartialEq)]
pub struct PercentPhrase {
    pub start: usize,
    pub end: usize,
    pub value: f64,
}

static PERCENT_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,3}(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty)(?:\s*(?:%|percent\b|per\s+cent\b|pct\b))")
        .expect("compiles")
});

static CHANGE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bto\s+(?:about\s+|around\s+|some\s+)?(\d[\d,]*)\s+(?:\w+\s+){0,3}?from\s+(?:a\s+current\s+|about\s+|around\s+)?(\d[\d,]*)\b|\bfrom\s+(?:about\s+)?(\d[\d,]*)\s+to\s+(?:about\s+)?(\d[\d,]*)\b").expect("compiles")
});

/// Words before a number that make it a total workforce or a target, not a cut.
const TOTAL_BEFORE: &[&str] = &[
    "covering",
    "cover",
    "covers",
    "represents",
    "representing",
    "of the",
    "of its",
    "of their",
    "of our",
    "'s",
    "\u{2019}s",
    "workforce of",
    "staff of",
    "employs",
    "employing",
    "total of",
    "to",
    "from",
    "remain at",
    "remains at",
    "at approximately",
    "at about",
    "has",
    "have",
    "had",
    "with",
    "of about",
    "out of",
    "among",
    "its",
];

fn parse_int(s: &str) -> Option<u64> {
    s.replace(',', "").parse().ok()
}

/// Finds the job sizes of a sentence.
pub fn find_sizes(lex: &Lexicon, sentence: &str) -> Vec<SizePhrase> {
    let mut out: Vec<SizePhrase> = Vec::new();
    let nouns: Vec<_> = lex
        .nouns
        .find(sentence)
        .filter(|h| *h.value == NounKind::Job)
        .map(|h| (h.start, h.end))
        .collect();
    // "to 50 from 112": the size is the difference.
    for c in CHANGE_RE.captures_iter(sentence) {
        let (to, from) = match (c.get(1), c.get(2), c.get(3), c.get(4)) {
            (Some(t), Some(f), _, _) => (t, f),
            (_, _, Some(f), Some(t)) => (t, f),
            _ => continue,
        };
        let (Some(a), Some(b)) = (parse_int(to.as_str()), parse_int(from.as_str())) else {
            continue;
        };
        let whole = c.get(0).expect("group 0");
        let near_noun = nouns
            .iter()
            .any(|&(s, e)| e + 40 >= whole.start() && s <= whole.end() + 40);
        if b > a && near_noun && b < 10_000_000 {
            out.push(SizePhrase {
                start: whole.start(),
                end: whole.end(),
                headcount: Headcount {
                    min: Some(b - a),
                    max: Some(b - a),
                    approximate: false,
                    text: whole.as_str().to_string(),
                },
                with_job_noun: true,
                noun_end: whole.end(),
                workforce: false,
            });
        }
    }
    // Vague words: "several hundred", "thousands of", "a small number of".
    for v in lex.vague.find(sentence) {
        if out.iter().any(|o| o.start <= v.start && v.start < o.end) {
            continue;
        }
        let Some((noun_end, gap)) = job_noun_after(sentence, v.end, &nouns) else {
            continue;
        };
        let text = &sentence[v.start..v.end];
        let bare_some = text.eq_ignore_ascii_case("some") || text.eq_ignore_ascii_case("a number");
        if bare_some && gap > 1 {
            continue;
        }
        out.push(SizePhrase {
            start: v.start,
            end: v.end,
            headcount: Headcount {
                min: v.value.min,
                max: v.value.max,
                approximate: v.value.min.is_some(),
                text: text.trim_end_matches(" of").to_string(),
            },
            with_job_noun: true,
            noun_end,
            workforce: false,
        });
    }
    // Numbers.
    let bytes = sentence.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let at_word_start = i == 0
            || !bytes[i - 1].is_ascii_alphanumeric()
                && bytes[i - 1] != b'.'
                && bytes[i - 1] != b',';
        if !sentence.is_char_boundary(i)
            || !at_word_start
            || out.iter().any(|o| o.start <= i && i < o.end)
        {
            i += 1;
            continue;
        }
        let Some(num) = parse_number(&sentence[i..]) else {
            i += 1;
            continue;
        };
        let start = i;
        let end = i + num.len;
        i = end.max(i + 1);
        if num.value < 1.0 || num.value.fract() != 0.0 && num.value < 1000.0 {
            continue;
        }
        let before = &sentence[..start];
        if before.ends_with('$')
            || before.ends_with('£')
            || before.ends_with('€')
            || before.ends_with('#')
        {
            continue;
        }
        // "shut down March 3 when workers ...": a day of the month.
        let month_before = before
            .trim_end()
            .rsplit(|c: char| !c.is_ascii_alphabetic())
            .next()
            .is_some_and(|w| crate::date::MONTH_NAMES.contains(&w));
        if month_before && num.value <= 31.0 {
            continue;
        }
        let after = &sentence[end..];
        let next_word = after
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_end_matches(|c: char| !c.is_alphanumeric())
            .to_ascii_lowercase();
        if MONEY_WORDS.contains(&next_word.as_str()) {
            continue;
        }
        if after.starts_with('%')
            || after.starts_with('-') && !after.starts_with("- ")
            || after.starts_with(':')
        {
            continue;
        }
        // "one" as a pronoun or article: only with a job noun right after.
        // "another 1,500 at its Lansing plant": the job noun is understood.
        let lower_prev = before.trim_end().to_ascii_lowercase();
        // "3,500 will be laid off": the number is the subject of a passive
        // cut, so it counts people.
        let understood = ["another", "additional", "a further", "further"]
            .iter()
            .any(|w| lower_prev.ends_with(w))
            || PASSIVE_CUT_RE.is_match(after)
            // "putting 5,500 on temporary layoff", "affecting 3,500."
            || ON_LAYOFF_RE.is_match(after)
            || (lower_prev.ends_with("affecting")
                && after.trim_start().chars().next().is_none_or(|c| ".,;".contains(c)));
        // "a further 240 mln" is money: an understood noun needs a plain number.
        let plain = !sentence[start..end].contains(char::is_alphabetic);
        // "15,000 of its 70,000 workforce": the part is the size, its noun
        // after the whole.
        let partitive = PARTITIVE_RE
            .find(after)
            .and_then(|m| job_noun_after(sentence, end + m.end(), &nouns))
            .map(|(noun_end, _)| (noun_end, 0));
        // "trim its global staff by 800": the noun comes first.
        let by_staff = (STAFF_BY_RE.is_match(&lower_prev) && plain).then_some((end, 0));
        let Some((noun_end, gap)) = job_noun_after(sentence, end, &nouns)
            .or(partitive)
            .or(by_staff)
            .or((understood && plain).then_some((end, 0)))
        else {
            continue;
        };
        // No employer cuts millions of jobs at once: such a number is not people.
        if num.value > 3_000_000.0 {
            continue;
        }
        let is_year = (1900.0..2100.0).contains(&num.value) && !sentence[start..end].contains(',');
        if is_year && (gap > 0 || by_staff.is_some()) {
            continue;
        }
        let lower_before = before.to_ascii_lowercase();
        let lower_before = lower_before.trim_end();
        let modified_to = lower_before.ends_with("up to") || lower_before.ends_with("close to");
        // "the layoff of about 182 employees" counts the cut; "a workforce
        // of about 3,000" the whole.
        let cut_of = CUT_OF_RE.is_match(lower_before);
        let workforce = WORKFORCE_BEFORE_RE.is_match(lower_before);
        // Modifier words right before the number.
        let (mod_start, kind) = modifier_before(lex, sentence, start);
        // "reduced to about 7,000": a hedged target is a target too.
        let hedged_target = matches!(kind, Some(ModifierKind::Approx | ModifierKind::Nearly)) && {
            let b = sentence[..mod_start].to_ascii_lowercase();
            let b = b.trim_end();
            b.ends_with(" to") && !b.ends_with("up to") && !b.ends_with("close to")
        };
        if !modified_to
            && !cut_of
            && !workforce
            && (TOTAL_BEFORE.iter().any(|w| lower_before.ends_with(w)) || hedged_target)
        {
            continue;
        }
        // "400,000 people out of work", "700,000 households off the tax rolls":
        // counts of the unemployed or of taxpayers, not of a cut.
        let after_noun = sentence[noun_end.max(end)..].to_ascii_lowercase();
        let next3: Vec<&str> = after_noun.split_whitespace().take(4).collect();
        let tail = next3.join(" ");
        if [
            "unemployed",
            "jobless",
            "out of work",
            "from the tax",
            "retired",
            "on the dole",
        ]
        .iter()
        .any(|w| tail.contains(w))
        {
            continue;
        }
        let n = num.value.round() as u64;
        let (min, max, approximate) = match kind {
            None => (Some(n), Some(n), false),
            Some(ModifierKind::Approx) => (Some(n), Some(n), true),
            Some(ModifierKind::Min) => (Some(n), None, false),
            Some(ModifierKind::Max) => (None, Some(n), false),
            Some(ModifierKind::Nearly) => (Some((n as f64 * 0.9).round() as u64), Some(n), true),
        };
        let range = range_before(sentence, mod_start);
        let (start, min, approximate) = match range {
            Some((rs, low)) if low < n => (rs, Some(low), approximate),
            _ => (mod_start, min, approximate),
        };
        // "reduce the 7,000 workforce of its unit by a third": the
        // whole that a share is taken from.
        let noun = sentence[end..noun_end.max(end)].trim().to_ascii_lowercase();
        let reduced_by = after_noun
            .split([';', '.'])
            .next()
            .unwrap_or("")
            .split_whitespace()
            .take(8)
            .any(|w| w == "by");
        let whole = matches!(
            noun.as_str(),
            "workforce" | "work force" | "staff" | "payroll"
        ) && ["the", "its", "their"]
            .iter()
            .any(|w| lower_before.ends_with(&format!(" {w}")) || lower_before == *w)
            && reduced_by;
        let workforce = workforce || whole;
        let text = sentence[start..noun_end.max(end)].to_string();
        out.push(SizePhrase {
            start,
            end: noun_end.max(end),
            headcount: Headcount {
                min,
                max,
                approximate,
                text,
            },
            with_job_noun: true,
            noun_end,
            workforce,
        });
    }
    out.sort_by_key(|s| s.start);
    out
}

/// A passive cut right after a number: "will be laid off", "were made
/// redundant", "are to be furloughed", "will be lost"; or the jobs going
/// ("400 are to go from the tax office"), not moving ("will go to Leeds").
static PASSIVE_CUT_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s+(?:(?:(?:will|would|shall|are to|is to|have|has|had)\s+)?(?:be|been|being|are|were|was)\s+(?:temporarily\s+|permanently\s+)?(?:laid\s+off|made\s+redundant|furloughed|let\s+go|dismissed|lost|cut|axed|eliminated|shed)\b|(?:will|are\s+to|is\s+to)\s+go\b(?:\s*[,.;]|\s*$|\s+(?:at|in|by|over|from|this|next|as|with)\b))",
    )
    .expect("compiles")
});

/// A cut noun and "of" before a number: "the layoff of about", "elimination
/// of some", "a loss of".
static CUT_OF_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?:lay-?offs?|cuts?|eliminations?|loss|losses|reductions?|dismissals?|redundancies|furloughs?)\s+of(?:\s+(?:{APPROX}))?$"
    ))
    .expect("compiles")
});

/// Approximation words between a phrase and its number.
const APPROX: &str =
    r"about|around|approximately|some|roughly|nearly|almost|more\s+than|over|up\s+to";

/// Nouns for a whole workforce, in a pattern.
const STAFF_NOUNS: &str = r"workforce|work\s+force|staff|staffing|headcount|employees|workers|payroll|personnel|employment|people|jobs|positions";

/// A site's staff: ", which employs", "that currently employs", ", with
/// about", "employing".
static WORKFORCE_BEFORE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:(?:,|\b(?:which|that))\s+(?:\w+\s+)?(?:employs|employed|has|had)|,\s+with|\bemploying)(?:\s+(?:{APPROX}))?$"
    ))
    .expect("compiles")
});

/// "of its 60,000", "of the 3,800": the whole a part is taken from.
static PARTITIVE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\s+of\s+(?:its|the|their|our|his|her|an?\s+total(?:\s+of)?|(?:its|the)\s+total)\s+(?:(?:{APPROX})\s+)?\d[\d,.]*\b"
    ))
    .expect("compiles")
});

/// A workforce noun, then "by": "trim its worldwide staff by", "reduce the
/// number of employees by about", "its workforce of 152 staff by about".
static STAFF_BY_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?:{STAFF_NOUNS})\s+(?:[a-z0-9,]+\s+){{0,3}}?by(?:\s+(?:{APPROX}))?$"
    ))
    .expect("compiles")
});

/// "on temporary layoff" right after a number.
static ON_LAYOFF_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s+on\s+(?:temporary\s+)?(?:layoff|lay-off|furlough|leave)\b").expect("compiles")
});

/// Words after a number that make it money or a rate, not people.
const MONEY_WORDS: &[&str] = &[
    "dlrs", "dlr", "dollars", "dollar", "marks", "pounds", "stg", "sterling", "francs", "yen",
    "euros", "lire", "pesos", "guilders", "crowns", "kronor", "rupees", "cents", "mln", "bln",
    "billion", "million", "bn", "pct", "percent", "per", "tonnes", "tons", "barrels", "shares",
];

/// "between 75 and 125": the lower bound and where the phrase starts.
fn range_before(sentence: &str, number_start: usize) -> Option<(usize, u64)> {
    static RANGE_RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:between\s+)?(\d[\d,]*)\s*(?:and|to|-|–)\s*$").expect("compiles")
    });
    let before = &sentence[..number_start];
    let c = RANGE_RE.captures(before)?;
    let whole = c.get(0)?;
    if !whole.as_str().to_ascii_lowercase().starts_with("between")
        && !whole.as_str().contains('-')
        && !whole.as_str().contains('–')
        && !whole.as_str().contains(" to")
    {
        return None;
    }
    Some((whole.start(), parse_int(c.get(1)?.as_str())?))
}

fn modifier_before(lex: &Lexicon, sentence: &str, start: usize) -> (usize, Option<ModifierKind>) {
    let window_start = floor_char_boundary(sentence, start.saturating_sub(24));
    let window = &sentence[window_start..start];
    let mut best = None;
    for h in lex.modifiers.find(window) {
        if window[h.end..].trim().is_empty() {
            best = Some((window_start + h.start, *h.value));
        }
    }
    match best {
        Some((s, k)) => (s, Some(k)),
        None => (start, None),
    }
}

pub(crate) fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The end of a job noun within a few words after `pos`, and how many words
/// lie between. "300 hourly workers", "several hundred sales and marketing
/// roles", "1,920 jobs".
fn job_noun_after(sentence: &str, pos: usize, nouns: &[(usize, usize)]) -> Option<(usize, usize)> {
    let (s, e) = *nouns.iter().find(|&&(s, _)| s >= pos)?;
    let between = &sentence[pos..s];
    if between.contains(['.', ';', ':']) && !between.trim().is_empty() && between.trim() != "." {
        return None;
    }
    if between.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let gap = between
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    let limit = if between.contains(',') || between.contains('(') {
        8
    } else {
        4
    };
    if gap > limit {
        return None;
    }
    // "of its 55,000 staff" is handled by the caller; "of" here is a partitive
    // ("hundreds of employees") and fine.
    Some((e, gap))
}

/// A cut noun after a percentage, then its workforce: "reduction in its
/// staff", "cut of factory management and support staff".
static PERCENT_REDUCTION_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\s+(?:reductions?|cuts?|cutback|decrease)\s+(?:in|of)\s+(?:[\w-]+\s+){{0,5}}?(?:{STAFF_NOUNS})\b"
    ))
    .expect("compiles")
});

/// Percentages and fractions of a workforce in a sentence.
pub fn find_percents(sentence: &str) -> Vec<PercentPhrase> {
    let mut out = Vec::new();
    let lower = sentence.to_ascii_lowercase();
    for c in PERCENT_RE.captures_iter(sentence) {
        let whole = c.get(0).expect("group 0");
        let after = &lower[whole.end()..];
        let before = &lower[..whole.start()];
        let of_workforce = after.trim_start().starts_with("of")
            && after.split_whitespace().take(6).any(|w| {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                matches!(
                    w,
                    "workforce"
                        | "staff"
                        | "employees"
                        | "jobs"
                        | "workers"
                        | "headcount"
                        | "work"
                        | "positions"
                        | "personnel"
                        | "unit"
                        | "division"
                        | "team"
                        | "corporate"
                        | "roles"
                )
            });
        // "cut its workforce by roughly 20 pct".
        let reduce_by = STAFF_BY_RE.is_match(before.trim_end());
        // "a nine pct reduction of its staff", "a 20 pct cut of its workforce".
        let reduction_in = PERCENT_REDUCTION_RE.is_match(after);
        let cut_of = before.trim_end().ends_with("cut")
            || before.trim_end().ends_with("cutting")
            || before.trim_end().ends_with("lay off")
            || before.trim_end().ends_with("eliminate");
        if !(of_workforce || reduce_by || cut_of || reduction_in) {
            continue;
        }
        let value = c[1]
            .parse::<f64>()
            .ok()
            .or_else(|| crate::number::parse_number(&c[1]).map(|n| n.value));
        if let Some(v) = value {
            if v > 0.0 && v <= 100.0 {
                out.push(PercentPhrase {
                    start: whole.start(),
                    end: whole.end(),
                    value: v,
                });
            }
        }
    }
    for (word, value) in FRACTIONS {
        let mut from = 0;
        while let Some(pos) = lower[from..].find(word) {
            let start = from + pos;
            let end = start + word.len();
            from = end;
            if !crate::phrases::is_word_bounded(sentence, start, end) {
                continue;
            }
            let after = lower[end..].trim_start();
            let before = lower[..start].trim_end();
            // "the first half of 2004", "the second quarter" are periods.
            let period = ["first", "second", "third", "fourth", "latter", "last"]
                .iter()
                .any(|w| before.ends_with(w));
            if period {
                continue;
            }
            let fraction_of_workforce = (after.starts_with("of")
                || before.ends_with("by")
                || before.ends_with("around")
                || before.ends_with("about")
                || before.ends_with("nearly")
                || before.ends_with("roughly"))
                && lower.split_whitespace().any(|w| {
                    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                    matches!(
                        w,
                        "workforce" | "staff" | "employees" | "jobs" | "workers" | "force"
                    )
                });
            if fraction_of_workforce {
                out.push(PercentPhrase {
                    start,
                    end,
                    value: *value,
                });
            }
        }
    }
    out.sort_by_key(|p| p.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sizes(s: &str) -> Vec<(Option<u64>, Option<u64>)> {
        let lex = Lexicon::embedded();
        find_sizes(&lex, s)
            .into_iter()
            .map(|p| (p.headcount.min, p.headcount.max))
            .collect()
    }

    #[test]
    fn exact_modified_and_vague_sizes() {
        assert_eq!(sizes("will cut 1,300 jobs"), [(Some(1300), Some(1300))]);
        assert_eq!(sizes("more than 200 workers"), [(Some(200), None)]);
        assert_eq!(sizes("up to 2,500 jobs"), [(None, Some(2500))]);
        assert_eq!(sizes("nearly 9,000 employees"), [(Some(8100), Some(9000))]);
        assert_eq!(
            sizes("between 75 and 125 employes"),
            [(Some(75), Some(125))]
        );
        assert_eq!(
            sizes("several hundred sales roles"),
            [(Some(300), Some(900))]
        );
        assert_eq!(sizes("a small number of employees"), [(None, None)]);
        assert_eq!(sizes("forty-two staff"), [(Some(42), Some(42))]);
        // The number is the subject of a passive cut.
        assert_eq!(
            sizes("said 3,500 will be laid off"),
            [(Some(3500), Some(3500))]
        );
        assert_eq!(
            sizes("about 120 were made redundant"),
            [(Some(120), Some(120))]
        );
        assert!(sizes("3,500 will be paid off").is_empty());
        // Jobs understood from the sentence: "560 will be lost", "400 are to go".
        assert_eq!(
            sizes("560 will be lost before the end of the month"),
            [(Some(560), Some(560))]
        );
        assert_eq!(
            sizes("and 400 are to go from the tax office"),
            [(Some(400), Some(400))]
        );
        assert!(sizes("300 will go to Leeds").is_empty());
        // The part of a stated total.
        assert_eq!(
            sizes("cut around 2,000 of a total 16,000 jobs")[0],
            (Some(2000), Some(2000))
        );
        assert_eq!(
            sizes("putting 5,500 on temporary layoff"),
            [(Some(5500), Some(5500))]
        );
        assert_eq!(
            sizes("closed, affecting 3,500."),
            [(Some(3500), Some(3500))]
        );
        assert!(sizes("a drought affecting 3,500 acres").is_empty());
        // A cut noun and "of" count the cut; a workforce "of about" the whole.
        assert_eq!(
            sizes("announced the layoff of about 182 employees"),
            [(Some(182), Some(182))]
        );
        assert!(sizes("a workforce of about 3,000 people").is_empty());
        // A part of a whole; a noun, then "by".
        assert_eq!(
            sizes("lay off 15,000 of its 70,000 workforce"),
            [(Some(15000), Some(15000))]
        );
        assert_eq!(
            sizes("trim its global staff by 800"),
            [(Some(800), Some(800))]
        );
        assert!(sizes("cut its staff by 1990").is_empty());
    }

    #[test]
    fn a_whole_reduced_by_a_share_is_a_workforce() {
        let lex = Lexicon::embedded();
        let marks =
            |s: &str| -> Vec<bool> { find_sizes(&lex, s).iter().map(|p| p.workforce).collect() };
        assert_eq!(
            marks("will reduce the 7,000 workforce of its engine unit by around a third"),
            [true]
        );
        // Without a share taken from it, the staff named is the cut.
        assert_eq!(
            marks("will lay off the 300 workforce at its Leeds depot"),
            [false]
        );
    }

    #[test]
    fn a_sites_staff_is_marked_as_a_workforce() {
        let lex = Lexicon::embedded();
        let marks =
            |s: &str| -> Vec<bool> { find_sizes(&lex, s).iter().map(|p| p.workforce).collect() };
        assert_eq!(
            marks("its plant, which currently employs 975 workers"),
            [true]
        );
        assert_eq!(
            marks("its Dayton facility, with about 300 employees,"),
            [true]
        );
        assert_eq!(marks("idling 350 employees"), [false]);
    }

    #[test]
    fn totals_money_and_years_are_not_sizes() {
        assert!(sizes("9% of the 48,000 staff").is_empty());
        assert!(sizes("a charge of $5 million in 2023").is_empty());
        assert!(sizes("Redundancies are put at 500 mln marks, while job losses").is_empty());
        assert!(sizes("savings of some 80 mln dlrs, from job cuts").is_empty());
        assert!(sizes("retraining would cost another 240 mln.").is_empty());
        assert!(sizes("where more than 400,000 people are unemployed").is_empty());
        assert!(sizes("contracts covering 500,000 workers at Globex").is_empty());
        assert!(sizes("its 1987 model year").is_empty());
    }

    #[test]
    fn to_from_gives_the_difference() {
        assert_eq!(
            sizes("cutting staff to 140 from 300"),
            [(Some(160), Some(160))]
        );
    }

    #[test]
    fn percents_of_a_workforce() {
        let p: Vec<f64> = find_percents("cut about 5% of its workforce")
            .iter()
            .map(|p| p.value)
            .collect();
        assert_eq!(p, [5.0]);
        let p = |s: &str| -> Vec<f64> { find_percents(s).iter().map(|p| p.value).collect() };
        assert_eq!(p("cut its workforce by roughly 20 pct last year"), [20.0]);
        assert_eq!(p("an eight pct reduction of its staff"), [8.0]);
        assert_eq!(p("lowered its number of staff by 16 pct"), [16.0]);
        assert!(p("an eight pct reduction of its costs").is_empty());
        let p: Vec<f64> = find_percents("reduce the workforce by around a third")
            .iter()
            .map(|p| p.value)
            .collect();
        assert_eq!(p, [33.3]);
        assert!(find_percents("sales rose 9% to $11.5 billion").is_empty());
        let lex = Lexicon::embedded();
        assert!(find_sizes(&lex, "its payroll is being cut to about 7,000 employees").is_empty());
        assert!(!find_sizes(&lex, "it will cut about 700 employees").is_empty());
        assert!(!find_sizes(&lex, "it will cut up to about 700 employees").is_empty());
        // A half-year is a period, not a share of the staff.
        let p = |s: &str| -> Vec<f64> { find_percents(s).iter().map(|p| p.value).collect() };
        assert!(p("jobs will go, after a loss in the first half of the year").is_empty());
        assert_eq!(p("jobs will go: half of the workforce"), [50.0]);
    }
}
