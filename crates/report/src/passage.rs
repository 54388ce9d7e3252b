use layoffwatch_extract::sentences;
use layoffwatch_model::{Event, Evidence, Field};
use serde::Serialize;

/// A piece of text and the fields whose evidence covers it (none for plain
/// text). Pieces follow each other, so joined they give the text back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextPart {
    pub text: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
}

/// A sentence that holds evidence, in marked pieces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Passage {
    /// Byte offsets of the sentence in the document.
    pub start: usize,
    pub end: usize,
    pub parts: Vec<TextPart>,
}

/// Spans that lie inside the text on character boundaries; others (from a
/// changed text, say) are left out rather than trusted.
fn valid<'a>(text: &'a str, evidence: &'a [Evidence]) -> impl Iterator<Item = &'a Evidence> {
    evidence.iter().filter(|ev| {
        ev.start < ev.end
            && ev.end <= text.len()
            && text.is_char_boundary(ev.start)
            && text.is_char_boundary(ev.end)
    })
}

/// `text[start..end]` cut at every evidence boundary inside it, each piece
/// with the fields that cover it.
fn parts(text: &str, start: usize, end: usize, evidence: &[&Evidence]) -> Vec<TextPart> {
    let mut cuts = vec![start, end];
    for ev in evidence {
        cuts.extend([ev.start.clamp(start, end), ev.end.clamp(start, end)]);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out: Vec<TextPart> = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let mut fields: Vec<Field> = evidence
            .iter()
            .filter(|ev| ev.start <= a && b <= ev.end)
            .map(|ev| ev.field)
            .collect();
        fields.sort_unstable();
        fields.dedup();
        match out.last_mut() {
            Some(last) if last.fields == fields => last.text.push_str(&text[a..b]),
            _ => out.push(TextPart {
                text: text[a..b].to_string(),
                fields,
            }),
        }
    }
    out
}

/// The whole text with every evidence span marked.
pub fn marked_text(text: &str, evidence: &[Evidence]) -> Vec<TextPart> {
    let evidence: Vec<&Evidence> = valid(text, evidence).collect();
    parts(text, 0, text.len(), &evidence)
}

/// The sentences of a text that hold evidence of an event, in text order,
/// with the evidence marked.
pub fn evidence_passages(text: &str, event: &Event) -> Vec<Passage> {
    let evidence: Vec<&Evidence> = valid(text, &event.evidence).collect();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for (s, e) in sentences(text) {
        if evidence.iter().any(|ev| ev.start < e && s < ev.end) {
            match spans.last_mut() {
                // A span that runs over a sentence end joins the sentences.
                Some(last) if last.1 > s => last.1 = last.1.max(e),
                _ => spans.push((s, e)),
            }
        }
    }
    spans
        .into_iter()
        .map(|(start, end)| Passage {
            start,
            end,
            parts: parts(text, start, end, &evidence),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(field: Field, text: &str, word: &str) -> Evidence {
        let start = text.find(word).unwrap();
        Evidence {
            field,
            start,
            end: start + word.len(),
        }
    }

    #[test]
    fn marked_pieces_give_the_text_back() {
        let text = "Café Nord will cut 40 jobs. Nothing else.";
        let evidence = [
            ev(Field::Event, text, "cut 40 jobs"),
            ev(Field::Headcount, text, "40"),
            ev(Field::Company, text, "Café Nord"),
            Evidence {
                field: Field::Percent,
                start: 1,
                end: 4, // inside "é": not a char boundary
            },
        ];
        let parts = marked_text(text, &evidence);
        assert_eq!(
            parts.iter().map(|p| p.text.as_str()).collect::<String>(),
            text
        );
        let forty = parts.iter().find(|p| p.text == "40").unwrap();
        assert_eq!(forty.fields, [Field::Event, Field::Headcount]);
        assert!(parts.iter().all(|p| !p.fields.contains(&Field::Percent)));
    }

    #[test]
    fn passages_are_the_sentences_with_evidence() {
        let text = "Markets rose. Acme will cut 40 jobs. Rain fell.";
        let mut e = Event::new("Acme");
        e.evidence = vec![ev(Field::Event, text, "cut 40 jobs")];
        let p = evidence_passages(text, &e);
        assert_eq!(p.len(), 1);
        let sentence: String = p[0].parts.iter().map(|x| x.text.as_str()).collect();
        assert_eq!(sentence.trim(), "Acme will cut 40 jobs.");
    }
}
