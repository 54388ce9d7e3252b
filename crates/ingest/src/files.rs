//! Files and directories as streams of documents.

use crate::{html_to_document, BoundedLines, IngestError, Line, DEFAULT_MAX_LINE};
use layoffwatch_model::{Document, DocumentError};
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

/// The input formats recognised by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    JsonLines,
    Text,
    Html,
}

impl InputKind {
    pub fn of(path: &Path) -> Option<InputKind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "jsonl" | "ndjson" => Some(InputKind::JsonLines),
            "txt" | "text" => Some(InputKind::Text),
            "html" | "htm" => Some(InputKind::Html),
            _ => None,
        }
    }
}

/// One document read from an input, or why it could not be read. `origin`
/// says where it came from (`path` or `path:line`) for error messages.
#[derive(Debug)]
pub struct InputRecord {
    pub origin: String,
    pub result: Result<Document, String>,
}

/// Expands files and directories (recursively, sorted) into the input files
/// of a known kind. Files named explicitly must be of a known kind.
pub fn collect_inputs(paths: &[PathBuf]) -> Result<Vec<PathBuf>, IngestError> {
    let mut out = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|source| IngestError::Io {
            path: p.clone(),
            source,
        })?;
        if meta.is_dir() {
            walk(p, &mut out)?;
        } else if InputKind::of(p).is_some() {
            out.push(p.clone());
        } else {
            return Err(IngestError::Unsupported { path: p.clone() });
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), IngestError> {
    let io = |source| IngestError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(io)?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, out)?;
        } else if InputKind::of(&path).is_some() {
            out.push(path);
        }
    }
    Ok(())
}

/// Reads one input file as a stream of records. JSON Lines are streamed
/// line by line; a text or HTML file is one document whose id is its file
/// stem.
pub fn read_file(path: &Path) -> Result<Box<dyn Iterator<Item = InputRecord>>, IngestError> {
    let kind = InputKind::of(path).ok_or_else(|| IngestError::Unsupported {
        path: path.to_path_buf(),
    })?;
    let io = |source| IngestError::Io {
        path: path.to_path_buf(),
        source,
    };
    let shown = path.display().to_string();
    match kind {
        InputKind::JsonLines => {
            let file = File::open(path).map_err(io)?;
            let lines =
                BoundedLines::new(BufReader::with_capacity(1 << 16, file), DEFAULT_MAX_LINE);
            Ok(Box::new(lines.enumerate().filter_map(move |(n, line)| {
                let origin = format!("{shown}:{}", n + 1);
                let result = match line {
                    Err(e) => Err(format!("read error: {e}")),
                    Ok(Line::TooLong { size, .. }) => Err(DocumentError::TooLarge {
                        size,
                        limit: DEFAULT_MAX_LINE,
                    }
                    .to_string()),
                    Ok(Line::Complete(bytes)) if bytes.iter().all(u8::is_ascii_whitespace) => {
                        return None
                    }
                    Ok(Line::Complete(bytes)) => {
                        Document::from_json_line(&bytes).map_err(|e| e.to_string())
                    }
                };
                Some(InputRecord { origin, result })
            })))
        }
        InputKind::Text | InputKind::Html => {
            let bytes = std::fs::read(path).map_err(io)?;
            let id = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("document")
                .to_string();
            let result = match String::from_utf8(bytes) {
                Err(e) => Err(IngestError::NotUtf8 {
                    path: path.to_path_buf(),
                    offset: e.utf8_error().valid_up_to(),
                }
                .to_string()),
                Ok(content) if kind == InputKind::Text => Ok(text_document(&id, &content)),
                Ok(content) => match html_to_document(&id, &content, None) {
                    Ok(d) if d.text.as_deref().is_some_and(|t| !t.trim().is_empty()) => Ok(d),
                    Ok(_) => Err(IngestError::EmptyHtml {
                        path: path.to_path_buf(),
                    }
                    .to_string()),
                    Err(e) => Err(format!("{shown}: {e}")),
                },
            };
            Ok(Box::new(std::iter::once(InputRecord {
                origin: shown,
                result,
            })))
        }
    }
}

/// A text file may open with header lines (`Title:`, `Published:`,
/// `Source:`, `URL:`) and a blank line; the rest is the article text.
fn text_document(id: &str, content: &str) -> Document {
    let mut doc = Document {
        id: id.to_string(),
        text: None,
        html: None,
        published: None,
        url: None,
        title: None,
        source: None,
    };
    let mut body = content;
    let mut rest = content;
    let mut headers = 0;
    while let Some((line, after)) = rest.split_once('\n') {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if headers > 0 {
                body = after;
            }
            break;
        }
        let Some((key, value)) = line.split_once(':') else {
            break;
        };
        let value = Some(value.trim().to_string());
        match key.trim().to_ascii_lowercase().as_str() {
            "title" => doc.title = value,
            "published" | "date" => doc.published = value,
            "source" => doc.source = value,
            "url" => doc.url = value,
            _ => break,
        }
        headers += 1;
        rest = after;
    }
    doc.text = Some(body.to_string());
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_headers_become_metadata() {
        let d = text_document(
            "x",
            "Title: Acme cuts\nPublished: 2024-04-03\n\nAcme cut 5 jobs.\n",
        );
        assert_eq!(d.title.as_deref(), Some("Acme cuts"));
        assert_eq!(d.published.as_deref(), Some("2024-04-03"));
        assert_eq!(d.text.as_deref(), Some("Acme cut 5 jobs.\n"));
    }

    #[test]
    fn text_without_headers_is_all_body() {
        let d = text_document("x", "Note: this is prose.\nMore prose.");
        assert_eq!(d.text.as_deref(), Some("Note: this is prose.\nMore prose."));
        assert!(d.title.is_none());
    }

    #[test]
    fn jsonl_records_carry_line_numbers_and_errors() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.jsonl");
        std::fs::write(
            &p,
            "{\"id\":\"1\",\"text\":\"a\"}\n\nnot json\n{\"id\":\"2\",\"text\":\"b\"}\n",
        )
        .unwrap();
        let recs: Vec<_> = read_file(&p).unwrap().collect();
        assert_eq!(recs.len(), 3);
        assert!(recs[0].result.is_ok());
        assert!(recs[1].origin.ends_with(":3"), "{}", recs[1].origin);
        assert!(recs[1].result.as_ref().unwrap_err().contains("JSON"));
        assert!(recs[2].result.is_ok());
    }

    #[test]
    fn directories_are_walked_in_order_and_unknown_files_skipped() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        for f in ["b.txt", "a.html", "sub/c.jsonl", "notes.md"] {
            std::fs::write(dir.path().join(f), "x").unwrap();
        }
        let files = collect_inputs(&[dir.path().to_path_buf()]).unwrap();
        let names: Vec<_> = files
            .iter()
            .map(|p| {
                p.strip_prefix(dir.path())
                    .unwrap()
                    .to_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        assert_eq!(names, ["a.html", "b.txt", "sub/c.jsonl"]);
        let err = collect_inputs(&[dir.path().join("notes.md")]).unwrap_err();
        assert!(err.to_string().contains("unsupported"));
    }
}
