//! Parallel extraction over a stream, in input order, with bounded memory:
//! lines are gathered into batches of bounded size, each batch is extracted
//! on all cores, and results are written before the next batch is read.

use layoffwatch_ingest::{BoundedLines, Line, DEFAULT_MAX_LINE};
use layoffwatch_model::{Document, DocumentError, ExtractOutput};
use rayon::prelude::*;
use std::io::BufRead;

/// Lines per batch and bytes per batch, whichever is reached first.
pub const BATCH_LINES: usize = 2048;
pub const BATCH_BYTES: usize = 64 << 20;

/// One read line, before parsing.
pub enum RawLine {
    Bytes(Vec<u8>),
    TooLong {
        prefix: Vec<u8>,
        size: usize,
    },
    ReadError(String),
    /// A document an input reader already made (a WARC page, a feed item),
    /// or the id and reason it could not be read.
    Record(Result<Document, (String, String)>),
}

/// Reads the next batch of non-blank lines.
pub fn next_batch<R: BufRead>(lines: &mut BoundedLines<R>) -> Vec<RawLine> {
    let mut out = Vec::new();
    let mut bytes = 0;
    while out.len() < BATCH_LINES && bytes < BATCH_BYTES {
        match lines.next() {
            None => break,
            Some(Ok(Line::Complete(b))) => {
                if b.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                bytes += b.len();
                out.push(RawLine::Bytes(b));
            }
            Some(Ok(Line::TooLong { prefix, size })) => out.push(RawLine::TooLong { prefix, size }),
            Some(Err(e)) => {
                out.push(RawLine::ReadError(e.to_string()));
                break;
            }
        }
    }
    out
}

/// Parses a line into a document, turning HTML into text.
pub fn parse_line(raw: &RawLine) -> Result<Document, (String, String)> {
    match raw {
        RawLine::ReadError(e) => Err((String::new(), format!("read error: {e}"))),
        RawLine::Record(r) => r.clone(),
        RawLine::TooLong { prefix, size } => Err((
            id_from_prefix(prefix),
            DocumentError::TooLarge {
                size: *size,
                limit: DEFAULT_MAX_LINE,
            }
            .to_string(),
        )),
        RawLine::Bytes(b) => {
            let doc =
                Document::from_json_line(b).map_err(|e| (id_from_prefix(b), e.to_string()))?;
            let id = doc.id.clone();
            layoffwatch_ingest::fill_text(doc).map_err(|e| (id, e.to_string()))
        }
    }
}

/// The id of a line that could not be parsed, when its start shows one.
fn id_from_prefix(prefix: &[u8]) -> String {
    let head = String::from_utf8_lossy(&prefix[..prefix.len().min(4096)]);
    let Some(pos) = head.find("\"id\"") else {
        return String::new();
    };
    let rest = head[pos + 4..]
        .trim_start()
        .strip_prefix(':')
        .unwrap_or("")
        .trim_start();
    if let Some(s) = rest.strip_prefix('"') {
        s.split('"').next().unwrap_or("").to_string()
    } else {
        rest.chars().take_while(char::is_ascii_digit).collect()
    }
}

/// Extracts a batch on all cores, keeping input order; with
/// `with_documents`, each line that was read also carries its document.
pub fn extract_batch(
    extractor: &layoffwatch_extract::Extractor,
    batch: &[RawLine],
    with_documents: bool,
) -> Vec<ExtractOutput> {
    batch
        .par_iter()
        .map(|raw| match parse_line(raw) {
            Ok(mut doc) => match extractor.extract_isolated(&doc) {
                Ok(events) => ExtractOutput {
                    events,
                    id: doc.id.clone(),
                    error: None,
                    document: with_documents.then(|| {
                        doc.html = None;
                        doc
                    }),
                },
                Err(e) => ExtractOutput::failed(doc.id, e),
            },
            Err((id, e)) => ExtractOutput::failed(id, e),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_is_recovered_from_a_broken_line() {
        assert_eq!(
            id_from_prefix(br#"{"id": "doc-7", "text": "unterminated"#),
            "doc-7"
        );
        assert_eq!(id_from_prefix(br#"{"id":42,"text"#), "42");
        assert_eq!(id_from_prefix(b"garbage"), "");
    }
}
