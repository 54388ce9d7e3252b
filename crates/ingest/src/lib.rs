//! Readers that turn article inputs into [`Document`]s: JSON Lines with a
//! bounded line length, plain text files, HTML pages (main text through a
//! readability-style extractor), WARC crawl files, RSS and Atom feeds, any
//! of them gzip- or zstd-compressed, and the content hash that makes ingest
//! idempotent. Readers never extract events.
#![forbid(unsafe_code)]

mod charset;
mod error;
mod feeds;
mod files;
mod hash;
mod html;
mod import;
mod lines;
mod warc;

pub use charset::decode;
pub use error::IngestError;
pub use feeds::{feed_items, FeedItem};
pub use files::{collect_inputs, read_file, Compression, InputKind, InputRecord, Inputs};
pub use hash::content_hash;
pub use html::{fill_text, html_to_document};
pub use import::{
    import_bytes, import_csv, ImportFile, ImportedRow, PlaceLookup, RegisterKind, RowError,
};
pub use lines::{BoundedLines, Line, DEFAULT_MAX_LINE};
pub use warc::{WarcItem, WarcPages};
