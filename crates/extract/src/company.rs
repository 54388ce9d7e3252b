//! Employers: capitalised name spans, legal suffixes, the parent table, and
//! "X, a unit of Y" / "Y's X unit" relations.

use crate::lexicon::Lexicon;

/// A name span in a sentence (offsets relative to the sentence).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgSpan {
    pub start: usize,
    pub end: usize,
    pub name: String,
    /// Followed by "'s": the owner of what comes next.
    pub possessive: bool,
    /// Ends with a legal suffix or is in the parent table: surely an organisation.
    pub strong: bool,
}

pub(crate) const SUFFIXES: &[&str] = &[
    "Inc",
    "Inc.",
    "INc",
    "Corp",
    "Corp.",
    "Corporation",
    "Co",
    "Co.",
    "Company",
    "Ltd",
    "Ltd.",
    "Limited",
    "LLC",
    "PLC",
    "Plc",
    "plc",
    "AG",
    "SA",
    "S.A.",
    "NV",
    "N.V.",
    "BV",
    "B.V.",
    "GmbH",
    "SpA",
    "AB",
    "ASA",
    "Group",
    "Holdings",
    "Bank",
    "Airlines",
    "Airways",
    "Motors",
    "Industries",
    "Systems",
    "Technologies",
];

/// Capitalised words that begin sentences or name things other than employers.
/// Capitalised names that are never an employer.
const NOT_EMPLOYERS: &[&str] = &[
    // The outplacement firm whose monthly count of announced cuts news
    // quotes: it reports cuts, it does not make them.
    "Challenger, Gray & Christmas",
    "Gray & Christmas",
    "Gross Domestic Product",
    "Gross National Product",
    "Consumer Price Index",
    "Producer Price Index",
    "North Sea",
    "Baltic Sea",
    "Persian Gulf",
    "Gulf",
    "Wall Street",
    "Libor",
    "LIBOR",
    "Main Street",
    // Unions: they speak for the workers, they do not cut them.
    "UAW",
    "AFL-CIO",
    "IG Metall",
    "IG-Metall",
    "FNV",
    "CGT",
    "CFDT",
    "TUC",
    "Teamsters",
    "Confederation",
    // Public bodies that set policy for an industry or a country, and
    // single generic words.
    "EC",
    "EEC",
    "European Community",
    "European Commission",
    "OPEC",
    "IMF",
    "World Bank",
    "OECD",
    "GATT",
    "IADB",
    "ADB",
    "EPA",
    "SEC",
    "Bank",
    "Police",
    "Treasury",
    "Government",
    "Mines",
];

/// Lower-case nouns that describe the company named right after them:
/// "U.K. tractor maker Alder", "Dutch bank ABN Amro". "unit" and
/// "subsidiary" are left out: in "GM unit Hughes" the name before is the
/// parent.
const DESCRIPTOR_NOUNS: &[&str] = &[
    "maker",
    "makers",
    "manufacturer",
    "producer",
    "carmaker",
    "automaker",
    "group",
    "firm",
    "company",
    "giant",
    "bank",
    "retailer",
    "carrier",
    "airline",
    "insurer",
    "conglomerate",
    "chain",
    "operator",
    "concern",
    "lender",
    "startup",
    "start-up",
    "major",
    "aggregator",
    "provider",
    "platform",
    "developer",
    "publisher",
    "supplier",
    "broadcaster",
    "miner",
    "telco",
    "multinational",
];

/// Descriptor nouns that a title-case headline capitalises inside a run
/// ("San Francisco Software Giant Autodesk"): the name is what follows.
const TITLE_DESCRIPTORS: &[&str] = &[
    "Giant",
    "Maker",
    "Carmaker",
    "Automaker",
    "Manufacturer",
    "Retailer",
    "Startup",
    "Lender",
    "Major",
];

/// Words that name a region by its direction: "the South East", "Far East".
const COMPASS_WORDS: &[&str] = &[
    "North",
    "South",
    "East",
    "West",
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Central",
    "Mid",
    "Far",
    "Middle",
    "Midlands",
    "North-East",
    "North-West",
    "South-East",
    "South-West",
];

static NO_EMPLOYER_BEFORE_RE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?:\b(?:filed|submitted|sent|delivered|provided|notice|notices|notified)\b[^.;]{0,40}?\b(?:with|to)|\baccording to)(?: the)?(?: [a-z.]+)?$|\b(?:said|says|wrote|writes|posted|posts|post|posting|shared|tweeted|commented)(?: [a-z]+)? on$|\b(?:formerly|previously|once)(?: known as| called| named)?$",
    )
    .expect("compiles")
});

/// Whether the text before a name (lower case) ends by making it the office
/// a notice goes to, the site a post is on or a former name (see
/// `NO_EMPLOYER_BEFORE_RE`); only the last 100 bytes are read.
pub(crate) fn no_employer_before(lower_before: &str) -> bool {
    let tail = lower_before.trim_end();
    let from = crate::size::floor_char_boundary(tail, tail.len().saturating_sub(100));
    NO_EMPLOYER_BEFORE_RE.is_match(&tail[from..])
}

/// A stock ticker written after a name: "RCI-B-T", "SHOP-T", "BRK.B".
static TICKER_RE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^[A-Z]{1,5}(?:[.-][A-Z]{1,3})+$").expect("compiles")
});

static PARTY_STATE_RE: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"^[DRI]-[A-Z][a-z]+\.?$").expect("compiles"));

const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "But",
    "And",
    "For",
    "Its",
    "Their",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "He",
    "She",
    // State and province abbreviations of wire copy ("Joplin, Mo.").
    "Ala",
    "Ariz",
    "Ark",
    "Calif",
    "Colo",
    "Conn",
    "Fla",
    "Ga",
    "Ill",
    "Ind",
    "Kan",
    "Ky",
    "La",
    "Md",
    "Mass",
    "Mich",
    "Minn",
    "Miss",
    "Mo",
    "Mont",
    "Neb",
    "Nev",
    "Okla",
    "Ore",
    "Pa",
    "Tenn",
    "Tex",
    "Va",
    "Vt",
    "Wash",
    "Wis",
    "Wyo",
    "Ont",
    "Que",
    "They",
    "We",
    "Our",
    "After",
    "Before",
    "While",
    "When",
    "As",
    "If",
    "Under",
    "Since",
    "Meanwhile",
    "Also",
    "However",
    "Other",
    "Some",
    "All",
    "Both",
    "Each",
    "Many",
    "Most",
    "More",
    "Several",
    "Thousands",
    "Hundreds",
    "Up",
    "Over",
    "About",
    "Nearly",
    "Around",
    "Almost",
    "Roughly",
    "Fewer",
    "Less",
    "Approximately",
    "Only",
    "Still",
    "Yes",
    "No",
    "What",
    "Why",
    "How",
    "Who",
    "Where",
    "Analysts",
    "Company",
    "CEO",
    "Chief",
    "Chairman",
    "President",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Reuters",
    "REUTER",
    "Reuter",
    "AP",
    "AFP",
    "Bloomberg",
    "Today",
    "Yesterday",
    "Last",
    "Next",
    "Earlier",
    "Later",
    "Then",
    "Now",
    "Once",
    "Workers",
    "Employees",
    "Staff",
    "Jobs",
    "Layoffs",
    "Job",
    "Cuts",
    "Further",
    "Another",
    "Such",
    "Even",
    "Just",
    "Because",
    "Although",
    "Though",
    "Despite",
    "Amid",
    "Following",
    "Among",
    "Across",
    "With",
    "Without",
    "From",
    "To",
    "By",
    "Of",
    "Is",
    "Are",
    "Was",
    "Were",
    "Will",
    "Would",
    "Could",
    "Should",
    "Can",
    "Has",
    "Have",
    "Had",
    "Do",
    "Does",
    "Did",
    "Not",
    "Sources",
    "Officials",
    "Union",
    "Unions",
    "Government",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Executive",
    "Vice",
    "Director",
    "Manager",
    "Minister",
    "Chancellor",
    "Secretary",
    "Senator",
    "Governor",
    "Mayor",
    "Premier",
    "Prime",
    "Ministry",
    "Department",
    "Total",
    "Prior",
    "Here",
    "There",
    "Every",
    "Any",
    "One",
    "Two",
    "Three",
    "Four",
    "Five",
    "Six",
    "Seven",
    "Eight",
    "Nine",
    "Ten",
    "First",
    "Second",
    "Third",
    "Industry",
    "Shares",
    "Sales",
    "Revenue",
    "Profit",
    "Net",
    "Q1",
    "Q2",
    "Q3",
    "Q4",
    "AI",
    "GenAI",
    "Is",
    "Production",
    "Plans",
    "Plan",
    "Under",
    "Instead",
    "Separately",
    "Additionally",
    "Overall",
    "So",
    "Investors",
    "Economists",
    "Experts",
    "Critics",
    "Lawmakers",
    "Employers",
    "Companies",
    "Firms",
    "Unlike",
    "Like",
    "Although",
    "Whether",
    "Until",
    "During",
    "Including",
    "Roles",
    "Positions",
    "NOTE",
    "Note",
    "Transfer",
    "Morale",
    "Labour",
    "Labor",
    "Economic",
    "Washington",
];

/// Last words that make a span a union, index or market, never an employer.
/// (Institutions, agencies and outlets can cut jobs: their last words are
/// features of the employer ranker, `ranker::INSTITUTION_ENDINGS` and
/// `ranker::OUTLET_WORDS`, not vetoes.)
const NOT_EMPLOYER_ENDINGS: &[&str] = &[
    // Cuts by a government are told by `government_name` ("US government").
    "Government",
    "Union",
    "Workers",
    "Federation",
    "Reuters",
    "Parliament",
    "Congress",
    "Senate",
    "Court",
    "Exchange",
    "Index",
    "Street",
    "Committee",
];

fn is_capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|c| {
        c.is_uppercase()
            || c.is_ascii_digit() && word.len() > 1 && word.chars().any(char::is_alphabetic)
            // A brand written with a lower-case first letter: "eBay", "xAI".
            || c.is_ascii_lowercase()
                && chars.next().is_some_and(|d| d.is_ascii_uppercase())
                && word.len() > 2
    })
}

const CONNECTORS: &[&str] = &[
    "&", "and", "of", "de", "du", "do", "der", "van", "von", "la", "le", "des", "y", "for",
];

/// Tokens with byte offsets: words split on white space, with leading and
/// trailing punctuation separated.
fn tokens(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        // An em or en dash is a token of its own: it ends a name
        // ("France—Michelin", "N.Y. — Syracuse University").
        if matches!(c, '\u{2014}' | '\u{2013}') {
            if let Some(st) = start.take() {
                out.push((st, i));
            }
            out.push((i, i + c.len_utf8()));
            continue;
        }
        if c.is_whitespace()
            || matches!(
                c,
                '<' | '>' | '(' | ')' | '"' | '\u{201c}' | '\u{201d}' | ';' | '[' | ']'
            )
        {
            if let Some(st) = start.take() {
                out.push((st, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push((st, s.len()));
    }
    out
}

/// Finds name spans in a sentence.
pub fn find_orgs(lex: &Lexicon, sentence: &str) -> Vec<OrgSpan> {
    let toks = tokens(sentence);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let (s, e) = toks[i];
        let word = sentence[s..e].trim_end_matches([',', ':', '.', '\'']);
        if !is_capitalised(word) {
            i += 1;
            continue;
        }
        // Grow the span over capitalised words and inner connectors.
        let mut j = i;
        let mut end;
        let mut possessive = false;
        loop {
            let raw = &sentence[toks[j].0..toks[j].1];
            // "B.C. Resources' staff": a plural's possessive is its apostrophe.
            if let Some(stripped) = raw
                .strip_suffix("'s")
                .or_else(|| raw.strip_suffix("\u{2019}s"))
                .or_else(|| raw.strip_suffix("s'").map(|r| &raw[..r.len() + 1]))
                .or_else(|| raw.strip_suffix("S'").map(|r| &raw[..r.len() + 1]))
            {
                end = toks[j].0 + stripped.len();
                possessive = true;
                break;
            }
            if raw.ends_with(',') || raw.ends_with(':') || raw.ends_with(';') {
                end = toks[j].0 + raw.len() - 1;
                // "Acme Inc," stays one span; a comma ends it.
                break;
            }
            end = toks[j].1;
            // Gap: if the next token is separated by a bracket, stop.
            let Some(&(ns, ne)) = toks.get(j + 1) else {
                break;
            };
            if sentence[toks[j].1..ns]
                .contains(['(', ')', '<', '>', '"', '\u{201c}', '\u{201d}', '\n'])
                && !sentence[toks[j].1..ns].trim().is_empty()
            {
                break;
            }
            let next = &sentence[ns..ne];
            if is_capitalised(next) {
                j += 1;
                continue;
            }
            // "Orlin Bank and Birch Finance Group": a name ending in a
            // legal word is complete; "and" starts another.
            // "bargaining with GM and Ford": a known name is complete too.
            let complete = (SUFFIXES.contains(&raw.trim_end_matches('.'))
                || known_name(lex, sentence[s..toks[j].1].trim_end_matches(['.', ','])))
                && next == "and"
                && toks.get(j + 2).is_some_and(|&(a, b)| {
                    !matches!(&sentence[a..b], "Trust" | "Savings" | "Loan" | "Sons")
                });
            if CONNECTORS.contains(&next) && !complete {
                if let Some(&(ns2, ne2)) = toks.get(j + 2) {
                    if is_capitalised(&sentence[ns2..ne2]) {
                        j += 2;
                        continue;
                    }
                }
            }
            break;
        }
        let mut span_start = s;
        // Drop leading common words ("The", "In", "Analysts").
        let mut k = i;
        while k <= j {
            let w = sentence[toks[k].0..toks[k].1].trim_end_matches([',', '.', '\'']);
            let initial = sentence[..toks[k].0].trim_matches(is_opening).is_empty();
            // "Floating Point Systems Inc": a name ending in a legal word
            // keeps its first word unless it works as a preposition.
            let legal_name = k == i
                && SUFFIXES.contains(&sentence[toks[j].0..end].trim_end_matches(['.', ',']))
                && !LEADING_PARTICIPLES.contains(&w);
            if NOT_NAMES.contains(&w)
                || crate::date::is_calendar_word(w)
                || CONNECTORS.contains(&w)
                || !legal_name && !looks_like_name(w, initial)
            {
                k += 1;
                span_start = toks.get(k).map_or(end, |t| t.0);
            } else {
                break;
            }
        }
        // "San Francisco Software Giant Autodesk": in a headline the
        // description is capitalised too; the name follows its noun.
        if let Some(d) = (k..j).rev().find(|&d| {
            TITLE_DESCRIPTORS.contains(&&sentence[toks[d].0..toks[d].1])
                && !SUFFIXES.contains(&sentence[toks[j].0..end].trim_end_matches(['.', ',']))
        }) {
            span_start = toks[d + 1].0;
        }
        // "Quillon Networks Inc. QNI-B-T": a ticker after the legal
        // word is no part of the name.
        let end = (k + 1..=j)
            .find(|&w| {
                SUFFIXES
                    .contains(&sentence[toks[w - 1].0..toks[w - 1].1].trim_end_matches(['.', ',']))
                    && (w..=j).all(|t| {
                        TICKER_RE
                            .is_match(sentence[toks[t].0..toks[t].1].trim_end_matches(['.', ',']))
                    })
            })
            .map_or(end, |w| toks[w - 1].1);
        if span_start < end {
            let name = sentence[span_start..end]
                .trim_end_matches(['.', ','])
                .trim()
                .to_string();
            // "Birch Inc <BIR>": a ticker repeats the name before it.
            let ticker = name.len() <= 6
                && name.chars().all(|c| c.is_ascii_uppercase() || c == '.')
                && sentence[..span_start]
                    .trim_end()
                    .strip_suffix('<')
                    .is_some_and(|b| {
                        out.last()
                            .is_some_and(|o: &OrgSpan| o.end >= b.trim_end().len())
                    });
            if !ticker && !name.is_empty() && name.chars().any(char::is_alphabetic) {
                if let Some(org) = classify(lex, sentence, span_start, name, possessive) {
                    out.push(org);
                }
            }
        }
        i = j + 1;
    }
    add_known_names(lex, sentence, &mut out);
    out
}

/// Names of the parent table that the capitalisation walk splits ("Buy with
/// Prime"): they replace the shorter spans they cover.
fn add_known_names(lex: &Lexicon, sentence: &str, out: &mut Vec<OrgSpan>) {
    for h in lex.companies.find(sentence) {
        let covered = out.iter().any(|o| o.start <= h.start && h.end <= o.end);
        if covered || !sentence[h.start..h.end].contains(' ') {
            continue;
        }
        out.retain(|o| o.end <= h.start || o.start >= h.end);
        let name = sentence[h.start..h.end].to_string();
        let possessive =
            sentence[h.end..].starts_with("'s") || sentence[h.end..].starts_with("\u{2019}s");
        let at = out.partition_point(|o| o.start < h.start);
        out.insert(
            at,
            OrgSpan {
                start: h.start,
                end: h.end,
                name,
                possessive,
                strong: true,
            },
        );
    }
}

/// Whether text right after a name is ", " and a US state (not a town):
/// the name is then a town.
fn followed_by_region(lex: &Lexicon, after: &str) -> bool {
    let Some(rest) = after.strip_prefix(", ") else {
        return false;
    };
    // A state's name is short: look no further, so a long sentence costs
    // no more per name.
    let rest = &rest[..crate::size::floor_char_boundary(rest, 24)];
    lex.places.find(rest).any(|h| {
        h.start == 0 && h.value.starts_with("US-") && !lex.cities.contains(&rest[h.start..h.end])
    })
}

/// A capitalised word with lower-case letters after: "Cronin", "O'Neil",
/// "Smith-Jones"; not "IBM", "McDonald" or "U.S".
pub(crate) fn is_plain_name_word(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(char::is_uppercase)
        && !chars.as_str().is_empty()
        && chars.all(|c| c.is_lowercase() || c == '-' || c == '\'')
}

fn classify(
    lex: &Lexicon,
    sentence: &str,
    start: usize,
    name: String,
    possessive: bool,
) -> Option<OrgSpan> {
    let last = name.split_whitespace().next_back().unwrap_or("");
    if NOT_EMPLOYER_ENDINGS.contains(&last)
        || NOT_NAMES.contains(&name.as_str())
        || crate::date::is_calendar_word(&name)
        || !looks_like_name(&name, sentence[..start].trim_matches(is_opening).is_empty())
    {
        return None;
    }
    // A place name alone is not an employer.
    if lex
        .places
        .find(&name)
        .any(|h| h.start == 0 && h.end == name.len())
        || lex
            .place_adjectives
            .find(&name)
            .any(|h| h.start == 0 && h.end == name.len())
    {
        return None;
    }
    // A town given with its US state ("Joplin, Mo.", "Ames, Iowa"): a
    // place the table need not know.
    if followed_by_region(lex, &sentence[start + name.len()..]) {
        return None;
    }
    // One letter ("I"), a party and state ("D-Neb"), a country written
    // without its last period ("U.S").
    if name.chars().filter(|c| c.is_alphabetic()).count() < 2
        || PARTY_STATE_RE.is_match(&name)
        || lex
            .places
            .find(&format!("{name}."))
            .any(|h| h.start == 0 && h.end == name.len() + 1)
    {
        return None;
    }
    // Measures of an economy and seas are not employers.
    if NOT_EMPLOYERS.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
        return None;
    }
    // A region named by compass words ("the South East", "North West").
    if name.split_whitespace().all(|w| COMPASS_WORDS.contains(&w)) {
        return None;
    }
    // A title in the name ("Governor Mario Cuomo", "Defense Secretary
    // Caspar Weinberger"), or a given name and a surname.
    let words: Vec<&str> = name
        .split_whitespace()
        .map(|w| w.trim_end_matches('.'))
        .collect();
    if !words.iter().any(|w| SUFFIXES.contains(w)) && !known_name(lex, &name) {
        let titled = words.len() > 1 && words.iter().any(|w| lex.person_titles.contains(*w));
        // "Minister of Mines Patrick Chitambala": a person after a title's
        // words ends the span too.
        let given = (0..words.len()).any(|k| {
            (2..=3).contains(&(words.len() - k))
                && lex.first_names.contains(words[k])
                && is_plain_name_word(words[words.len() - 1])
        });
        if titled || given {
            return None;
        }
    }
    // People: "Mr Brown", "CEO Andy Jassy", "spokesman Frank Koolen said".
    let before = sentence[..start].trim_end();
    let before_word = before
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("");
    let person_cue = [
        "CEO",
        "chief",
        "executive",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "chairman",
        "president",
        "director",
        "Chancellor",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "minister",
        "analyst",
        "secretary",
        "officer",
        "founder",
        "head",
        "manager",
        "Secretary",
        "President",
        "Minister",
        "economist",
    ];
    if person_cue.contains(&before_word) && !name.split_whitespace().any(|w| SUFFIXES.contains(&w))
    {
        return None;
    }
    // The outlet that reports, not the employer: "told Geekwire", "emails
    // obtained by Bloomberg", "according to The Information".
    let lower_before = before.to_ascii_lowercase();
    let source_cue = [
        "told",
        "stated to",
        "said to",
        "according to",
        "obtained by",
        "seen by",
        "reviewed by",
        "reported by",
        "confirmed to",
        "in a statement to",
        "in an interview with",
        "speaking to",
    ];
    if source_cue.iter().any(|c| lower_before.ends_with(c)) && !known_name(lex, &name) {
        return None;
    }
    // The office that receives a notice ("a WARN notice filed Friday with
    // the state Department of Labor"), the site a post is on ("said on
    // X", "wrote in a post on LinkedIn") and an old name ("formerly known
    // as Twitter").
    if no_employer_before(&lower_before) {
        return None;
    }
    // "the port and transport union, FNV,": a union's name.
    let before_clause = lower_before.trim_end_matches(',').trim_end();
    if [
        "union",
        "unions",
        "lobby group",
        "trade group",
        "association",
    ]
    .iter()
    .any(|c| before_clause.ends_with(c))
    {
        return None;
    }
    let end = start + name.len();
    // "U.K. Tractor maker <Alder Plc>", "Steel group Birch": a
    // description before the name, not the name.
    // Opening a sentence, up to two lower-case words may come first
    // ("Online payments giant Stripe", "IT major Google").
    let opens = sentence[..start].trim_matches(is_opening).is_empty();
    let after: Vec<&str> = sentence[end..].split_whitespace().take(4).collect();
    let modifiers = if opens { 2 } else { 0 };
    for k in 0..=modifiers {
        let (Some(noun), Some(next)) = (after.get(k), after.get(k + 1)) else {
            break;
        };
        if !after[..k]
            .iter()
            .all(|w| w.chars().all(|c| c.is_lowercase() || c == '-'))
        {
            break;
        }
        let next = next.trim_start_matches(['<', '(', '"', '\u{201c}']);
        if DESCRIPTOR_NOUNS.contains(noun) && next.starts_with(char::is_uppercase) {
            return None;
        }
    }
    // Wire copy wraps lines inside names: "Banner\nIndustries Inc".
    let name = if name.contains(char::is_whitespace) {
        name.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        name
    };
    let known = known_name(lex, &name);
    let strong = known || name.split_whitespace().any(|w| SUFFIXES.contains(&w));
    Some(OrgSpan {
        start,
        end,
        name,
        possessive,
        strong,
    })
}

fn is_opening(c: char) -> bool {
    c.is_whitespace() || matches!(c, '"' | '\'' | '\u{201c}' | '\u{2018}' | '(' | '-' | '*')
}

/// Shapes of capitalised words that are not names: money ("790m", "$2bn"),
/// compound adjectives ("State-run", "UK-wide", "Dallas-based") and, first in
/// a sentence, participles and gerunds ("Predicting", "Commenting").
fn looks_like_name(name: &str, sentence_initial: bool) -> bool {
    if name.contains(['$', '\u{a3}', '\u{20ac}', '\u{a5}']) {
        return false;
    }
    // "San Francisco-based", "Tel Aviv-headquartered": a place describing
    // the name that follows.
    if ["-based", "-headquartered", "-born", "-listed", "-owned"]
        .iter()
        .any(|s| name.ends_with(s))
    {
        return false;
    }
    // A pronoun's contraction: "We've", "It’s", "They're", "I'm".
    if let Some((_, tail)) = name.split_once(['\'', '\u{2019}']) {
        if ["ve", "re", "ll", "m", "d"].contains(&tail) {
            return false;
        }
    }
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    if name.starts_with(|c: char| c.is_ascii_digit())
        && letters <= 3
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == ',')
    {
        return false;
    }
    let mut words = name.split_whitespace();
    let (Some(first), None) = (words.next(), words.next()) else {
        return true;
    };
    if let Some((_, tail)) = first.rsplit_once('-') {
        if tail.starts_with(|c: char| c.is_lowercase()) {
            return false;
        }
    }
    let lower_tail = first.chars().count() > 5 && first.chars().skip(1).all(char::is_lowercase);
    !(sentence_initial && lower_tail && (first.ends_with("ing") || first.ends_with("ed")))
}

/// Participles that open a sentence as prepositions: "Including Acme Inc".
const LEADING_PARTICIPLES: &[&str] = &[
    "Including",
    "Excluding",
    "Following",
    "Regarding",
    "Concerning",
    "According",
    "Assuming",
    "Barring",
    "Pending",
    "During",
    "Citing",
    "Adding",
    "Noting",
    "Reporting",
    "Speaking",
    "Asked",
    "Excepted",
];

/// The whole name is in the parent table.
fn known_name(lex: &Lexicon, name: &str) -> bool {
    lex.companies
        .find(name)
        .any(|h| h.start == 0 && h.end == name.len())
}

/// Normalised words of a company name, without legal suffixes, for comparing.
pub fn norm_words(name: &str) -> Vec<String> {
    const DROP: &[&str] = &[
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "co",
        "company",
        "ltd",
        "limited",
        "llc",
        "plc",
        "group",
        "holdings",
        "the",
        "com",
        "sa",
        "ag",
        "nv",
        "se",
        "lp",
        "llp",
        "gmbh",
        "bv",
        "spa",
    ];
    name.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !DROP.contains(w))
        .map(str::to_string)
        .collect()
}

/// Two names of one employer: one's words are inside the other's, or one is
/// the other's initials ("GM", "General Motors Corp").
pub fn same_org(a: &str, b: &str) -> bool {
    let (wa, wb) = (norm_words(a), norm_words(b));
    if wa.is_empty() || wb.is_empty() {
        return false;
    }
    let contains = |big: &[String], small: &[String]| big.windows(small.len()).any(|w| w == small);
    if contains(&wa, &wb) || contains(&wb, &wa) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn names(s: &str) -> Vec<String> {
        find_orgs(&Lexicon::embedded(), s)
            .into_iter()
            .map(|o| o.name)
            .collect()
    }

    #[test]
    fn finds_names_and_skips_sentence_starts_places_and_people() {
        assert_eq!(
            names("The company said Acme Widgets Inc will cut 300 jobs in Ohio."),
            ["Acme Widgets Inc"]
        );
        assert_eq!(
            names("CEO Jane Smith said Globex would cut jobs."),
            ["Globex"]
        );
        assert_eq!(names("Marsh & McLennan cut jobs"), ["Marsh & McLennan"]);
        assert_eq!(
            names("It follows Orlin Bank and Birch Finance Group in cutting jobs."),
            ["Orlin Bank", "Birch Finance Group"]
        );
        assert_eq!(
            names("Globex Corp will idle plants at Joplin, Mo. and Ames, Iowa, soon."),
            ["Globex Corp"]
        );
        assert_eq!(
            names("Fewer than 300 workers will be laid off at Globex Corp."),
            ["Globex Corp"]
        );
        assert_eq!(
            names("Birch, a unit of Birch Inc <BIR>, owns it."),
            ["Birch", "Birch Inc"]
        );
        assert_eq!(
            names("Minister of Mines Patrick Tembo confirmed that Orlin Mining closed an office."),
            ["Orlin Mining"]
        );
        assert_eq!(
            names("Union talks with GM and Ford resume in May."),
            ["GM", "Ford"]
        );
        assert_eq!(
            names("Predicting where Initech cuts next is hard."),
            ["Initech"]
        );
        assert_eq!(
            names("State-run Globex said UK-wide plans cost 790m, or $2bn."),
            ["Globex"]
        );
        assert_eq!(
            names("Globex moved 700 jobs out of the South East and the Far East."),
            ["Globex"]
        );
        assert_eq!(
            names("U.K. Helicopter maker <Globex Plc> will cut staff."),
            ["Globex Plc"]
        );
        assert_eq!(
            names("Quillon Networks Inc. QNI-B-T will cut staff."),
            ["Quillon Networks Inc"]
        );
        assert_eq!(
            names("Online payments giant Quillon is cutting staff."),
            ["Quillon"]
        );
        assert_eq!(
            names("Valley Software Giant Quillon to Cut Staff")[0],
            "Quillon"
        );
        assert_eq!(
            names("Globex unit Initech Lending laid off 150 people."),
            ["Globex", "Initech Lending"]
        );
    }

    #[test]
    fn titles_and_given_names_make_people() {
        assert_eq!(
            names("Defense Secretary Caspar Weinberger ordered cuts at Globex."),
            ["Globex"]
        );
        assert_eq!(
            names("House Speaker Jim Wright said Initech would cut jobs."),
            ["Initech"]
        );
        assert_eq!(names("Bill Cronin said Globex would cut jobs."), ["Globex"]);
        // A person's name with a legal suffix, or a listed one, is a company.
        assert_eq!(
            names("John Smith Ltd will cut 40 jobs."),
            ["John Smith Ltd"]
        );
        assert_eq!(
            names("Charles Schwab will cut 40 jobs."),
            ["Charles Schwab"]
        );
    }

    #[test]
    fn possessive_names_own_the_next_span() {
        let orgs = find_orgs(
            &Lexicon::embedded(),
            "Initech Corp's Widget Systems Division is cutting 75 employees",
        );
        assert_eq!(orgs[0].name, "Initech Corp");
        assert!(orgs[0].possessive);
        assert_eq!(orgs[1].name, "Widget Systems Division");
    }

    #[test]
    fn table_names_with_lower_case_words_stay_whole() {
        assert_eq!(
            names("Amazon cut roles in its Buy with Prime unit."),
            ["Amazon", "Buy with Prime"]
        );
    }

    #[test]
    fn same_org_handles_suffixes_and_initials() {
        assert!(same_org("General Motors Corp", "GM"));
        assert!(same_org("Firestone", "Firestone Tire and Rubber Co"));
        assert!(!same_org("Acme", "Globex"));
    }
}
