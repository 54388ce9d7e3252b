//! The input document of the batch interface and the output line per document.

use crate::event::Event;
use serde::{Deserialize, Serialize};

/// One article as the batch interface reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub id: String,
    /// Plain text; when only `html` is given, readers fill this from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub html: Option<String>,
    /// ISO date or date-time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// Why one input line could not be read as a document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DocumentError {
    #[error("line is not UTF-8 (first bad byte at offset {offset})")]
    NotUtf8 { offset: usize },
    #[error("line is {size} bytes, over the {limit}-byte limit per document")]
    TooLarge { size: usize, limit: usize },
    #[error("line is not valid JSON: {reason}")]
    InvalidJson { reason: String },
    #[error("line is a JSON {found}, not an object")]
    NotAnObject { found: &'static str },
    #[error("document has no \"id\" (a string or number)")]
    MissingId,
    #[error("document {id:?} has neither \"text\" nor \"html\" as a string")]
    MissingText { id: String },
    #[error("field {field:?} must be a string")]
    WrongType { field: &'static str },
    #[error("the \"id\" is {size} bytes, over the {limit}-byte limit")]
    IdTooLong { size: usize, limit: usize },
}

/// The longest document id accepted, in bytes.
pub const MAX_ID_BYTES: usize = 512;

impl Document {
    /// Reads one JSON Lines record. Unknown keys are ignored; a numeric `id`
    /// is accepted and written as its decimal form.
    pub fn from_json_line(line: &[u8]) -> Result<Document, DocumentError> {
        Document::from_value(json_value(line)?)
    }

    /// Reads a line that is either a document or a line of `extract
    /// --with-documents` output (`{"id", "events", "document"}`): the
    /// document, with its events when the line carries them.
    pub fn with_events_from_json_line(
        line: &[u8],
    ) -> Result<(Document, Option<Vec<Event>>), DocumentError> {
        let mut value = json_value(line)?;
        let extracted = value.as_object_mut().and_then(|map| {
            let document = map.get("document").filter(|d| d.is_object())?.clone();
            Some((document, map.remove("events")?))
        });
        match extracted {
            None => Ok((Document::from_value(value)?, None)),
            Some((document, events)) => {
                let events =
                    serde_json::from_value(events).map_err(|e| DocumentError::InvalidJson {
                        reason: format!("events of an extract line: {e}"),
                    })?;
                Ok((Document::from_value(document)?, Some(events)))
            }
        }
    }

    /// Builds a document from an already parsed JSON value.
    pub fn from_value(value: serde_json::Value) -> Result<Document, DocumentError> {
        let serde_json::Value::Object(mut map) = value else {
            return Err(DocumentError::NotAnObject {
                found: json_kind(&value),
            });
        };
        let id = match map.remove("id") {
            Some(serde_json::Value::String(s)) if !s.is_empty() => s,
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => return Err(DocumentError::MissingId),
        };
        if id.len() > MAX_ID_BYTES {
            return Err(DocumentError::IdTooLong {
                size: id.len(),
                limit: MAX_ID_BYTES,
            });
        }
        let mut take = |field: &'static str| -> Result<Option<String>, DocumentError> {
            match map.remove(field) {
                None | Some(serde_json::Value::Null) => Ok(None),
                Some(serde_json::Value::String(s)) => Ok(Some(s)),
                Some(_) => Err(DocumentError::WrongType { field }),
            }
        };
        let doc = Document {
            text: take("text")?,
            html: take("html")?,
            published: take("published")?,
            url: take("url")?,
            title: take("title")?,
            source: take("source")?,
            id,
        };
        if doc.text.is_none() && doc.html.is_none() {
            return Err(DocumentError::MissingText { id: doc.id });
        }
        Ok(doc)
    }

    /// Whether `published` is absent or an ISO date or date-time of a real
    /// calendar day ("2024-05-01", "2024-05-01T09:30:00Z"), not "yesterday"
    /// or "2024-13-45".
    pub fn published_is_valid(&self) -> bool {
        let Some(p) = self.published.as_deref() else {
            return true;
        };
        let date = p.get(..10).unwrap_or(p);
        let rest = p.get(10..).unwrap_or("");
        crate::is_date_prefix(date)
            && date.len() == 10
            && (rest.is_empty() || rest.starts_with(['T', ' ']))
    }

    /// The `published` date as `YYYY-MM-DD`, when it starts with one.
    pub fn published_date(&self) -> Option<&str> {
        let p = self.published.as_deref()?;
        let d = p.get(..10)?;
        let b = d.as_bytes();
        let ok = b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        });
        ok.then_some(d)
    }
}

fn json_value(line: &[u8]) -> Result<serde_json::Value, DocumentError> {
    let text = std::str::from_utf8(line).map_err(|e| DocumentError::NotUtf8 {
        offset: e.valid_up_to(),
    })?;
    serde_json::from_str(text).map_err(|e| DocumentError::InvalidJson {
        reason: e.to_string(),
    })
}

fn json_kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "boolean",
        serde_json::Value::Number(_) => "number",
        serde_json::Value::String(_) => "string",
        serde_json::Value::Array(_) => "array",
        serde_json::Value::Object(_) => "object",
    }
}

/// One output line: the events of one document, or why it could not be read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtractOutput {
    pub id: String,
    pub events: Vec<Event>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The document itself (its text, without HTML), when asked for with
    /// `extract --with-documents`, so that `ingest` can store document and
    /// events without extracting again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<Document>,
}

impl ExtractOutput {
    pub fn failed(id: impl Into<String>, error: impl ToString) -> Self {
        ExtractOutput {
            id: id.into(),
            events: Vec::new(),
            error: Some(error.to_string()),
            document: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_document_and_ignores_unknown_keys() {
        let d = Document::from_json_line(
            br#"{"id":"a","text":"t","published":"2024-04-03T10:00:00Z","extra":[1]}"#,
        )
        .unwrap();
        assert_eq!(d.id, "a");
        assert_eq!(d.published_date(), Some("2024-04-03"));
    }

    #[test]
    fn numeric_id_is_accepted() {
        let d = Document::from_json_line(br#"{"id":17,"html":"<p>x</p>"}"#).unwrap();
        assert_eq!(d.id, "17");
    }

    #[test]
    fn bad_lines_say_what_is_wrong() {
        let cases: &[(&[u8], &str)] = &[
            (b"{\"id\":\"a\",\"text\":\"\xff\"}", "UTF-8"),
            (b"{not json", "not valid JSON"),
            (b"[1,2]", "array"),
            (br#"{"text":"x"}"#, "no \"id\""),
            (br#"{"id":"a"}"#, "neither"),
            (br#"{"id":"a","text":3}"#, "\"text\""),
        ];
        for (line, want) in cases {
            let err = Document::from_json_line(line).unwrap_err().to_string();
            assert!(err.contains(want), "{err} should mention {want}");
        }
    }

    #[test]
    fn published_date_rejects_non_dates() {
        let mut d = Document::from_json_line(br#"{"id":"a","text":"x"}"#).unwrap();
        assert_eq!(d.published_date(), None);
        d.published = Some("yesterday".into());
        assert_eq!(d.published_date(), None);
    }
}
