//! Web-page furniture around an article's words: datelines, bylines, wire
//! and photo credits, "Related:" and "Read more:" lines. The names inside
//! them (a city, a reporter, an outlet) are never the employer.

use regex::Regex;
use std::sync::LazyLock;

/// A dateline at the start of a line: a place in capitals or followed by a
/// state, date, outlet or colon, up to its dash or colon.
/// "BOSTON (AP) —", "TOLEDO (WTOL) —", "SAN JOSE, Calif., March 3, 2026
/// /PRNewswire/ --", "Tulsa, OK – June 2, 2025 –", "Pune:", "PERTH,
/// Australia:", "LYON, France—".
static DATELINE_RE: LazyLock<Regex> = LazyLock::new(|| {
    let caps = r"[\p{Lu}][\p{Lu}.'\- ]{1,40}[\p{Lu}.]";
    let place = r"[\p{Lu}][\p{L}.'\-]*(?: [\p{Lu}][\p{L}.'\-]*){0,3}";
    let region = r",\s*[\p{Lu}][\p{L}.]*(?: [\p{Lu}][\p{L}.]*){0,2}";
    let date = r"(?:\s*[,–—-]?\s*\(?[\p{Lu}][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?\)?)";
    // Not a ticker: "(NASDAQ: ACM)" follows a company's name.
    let outlet = r"(?:\s*\([^):\n]{1,40}\))";
    let wire = r"(?:\s*/[^/\n]{1,30}/)";
    Regex::new(&format!(
        r"(?m)^[ \t]*(?:(?:{caps})(?:{region})?{date}?{outlet}?{wire}?|(?:{place})(?:(?:{region}){date}?{outlet}?{wire}?|{date}{outlet}?{wire}?|{outlet}{wire}?|{wire}))\s*(?:(?:—|–)\s*|(?:--|-|:)\s)"
    ))
    .expect("valid regex")
});

/// "Pune:", "New Delhi:" at the start of a line: a dateline when the words
/// name a place (the caller knows the places).
static COLON_DATELINE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[ \t]*([\p{Lu}][\p{L}.'\-]*(?: [\p{Lu}][\p{L}.'\-]*){0,2}):\s")
        .expect("valid regex")
});

/// "By Jane Doe", "ByHT News Desk", "Written by ...", photo and image
/// credits, "Related:" and "Read more:" lines: the whole line.
static CREDIT_LINE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?m)^[ \t]*(?:By ?[\p{Lu}]|Written by |Reporting by |Editing by |Photo(?:graph)?:|Photo credit|Image:|Image credit|Credit:|Related:|RELATED:|Read more:|READ MORE:|Also read:|ALSO READ:|Also Read:|Source:)[^\n]*",
    )
    .expect("valid regex")
});

/// Wire and release credits anywhere: "(Reuters)", "(AP)", "(Bloomberg) --",
/// "(MENAFN- PR Newswire)", "/PRNewswire/", "(dpa-AFX)", "(Getty Images)".
static WIRE_CREDIT_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\((?:Reuters|AP|AFP|Bloomberg|dpa(?:-AFX)?|Kyodo|Xinhua|IANS|PTI|ANI|UPI|CNN|CNBC|CBS NEWS|CBS News|MENAFN[^)\n]{0,30}|Getty Images|[^)\n]{0,30}/Getty Images)\)|/(?:PRNewswire|PR Newswire|Business Wire|GLOBE NEWSWIRE|Globe Newswire)/",
    )
    .expect("valid regex")
});

/// The byte ranges of the text that are page furniture, in order;
/// `is_place` tells whether words name a place.
pub fn furniture(text: &str, is_place: impl Fn(&str) -> bool) -> Vec<(usize, usize)> {
    let colon = COLON_DATELINE_RE
        .captures_iter(text)
        .filter(|c| is_place(&c[1]))
        .filter_map(|c| c.get(0));
    let mut out: Vec<(usize, usize)> = DATELINE_RE
        .find_iter(text)
        .chain(colon)
        .chain(CREDIT_LINE_RE.find_iter(text))
        .chain(WIRE_CREDIT_RE.find_iter(text))
        .map(|m| (m.start(), m.end()))
        .collect();
    out.sort_unstable();
    out
}

/// Whether the span `start..end` lies inside furniture.
pub fn within(furniture: &[(usize, usize)], start: usize, end: usize) -> bool {
    furniture.iter().any(|&(s, e)| s <= start && end <= e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn covered(text: &str, name: &str) -> bool {
        let start = text.find(name).expect("name in text");
        let places = ["Pune", "Perth", "Oslo"];
        within(
            &furniture(text, |w| places.contains(&w)),
            start,
            start + name.len(),
        )
    }

    #[test]
    fn datelines_fire() {
        for (text, place) in [
            (
                "TOLEDO (WTOL) — Brightline Foods will close its plant.",
                "TOLEDO",
            ),
            (
                "BOISE, Idaho — Acme Tools said it will cut 40 jobs.",
                "BOISE",
            ),
            (
                "SAN JOSE, Calif., March 3, 2026 /PRNewswire/ -- Orbit Inc today said",
                "SAN JOSE",
            ),
            (
                "Tulsa, OK – June 2, 2025 – Northway Freight announced",
                "Tulsa",
            ),
            ("Pune: Kestrel Soft has laid off 300 people.", "Pune"),
            ("PERTH, Australia: The miner will shed 90 roles.", "PERTH"),
            ("LYON, France—Velor will shut its Lyon site.", "LYON"),
            (
                "Some intro.\nOSLO (Reuters) - Norsk Hydro cut 200 jobs.",
                "OSLO",
            ),
        ] {
            assert!(covered(text, place), "{text}");
        }
    }

    #[test]
    fn names_that_open_a_sentence_stay_silent() {
        for (text, name) in [
            (
                "Acme Tools - the drill maker - will cut 40 jobs.",
                "Acme Tools",
            ),
            (
                "Brightline Foods will close its Toledo plant.",
                "Brightline Foods",
            ),
            ("IBM said it will cut 300 jobs.", "IBM"),
            (
                "Northway Freight, a trucking firm, laid off 90 drivers.",
                "Northway Freight",
            ),
            (
                "Orbit Inc. - which makes satellites - cut staff.",
                "Orbit Inc",
            ),
            ("Acme Tools: 40 jobs cut at the Dayton plant", "Acme Tools"),
            ("Acme (NASDAQ: ACM) - the toolmaker cut 40 jobs.", "Acme"),
        ] {
            assert!(!covered(text, name), "{text}");
        }
    }

    #[test]
    fn credits_and_bylines_fire() {
        for (text, name) in [
            ("Title\nBy Jane Quill\nAcme will cut jobs.", "Jane Quill"),
            ("ByDesk Staff\nAcme will cut jobs.", "Desk Staff"),
            (
                "Acme will cut jobs.\nRelated: Orbit Inc to close plant",
                "Orbit Inc",
            ),
            (
                "Acme will cut jobs.\nPhoto: Lena Ruiz for the Ledger",
                "Lena Ruiz",
            ),
            ("(Bloomberg) -- Acme will cut 90 jobs.", "Bloomberg"),
            ("Jan 3 (Reuters) - Acme will cut 90 jobs.", "Reuters"),
        ] {
            assert!(covered(text, name), "{text}");
        }
    }

    #[test]
    fn sentences_that_mention_bylines_stay_silent() {
        let text = "Acme said the cuts were made by Orbit Inc managers.";
        assert!(!covered(text, "Orbit Inc"));
        let text = "Layoffs at Bloomberg Media hit 30 staff.";
        assert!(!covered(text, "Bloomberg Media"));
    }
}
