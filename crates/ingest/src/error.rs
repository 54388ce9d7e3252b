use std::path::PathBuf;

/// What went wrong reading one input.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IngestError {
    #[error("reading {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: unsupported file type (expected .jsonl, .txt, .html, .warc, or a feed .rss/.atom/.xml; any of them may be compressed as .gz or .zst)")]
    Unsupported { path: PathBuf },
    #[error("{path}: not UTF-8 text (first bad byte at offset {offset})")]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{path}: no readable article text in the HTML")]
    EmptyHtml { path: PathBuf },
    #[error("{path}: {message}")]
    BadFile { path: String, message: String },
    #[error("HTML could not be parsed: {reason}")]
    Html { reason: String },
}
