//! Sentence segmentation with byte offsets.
//!
//! Handles abbreviations ("Corp.", "Mich.", "U.S."), and both paragraph
//! styles of news text: one paragraph per line, and wire copy hard-wrapped
//! at a fixed width with indented paragraph starts.

/// Words that end with a period without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Inc", "Corp", "Co", "Ltd", "Bros", "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "No", "vs",
    "Mt", "Ft", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",
    "Dec", "Ala", "Ariz", "Ark", "Calif", "Cal", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind",
    "Kan", "Kans", "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev",
    "Okla", "Ore", "Pa", "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo", "Ont", "Que", "approx",
    "est", "Gov", "Sen", "Rep", "Gen", "Lt", "Col", "Capt", "Prof", "Dept", "Fig", "etc", "e.g",
    "i.e", "U.S", "U.K", "E.U", "U.N", "N.Y", "N.J", "D.C", "S.A", "N.V", "B.V", "L.P",
];

/// Byte ranges of the sentences of `text`, in order, trimmed.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let wrapped = is_hard_wrapped(text);
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let boundary_end = match b {
            b'\n' => {
                let next_line_starts_para = bytes
                    .get(i + 1)
                    .is_none_or(|c| matches!(c, b'\n' | b' ' | b'\t' | b'\r'));
                if !wrapped || next_line_starts_para {
                    Some(i)
                } else {
                    None
                }
            }
            b'.' | b'!' | b'?' => {
                if ends_sentence(text, i) {
                    // Keep closing quotes and brackets with the sentence.
                    let mut j = i + 1;
                    while j < bytes.len() && matches!(bytes[j], b'"' | b'\'' | b')') {
                        j += 1;
                    }
                    if text[j..].starts_with('\u{201d}') || text[j..].starts_with('\u{2019}') {
                        j += 3;
                    }
                    Some(j)
                } else {
                    None
                }
            }
            _ => None,
        };
        if let Some(end) = boundary_end {
            push_trimmed(text, start, end, &mut out);
            start = end;
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

/// Sentences longer than this are cut at white space, so the work per
/// sentence stays bounded and a document costs linear time whatever its shape.
const MAX_SENTENCE: usize = 1500;

fn push_trimmed(text: &str, mut start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    while end - start > MAX_SENTENCE {
        let mut cut = start + MAX_SENTENCE;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let piece = &text[start..cut];
        let at = piece
            .rfind(char::is_whitespace)
            .filter(|&p| p > 0)
            .map_or(cut, |p| start + p);
        push_piece(text, start, at, out);
        start = at;
    }
    push_piece(text, start, end, out);
}

fn push_piece(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push((start + lead, end - trail));
    }
}

/// A period ends a sentence when followed by space and an upper-case letter,
/// digit or quote, and the word before it is not an abbreviation or initial.
fn ends_sentence(text: &str, i: usize) -> bool {
    let rest = &text[i + 1..];
    let rest = rest.trim_start_matches(['"', '\'', ')', '\u{201d}', '\u{2019}']);
    let after_space = rest.trim_start_matches([' ', '\t', '\r', '\n']);
    if after_space.len() == rest.len() {
        return rest.is_empty();
    }
    let Some(next) = after_space.chars().next() else {
        return true;
    };
    if !(next.is_uppercase()
        || next.is_ascii_digit()
        || matches!(next, '"' | '\u{201c}' | '\'' | '('))
    {
        return false;
    }
    if text.as_bytes()[i] != b'.' {
        return true;
    }
    let word_start = text[..i]
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .map_or(0, |p| p + 1);
    let word = &text[word_start..i];
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return false; // an initial: "E. Smith"
    }
    // Dotted initials ("B.C. Resources", "A.G. Edwards") are names.
    let dotted_initials = word.len() >= 3
        && word
            .split('.')
            .all(|p| p.len() == 1 && p.chars().all(|c| c.is_ascii_uppercase()));
    !ABBREVIATIONS.contains(&word) && !dotted_initials
}

/// Wire copy wraps lines at a fixed width: most lines end mid-sentence.
fn is_hard_wrapped(text: &str) -> bool {
    let mut lines = 0;
    let mut open = 0;
    for line in text.lines().map(str::trim_end).filter(|l| !l.is_empty()) {
        lines += 1;
        if !line.ends_with(['.', '!', '?', '"', ':', '\u{201d}']) && line.len() < 90 {
            open += 1;
        }
    }
    lines >= 4 && open * 2 > lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn splits_on_periods_but_not_abbreviations() {
        let t =
            "Acme Corp. said it will cut 300 jobs in Flint, Mich. by June. The U.S. unit is small.";
        assert_eq!(
            split(t),
            [
                "Acme Corp. said it will cut 300 jobs in Flint, Mich. by June.",
                "The U.S. unit is small."
            ]
        );
        let t = "Staff cuts at B.C. Resources were deep. Acme Inc said so.";
        assert_eq!(
            split(t),
            [
                "Staff cuts at B.C. Resources were deep.",
                "Acme Inc said so."
            ]
        );
    }

    #[test]
    fn one_paragraph_per_line_splits_on_newlines() {
        let t = "Cloud results\nCloud sales rose 9% to $11.5 billion.\nOther cuts";
        assert_eq!(
            split(t),
            [
                "Cloud results",
                "Cloud sales rose 9% to $11.5 billion.",
                "Other cuts"
            ]
        );
    }

    #[test]
    fn hard_wrapped_wire_copy_joins_lines() {
        let t = "Acme Inc said it\nwill lay off 300 workers at\nits plant in Ohio because of\nweak demand.\n    The company said\nmore cuts were possible.\n";
        let got = split(t);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0].starts_with("Acme Inc said it\nwill lay off"));
    }

    #[test]
    fn overlong_sentences_are_cut_at_white_space() {
        let t = "word ".repeat(1000);
        let parts = sentences(&t);
        assert!(parts.len() >= 4);
        assert!(parts.iter().all(|(s, e)| e - s <= MAX_SENTENCE));
    }

    #[test]
    fn quotes_stay_with_their_sentence() {
        let t = "He said \u{201c}we cut 5 jobs.\u{201d} Then he left.";
        assert_eq!(
            split(t),
            ["He said \u{201c}we cut 5 jobs.\u{201d}", "Then he left."]
        );
    }
}
