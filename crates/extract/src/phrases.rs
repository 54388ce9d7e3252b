//! A set of phrases found as whole words in one pass (aho-corasick), each
//! carrying a value.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// Phrases compiled into one automaton; a match counts only when it starts
/// and ends at word boundaries.
#[derive(Debug)]
pub struct PhraseSet<T> {
    automaton: AhoCorasick,
    values: Vec<T>,
}

/// One phrase found in a text, with byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit<'a, T> {
    pub start: usize,
    pub end: usize,
    pub value: &'a T,
}

impl<T> PhraseSet<T> {
    /// Builds a set from (phrase, value) pairs. `ignore_case` folds ASCII case.
    pub fn new(entries: Vec<(String, T)>, ignore_case: bool) -> PhraseSet<T> {
        let (phrases, values): (Vec<String>, Vec<T>) = entries.into_iter().unzip();
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(ignore_case)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&phrases)
            .expect("lexicon phrases always compile");
        PhraseSet { automaton, values }
    }

    /// Whole-word matches, leftmost-longest, without overlaps.
    pub fn find<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Hit<'a, T>> + 'a {
        self.automaton
            .find_iter(text)
            .filter(move |m| is_word_bounded(text, m.start(), m.end()))
            .map(move |m| Hit {
                start: m.start(),
                end: m.end(),
                value: &self.values[m.pattern().as_usize()],
            })
    }

    /// True when any phrase occurs as whole words.
    pub fn occurs_in(&self, text: &str) -> bool {
        self.find(text).next().is_some()
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// A match is bounded when the characters just outside it are not word
/// characters (a phrase ending in "." such as "Mo." bounds itself).
pub fn is_word_bounded(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    let left_ok =
        before.is_none_or(|c| !is_word_char(c)) || first.is_some_and(|c| !is_word_char(c));
    let right_ok = after.is_none_or(|c| !is_word_char(c)) || last.is_some_and(|c| !is_word_char(c));
    left_ok && right_ok
}

/// Whether `word` (lower case) occurs in `text` as a whole word, ignoring
/// ASCII case.
pub fn contains_word(text: &str, word: &str) -> bool {
    let bytes = text.as_bytes();
    let w = word.as_bytes();
    if w.is_empty() || bytes.len() < w.len() {
        return false;
    }
    (0..=bytes.len() - w.len()).any(|i| {
        bytes[i..i + w.len()].eq_ignore_ascii_case(w)
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
            && bytes
                .get(i + w.len())
                .is_none_or(|b| !b.is_ascii_alphanumeric())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_whole_words_only() {
        let set = PhraseSet::new(
            vec![("cut".to_string(), 1), ("job cuts".to_string(), 2)],
            true,
        );
        let hits: Vec<_> = set
            .find("Job cuts; a cutter cut")
            .map(|h| (h.start, *h.value))
            .collect();
        assert_eq!(hits, [(0, 2), (19, 1)]);
    }

    #[test]
    fn abbreviations_with_periods_bound_themselves() {
        let set = PhraseSet::new(vec![("Mo.".to_string(), ())], false);
        assert!(set.occurs_in("Wentzville, Mo. (4,900 workers)"));
        assert!(!set.occurs_in("Most"));
    }
}
