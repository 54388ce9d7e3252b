//! Files and directories as streams of documents.

use crate::charset::{self, decode};
use crate::feeds::feed_items;
use crate::warc::WarcPages;
use crate::{html_to_document, BoundedLines, IngestError, Line, DEFAULT_MAX_LINE};
use flate2::read::MultiGzDecoder;
use layoffwatch_model::{Document, DocumentError, Event};
use std::collections::HashSet;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

/// The input formats recognised by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    JsonLines,
    Text,
    Html,
    /// WARC crawl files: their HTML responses are the documents.
    Warc,
    /// RSS or Atom feeds: their items are the documents.
    Feed,
}

/// How an input file is compressed, by its last extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

impl Compression {
    pub fn of(path: &Path) -> Compression {
        match extension(path).as_deref() {
            Some("gz" | "gzip") => Compression::Gzip,
            Some("zst" | "zstd") => Compression::Zstd,
            _ => Compression::None,
        }
    }

    /// The decompressed stream of a reader.
    pub fn reader<'a>(self, inner: impl Read + 'a) -> std::io::Result<Box<dyn Read + 'a>> {
        Ok(match self {
            Compression::None => Box::new(inner),
            Compression::Gzip => Box::new(MultiGzDecoder::new(BufReader::new(inner))),
            Compression::Zstd => Box::new(zstd::Decoder::new(inner)?),
        })
    }
}

fn extension(path: &Path) -> Option<String> {
    Some(path.extension()?.to_str()?.to_ascii_lowercase())
}

/// The extension under a compression extension (`jsonl` of `a.jsonl.gz`).
fn inner_extension(path: &Path) -> Option<String> {
    match Compression::of(path) {
        Compression::None => extension(path),
        _ => extension(&path.with_extension("")),
    }
}

impl InputKind {
    /// The kind of a file by its extension, under a compression extension
    /// (`.jsonl.gz`, `.warc.gz`, `.jsonl.zst`) if any.
    /// The part files a Hadoop or Spark job writes (`part-00000`, also
    /// `.gz`) are JSON Lines.
    pub fn of(path: &Path) -> Option<InputKind> {
        match inner_extension(path).as_deref() {
            Some("jsonl" | "ndjson") => Some(InputKind::JsonLines),
            Some("txt" | "text") => Some(InputKind::Text),
            Some("html" | "htm") => Some(InputKind::Html),
            Some("warc") => Some(InputKind::Warc),
            Some("rss" | "atom" | "xml") => Some(InputKind::Feed),
            _ if is_job_part(path) => Some(InputKind::JsonLines),
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
    /// Events extracted earlier, when the record is a line of `extract
    /// --with-documents` output.
    pub events: Option<Vec<Event>>,
}

/// The input files found under the paths given, and what was passed over.
#[derive(Debug, Default)]
pub struct Inputs {
    /// Regular files of a known kind, folders walked in sorted order.
    pub files: Vec<PathBuf>,
    /// Entries of a known kind that are not read, each with why: not a
    /// regular file (a named pipe, socket or device), a link to a folder
    /// already walked (a loop), or a broken link.
    pub skipped: Vec<String>,
}

/// Expands files and folders (recursively, sorted) into the input files of
/// a known kind. Only regular files are read; a link is followed once, and
/// a folder reached a second time (a link loop) is not walked again. Files
/// named explicitly must be of a known kind.
pub fn collect_inputs(paths: &[PathBuf]) -> Result<Inputs, IngestError> {
    let mut out = Inputs::default();
    let mut walked = HashSet::new();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|cause| IngestError::Io {
            path: p.clone(),
            cause,
        })?;
        if meta.is_dir() {
            walk(p, &mut walked, &mut out)?;
        } else if InputKind::of(p).is_none() {
            return Err(IngestError::Unsupported { path: p.clone() });
        } else if meta.is_file() {
            out.files.push(p.clone());
        } else {
            out.skipped.push(not_regular(p));
        }
    }
    Ok(out)
}

fn not_regular(path: &Path) -> String {
    format!(
        "{}: not a regular file (a pipe, socket or device); not read",
        path.display()
    )
}

/// `part-00000` (or `part-00000.gz`, `part-00000-<uuid>.zst`), as
/// Spark's `saveAsTextFile` names its output.
fn is_job_part(path: &Path) -> bool {
    let stem = match Compression::of(path) {
        Compression::None => path.to_path_buf(),
        _ => path.with_extension(""),
    };
    stem.file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_prefix("part-"))
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()) && !rest.contains('.'))
}

/// A `.xml` file is read as a feed when named, but not picked up from a
/// folder: folders hold XML of other kinds (sitemaps, configuration).
fn is_plain_xml(path: &Path) -> bool {
    inner_extension(path).as_deref() == Some("xml")
}

fn walk(dir: &Path, walked: &mut HashSet<PathBuf>, out: &mut Inputs) -> Result<(), IngestError> {
    let io = |cause| IngestError::Io {
        path: dir.to_path_buf(),
        cause,
    };
    if !walked.insert(dir.canonicalize().map_err(io)?) {
        out.skipped.push(format!(
            "{}: a link to a folder already read (a loop?); not read again",
            dir.display()
        ));
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(io)?;
    entries.sort();
    for path in entries {
        let known = InputKind::of(&path).is_some() && !is_plain_xml(&path);
        // `metadata` follows a link, so a linked file or folder is read.
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => walk(&path, walked, out)?,
            _ if !known => {}
            Ok(meta) if meta.is_file() => out.files.push(path),
            Ok(_) => out.skipped.push(not_regular(&path)),
            Err(e) => out
                .skipped
                .push(format!("{}: {e}; not read", path.display())),
        }
    }
    Ok(())
}

/// Reads one input file as a stream of records. JSON Lines and WARC files
/// are streamed record by record (through gzip or zstd when compressed); a
/// text or HTML file is one document whose id is its file stem; a feed gives
/// one document per item.
pub fn read_file(path: &Path) -> Result<Box<dyn Iterator<Item = InputRecord>>, IngestError> {
    let kind = InputKind::of(path).ok_or_else(|| IngestError::Unsupported {
        path: path.to_path_buf(),
    })?;
    let io = |cause| IngestError::Io {
        path: path.to_path_buf(),
        cause,
    };
    let shown = path.display().to_string();
    let file = File::open(path).map_err(io)?;
    let stream = Compression::of(path).reader(file).map_err(io)?;
    match kind {
        InputKind::JsonLines => {
            let lines =
                BoundedLines::new(BufReader::with_capacity(1 << 16, stream), DEFAULT_MAX_LINE);
            Ok(Box::new(lines.enumerate().filter_map(move |(n, line)| {
                let origin = format!("{shown}:{}", n + 1);
                let mut events = None;
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
                    Ok(Line::Complete(bytes)) => Document::with_events_from_json_line(&bytes)
                        .map(|(d, e)| {
                            events = e;
                            d
                        })
                        .map_err(|e| e.to_string()),
                };
                Some(InputRecord {
                    origin,
                    result,
                    events,
                })
            })))
        }
        InputKind::Warc => {
            let pages = WarcPages::new(BufReader::with_capacity(1 << 16, stream), DEFAULT_MAX_LINE);
            Ok(Box::new(pages.map(move |p| InputRecord {
                origin: format!("{shown}@{}", p.offset),
                result: p.result,
                events: None,
            })))
        }
        InputKind::Feed => {
            let items = feed_items(BufReader::new(stream.take(DEFAULT_MAX_LINE as u64 * 4)));
            Ok(Box::new(items.into_iter().map(move |item| InputRecord {
                origin: format!("{shown}#{}", item.position),
                result: item.result,
                events: None,
            })))
        }
        InputKind::Text | InputKind::Html => {
            let limit = DEFAULT_MAX_LINE;
            let too_large = |size: u64| IngestError::FileTooLarge {
                path: path.to_path_buf(),
                size,
                limit,
            };
            let on_disk = std::fs::metadata(path).map_err(io)?.len();
            if Compression::of(path) == Compression::None && on_disk > limit as u64 {
                return Err(too_large(on_disk));
            }
            let mut bytes = Vec::new();
            stream
                .take(limit as u64 + 1)
                .read_to_end(&mut bytes)
                .map_err(io)?;
            if bytes.len() > limit {
                return Err(too_large(bytes.len() as u64));
            }
            if bytes.iter().all(u8::is_ascii_whitespace) {
                return Err(IngestError::Empty {
                    path: path.to_path_buf(),
                });
            }
            let id = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("document")
                .to_string();
            let result = if kind == InputKind::Text {
                Ok(text_document(&id, &decode(&bytes, None).0))
            } else {
                let declared = charset::declared_in_html(&bytes);
                let content = decode(&bytes, declared.as_deref()).0;
                match html_to_document(&id, &content, None) {
                    Ok(d) if d.text.as_deref().is_some_and(|t| !t.trim().is_empty()) => Ok(d),
                    Ok(_) => Err(IngestError::EmptyHtml {
                        path: path.to_path_buf(),
                    }
                    .to_string()),
                    Err(e) => Err(format!("{shown}: {e}")),
                }
            };
            Ok(Box::new(std::iter::once(InputRecord {
                origin: shown,
                result,
                events: None,
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
    fn spark_part_files_are_json_lines() {
        for name in [
            "part-00000",
            "part-00003.gz",
            "part-00001-4f1c2a.zst",
            "a.jsonl",
        ] {
            assert_eq!(
                InputKind::of(Path::new(name)),
                Some(InputKind::JsonLines),
                "{name}"
            );
        }
        for name in [
            "_SUCCESS",
            ".part-00000.crc",
            "part-x",
            "partial",
            "part-00000.crc",
        ] {
            assert_eq!(InputKind::of(Path::new(name)), None, "{name}");
        }
    }

    #[test]
    fn extract_lines_with_documents_carry_their_events() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("part-00000");
        let event = r#"{"company":"Acme","units":[],"announced":"2024-04","headcount":null,"percent":null,"reasons":[],"reasons_denied":[],"ai_attributed":false,"functions":[],"roles":[],"locations":[],"severance":null,"hiring_elsewhere":false,"evidence":[]}"#;
        std::fs::write(
            &p,
            format!(
                "{{\"id\":\"1\",\"events\":[{event}],\"document\":{{\"id\":\"1\",\"text\":\"Acme cut jobs.\"}}}}\n\
                 {{\"id\":\"2\",\"text\":\"plain\"}}\n\
                 {{\"id\":\"3\",\"events\":[{{\"company\":1}}],\"document\":{{\"id\":\"3\",\"text\":\"x\"}}}}\n"
            ),
        )
        .unwrap();
        let records: Vec<InputRecord> = read_file(&p).unwrap().collect();
        let first = &records[0];
        assert_eq!(
            first.result.as_ref().unwrap().text.as_deref(),
            Some("Acme cut jobs.")
        );
        assert_eq!(first.events.as_ref().unwrap()[0].company, "Acme");
        assert!(records[1].events.is_none());
        assert_eq!(records[1].result.as_ref().unwrap().id, "2");
        let bad = records[2].result.as_ref().unwrap_err();
        assert!(bad.contains("events of an extract line"), "{bad}");
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
        let files = collect_inputs(&[dir.path().to_path_buf()]).unwrap().files;
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
