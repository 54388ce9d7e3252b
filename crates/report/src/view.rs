use layoffwatch_model::{Event, Evidence};
use layoffwatch_store::{CanonicalEvent, DocumentRef};
use serde::Serialize;

/// A canonical event as printed and served: the EVENT fields plus `id`,
/// `conflict`, `sources` and `mentions` (each mention is the event at index
/// `event` of document `doc`).
#[derive(Debug, Serialize)]
pub struct EventView<'a> {
    pub id: i64,
    #[serde(flatten)]
    pub event: &'a Event,
    pub conflict: bool,
    /// The employer ties the cut to AI in one source and denies it in
    /// another (present only then).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub ai_conflict: bool,
    pub sources: Vec<SourceView<'a>>,
    pub mentions: Vec<MentionView<'a>>,
}

/// One source of an event with the evidence it gave.
#[derive(Debug, Serialize)]
pub struct SourceView<'a> {
    pub doc: &'a str,
    /// The stored document's row id (`/api/documents/{document}`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<i64>,
    pub kind: &'a str,
    pub url: Option<&'a str>,
    pub outlet: Option<&'a str>,
    pub title: Option<&'a str>,
    pub published: Option<&'a str>,
    pub evidence: &'a [Evidence],
}

impl<'a> SourceView<'a> {
    fn new(d: &'a DocumentRef, evidence: &'a [Evidence], with_row: bool) -> Self {
        SourceView {
            doc: &d.doc_id,
            document: with_row.then_some(d.id),
            kind: d.kind.as_str(),
            url: d.url.as_deref(),
            outlet: d.source.as_deref(),
            title: d.title.as_deref(),
            published: d.published.as_deref(),
            evidence,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct MentionView<'a> {
    pub doc: &'a str,
    pub event: i64,
}

/// The view of an event. `with_rows` adds each source's document row id,
/// which the API gives so that a client can fetch the article.
pub fn event_view(e: &CanonicalEvent, with_rows: bool) -> EventView<'_> {
    let mut sources: Vec<SourceView> = Vec::new();
    for m in &e.mentions {
        let d = &m.document;
        if sources.iter().any(|s| s.doc == d.doc_id) {
            continue;
        }
        sources.push(SourceView::new(d, &m.event.evidence, with_rows));
    }
    for d in &e.copies {
        if sources.iter().any(|s| s.doc == d.doc_id) {
            continue;
        }
        let evidence = e
            .mentions
            .iter()
            .find(|m| m.document.id == d.id)
            .map_or(&[][..], |m| &m.event.evidence[..]);
        sources.push(SourceView::new(d, evidence, with_rows));
    }
    EventView {
        id: e.id,
        event: &e.event,
        conflict: e.conflict,
        ai_conflict: e.ai_conflict,
        sources,
        mentions: e
            .mentions
            .iter()
            .map(|m| MentionView {
                doc: &m.document.doc_id,
                event: m.ordinal,
            })
            .collect(),
    }
}
