//! How a role phrase or an O*NET title becomes comparable words: lower case,
//! American spelling, hyphens and slashes as spaces, every word singular.

/// Words whose final `s` is not a plural.
const INVARIANT: &[&str] = &[
    "sales",
    "news",
    "goods",
    "arts",
    "operations",
    "mathematics",
    "physics",
    "economics",
    "athletics",
    "logistics",
    "analytics",
    "statistics",
    "data",
    "staff",
    "personnel",
    "police",
    "series",
    "species",
    "earnings",
    "services",
    "affairs",
    "relations",
    "communications",
    "resources",
    "accounts",
    "systems",
    "electronics",
    "mechanics",
    "graphics",
    "crew",
    "us",
    "bus",
    "gas",
    "chassis",
    "status",
    "campus",
    "ups",
    "hr",
    "it",
    "ux",
    "qa",
    "sys",
    "dis",
];

/// British spellings to the American ones O*NET uses.
const SPELLING: &[(&str, &str)] = &[
    ("centre", "center"),
    ("labour", "labor"),
    ("labourer", "laborer"),
    ("organisation", "organization"),
    ("organiser", "organizer"),
    ("programme", "program"),
    ("colour", "color"),
    ("licence", "license"),
    ("counsellor", "counselor"),
    ("fulfilment", "fulfillment"),
    ("analyse", "analyze"),
    ("analyser", "analyzer"),
    ("localisation", "localization"),
    ("specialised", "specialized"),
    ("unionised", "unionized"),
    ("tyre", "tire"),
    ("storey", "story"),
    ("jewellery", "jewelry"),
    ("paediatric", "pediatric"),
    ("orthopaedic", "orthopedic"),
    ("anaesthetist", "anesthetist"),
];

/// The comparable words of a phrase.
pub fn words(phrase: &str) -> Vec<String> {
    let mut text = String::with_capacity(phrase.len());
    for c in phrase.chars().flat_map(char::to_lowercase) {
        match c {
            '-' | '/' | '_' | ',' | '(' | ')' | '.' | ':' | ';' | '"' => text.push(' '),
            '&' => text.push_str(" and "),
            '\u{2019}' => text.push('\''),
            c if c.is_alphanumeric() || c == '\'' || c.is_whitespace() => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace()
        .map(|w| w.strip_suffix("'s").unwrap_or(w).trim_matches('\''))
        .filter(|w| !w.is_empty())
        .map(|w| american(&singular(w)).to_string())
        .collect()
}

fn american(word: &str) -> &str {
    SPELLING
        .iter()
        .find(|(uk, _)| *uk == word)
        .map_or(word, |(_, us)| us)
}

/// The singular of an English noun, for the forms job names take.
pub fn singular(word: &str) -> String {
    if INVARIANT.contains(&word) || word.len() <= 3 {
        return word.to_string();
    }
    if let Some(stem) = word.strip_suffix("people") {
        return format!("{stem}person");
    }
    if word.ends_with("men") && word.len() > 4 {
        return format!("{}man", &word[..word.len() - 3]);
    }
    if word == "women" {
        return "woman".to_string();
    }
    if let Some(stem) = word.strip_suffix("ies") {
        if stem.len() > 1 {
            return format!("{stem}y");
        }
    }
    if let Some(stem) = word.strip_suffix("sses") {
        return format!("{stem}ss");
    }
    for suffix in ["ches", "shes", "xes", "zzes"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            return format!("{stem}{}", &suffix[..suffix.len() - 2]);
        }
    }
    if word.ends_with("ss") || word.ends_with("us") || word.ends_with("is") || word.ends_with("ics")
    {
        return word.to_string();
    }
    word.strip_suffix('s').unwrap_or(word).to_string()
}

/// A crude stem that lets a job word meet its field's word: "engineer" and
/// "engineering", "radiology" and "radiologic", "housekeeper" and
/// "housekeeping". Two suffixes at most come off, never below four letters.
pub fn stem(word: &str) -> &str {
    const SUFFIXES: &[&str] = &[
        "ation", "ment", "ing", "ist", "ian", "er", "or", "ic", "al", "y",
    ];
    let mut w = word;
    for _ in 0..2 {
        match SUFFIXES
            .iter()
            .find(|s| w.len() >= s.len() + 4 && w.ends_with(*s))
        {
            Some(s) => w = &w[..w.len() - s.len()],
            None => break,
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_spellings_and_punctuation_fold() {
        assert_eq!(words("Call-Centre Workers"), ["call", "center", "worker"]);
        assert_eq!(words("Waitresses"), ["waitress"]);
        assert_eq!(words("secretaries"), ["secretary"]);
        assert_eq!(words("Salespeople"), ["salesperson"]);
        assert_eq!(words("longshoremen"), ["longshoreman"]);
        assert_eq!(words("coaches"), ["coach"]);
        assert_eq!(words("Sales Representatives"), ["sales", "representative"]);
        assert_eq!(
            words("HR & payroll staff"),
            ["hr", "and", "payroll", "staff"]
        );
        assert_eq!(
            words("labour relations manager"),
            ["labor", "relations", "manager"]
        );
        assert_eq!(words("teacher\u{2019}s aides"), ["teacher", "aide"]);
        assert!(words(" -- ").is_empty());
    }

    #[test]
    fn stems_meet_across_job_and_field_words() {
        assert_eq!(stem("engineer"), stem("engineering"));
        assert_eq!(stem("radiology"), stem("radiologic"));
        assert_eq!(stem("housekeeper"), stem("housekeeping"));
        assert_ne!(stem("nurse"), stem("nursery"));
        assert_eq!(stem("cook"), "cook");
    }
}
