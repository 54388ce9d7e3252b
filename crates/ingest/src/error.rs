use std::path::PathBuf;

/// What went wrong reading one input.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IngestError {
    /// The cause is part of the message and deliberately not a `source`,
    /// so an error chain does not print it twice.
    #[error("reading {path}: {cause}")]
    Io {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error("{path}: unsupported file type (expected .jsonl, .txt, .html, .warc, or a feed .rss/.atom/.xml; any of them may be compressed as .gz or .zst)")]
    Unsupported { path: PathBuf },
    #[error("{path}: the file is {size} bytes, over the limit of {limit} bytes per document; split it, or pass its text as JSON Lines")]
    FileTooLarge {
        path: PathBuf,
        size: u64,
        limit: usize,
    },
    #[error("{path}: the file is empty")]
    Empty { path: PathBuf },
    #[error("{path}: no readable article text in the HTML")]
    EmptyHtml { path: PathBuf },
    #[error("{path}: {message}")]
    BadFile { path: String, message: String },
    #[error("HTML could not be parsed: {reason}")]
    Html { reason: String },
}
