//! The job titles and worker groups a cut names (`roles`): a plural job noun
//! of `lexicon/roles.toml` with up to three lower-case modifier words before
//! it, written singular and lower case.

use crate::lexicon::{Lexicon, RoleHead};

/// At most this many words before the head belong to the role.
const MAX_MODIFIERS: usize = 3;

/// One role found in a sentence: the role and its byte span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleHit {
    pub role: String,
    pub start: usize,
    pub end: usize,
}

/// The roles a sentence names.
pub fn roles_in(lex: &Lexicon, sentence: &str) -> Vec<RoleHit> {
    let mut out = Vec::new();
    for h in lex.roles.find(sentence) {
        let head: &RoleHead = h.value;
        if is_speaker(lex, &sentence[h.end..]) {
            continue;
        }
        // "the primary drivers of growth": a head with "of" after it names
        // what something is, not who is cut.
        if sentence[h.end..].trim_start().starts_with("of ") {
            continue;
        }
        let (start, mut modifier) = modifier_before(lex, sentence, h.start);
        let qualifiers = modifier
            .iter()
            .take_while(|w| lex.role_qualifiers.contains(w.as_str()))
            .count();
        modifier.drain(..qualifiers);
        if head.generic && modifier.is_empty() {
            continue;
        }
        let mut role = modifier.join(" ");
        if !role.is_empty() {
            role.push(' ');
        }
        role.push_str(&head.singular);
        if !out.iter().any(|r: &RoleHit| r.role == role) {
            out.push(RoleHit {
                role,
                start,
                end: h.end,
            });
        }
    }
    out
}

/// "analysts said", "executives expect": the head speaks, it is not cut.
fn is_speaker(lex: &Lexicon, after: &str) -> bool {
    after
        .split_whitespace()
        .next()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_ascii_lowercase()
        })
        .is_some_and(|w| lex.role_speech.contains(&w))
}

/// The lower-case words just before `end` that modify the head, and where
/// they start. Stops at punctuation, capitals, digits and stop words.
fn modifier_before(lex: &Lexicon, sentence: &str, end: usize) -> (usize, Vec<String>) {
    let mut start = end;
    let mut words: Vec<String> = Vec::new();
    let mut rest = &sentence[..end];
    while words.len() < MAX_MODIFIERS {
        let trimmed = rest.trim_end_matches([' ', '-']);
        // Only spaces or hyphens may sit between modifier words.
        if trimmed.len() == rest.len() && !words.is_empty() {
            break;
        }
        let word_start = trimmed
            .char_indices()
            .rev()
            .find(|&(_, c)| !(c.is_alphabetic() || c == '-'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = &trimmed[word_start..];
        let possessive = trimmed[..word_start].ends_with(['\'', '\u{2019}']);
        if word.is_empty() || possessive || !is_modifier(lex, word) {
            break;
        }
        words.push(word.to_ascii_lowercase());
        start = word_start;
        rest = &trimmed[..word_start];
    }
    words.reverse();
    (start, words)
}

fn is_modifier(lex: &Lexicon, word: &str) -> bool {
    // Acronyms that name a function: "HR staff", "IT workers".
    if matches!(word, "HR" | "IT" | "QA" | "UX" | "AI") {
        return true;
    }
    let lower = word.to_ascii_lowercase();
    let all_lower = word.chars().all(|c| c.is_lowercase() || c == '-');
    // A verb form ("urging", "addressed") or an adverb ("immensely") ends
    // the modifier, and so does another role's plural ("employees
    // contractual workers") or a broken word ("-based").
    let verb = (lower.ends_with("ed") || lower.ends_with("ing"))
        && !lex.role_verb_forms.contains(&lower)
        && !lex.role_qualifiers.contains(&lower);
    all_lower
        && word.chars().any(char::is_alphabetic)
        && !word.starts_with('-')
        && !verb
        && !lower.ends_with("ly")
        && lex.roles.find(word).next().is_none()
        && !lex.role_stop.contains(&lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(text: &str) -> Vec<String> {
        let lex = Lexicon::embedded();
        roles_in(&lex, text).into_iter().map(|r| r.role).collect()
    }

    #[test]
    fn modifiers_stop_at_numbers_capitals_and_stop_words() {
        assert_eq!(roles("cut 1,200 software engineers"), ["software engineer"]);
        assert_eq!(
            roles("Acme's HR staff and IT workers"),
            ["hr staff", "it worker"]
        );
        assert_eq!(
            roles("the remaining flight attendants"),
            ["flight attendant"]
        );
        assert_eq!(roles("Amazon employees and staff"), Vec::<String>::new());
        assert_eq!(
            roles("laid off hundreds of call-centre workers"),
            ["call-centre worker"]
        );
        assert_eq!(roles("more than 50 cabin crew"), ["cabin crew"]);
    }

    #[test]
    fn spans_cover_the_whole_role() {
        let lex = Lexicon::embedded();
        let text = "It cut 40 customer service agents.";
        let hit = &roles_in(&lex, text)[0];
        assert_eq!(&text[hit.start..hit.end], "customer service agents");
    }
}
