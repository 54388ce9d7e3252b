//! `layoffwatch extract`: JSON Lines documents in, one events line out per
//! input line, in order.

use crate::batch::{extract_batch, next_batch, RawLine, BATCH_BYTES, BATCH_LINES};
use anyhow::{Context, Result};
use layoffwatch_extract::Extractor;
use layoffwatch_ingest::{
    read_file, BoundedLines, Compression, InputKind, InputRecord, DEFAULT_MAX_LINE,
};
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Extract layoff events from JSON Lines documents (a stdin-to-stdout filter).
///
/// Each input line is a document: {"id": ..., "text" or "html": ..., "published": "YYYY-MM-DD", ...}.
/// Each output line is {"id": ..., "events": [...]} in input order; a line that
/// cannot be read gives {"id": ..., "events": [], "error": "..."} and the run
/// goes on. Exit status is 0 when every line was read, 1 when some failed.
/// Uses all cores; memory stays bounded whatever the input size.
///
/// Files may also be compressed JSON Lines (.jsonl.gz, .jsonl.zst), WARC
/// crawl files (.warc, .warc.gz: one output line per HTML response, its id
/// the page URL), RSS/Atom feeds (.rss, .atom, .xml: one line per item),
/// and .txt or .html articles.
///
/// With --with-documents each line also carries its document ("document":
/// id, text, title, url, published, source), and `layoffwatch ingest` stores
/// such lines as they are, without extracting again: extract where the
/// archive is (a Spark cluster), load into the shared database after.
///
/// Examples:
///   layoffwatch extract < articles.jsonl > events.jsonl
///   layoffwatch extract CC-NEWS-20240403.warc.gz > events.jsonl
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Files to read instead of stdin (JSON Lines, optionally .gz/.zst; WARC; feeds; text; HTML)
    pub files: Vec<PathBuf>,
    /// Worker threads [default: all cores]
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
    /// Add each document (its text, not its HTML) to its output line, for
    /// `layoffwatch ingest` to load
    #[arg(long)]
    pub with_documents: bool,
}

pub fn run(args: Args) -> Result<ExitCode> {
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .ok();
    }
    let extractor = Extractor::new();
    let stdout = io::stdout().lock();
    let mut out = BufWriter::with_capacity(1 << 20, stdout);
    let mut failed = 0usize;
    if args.files.is_empty() {
        failed += filter(
            &extractor,
            args.with_documents,
            io::stdin().lock(),
            &mut out,
        )?;
    } else {
        for path in &args.files {
            failed += match InputKind::of(path) {
                None | Some(InputKind::JsonLines) => {
                    let file = std::fs::File::open(path)
                        .with_context(|| format!("opening {}", path.display()))?;
                    let stream = Compression::of(path)
                        .reader(file)
                        .with_context(|| format!("opening {}", path.display()))?;
                    filter(
                        &extractor,
                        args.with_documents,
                        BufReader::with_capacity(1 << 20, stream),
                        &mut out,
                    )?
                }
                // A file that cannot be read is one error line; the run
                // goes on.
                Some(_) => match read_file(path) {
                    Ok(records) => {
                        filter_records(&extractor, args.with_documents, records, &mut out)?
                    }
                    Err(e) => {
                        let record = InputRecord {
                            origin: path.display().to_string(),
                            result: Err(e.to_string()),
                            events: None,
                        };
                        filter_records(
                            &extractor,
                            args.with_documents,
                            std::iter::once(record),
                            &mut out,
                        )?
                    }
                },
            };
        }
    }
    out.flush().context("writing output")?;
    if failed > 0 {
        eprintln!(
            "layoffwatch extract: {failed} line(s) could not be read; see their \"error\" fields"
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn filter<R: BufRead, W: Write>(
    extractor: &Extractor,
    with_documents: bool,
    input: R,
    out: &mut W,
) -> Result<usize> {
    let mut lines = BoundedLines::new(input, DEFAULT_MAX_LINE);
    let mut failed = 0;
    loop {
        let batch = next_batch(&mut lines);
        if batch.is_empty() {
            return Ok(failed);
        }
        failed += write_batch(extractor, with_documents, &batch, out)?;
    }
}

/// The documents of a file that is not JSON Lines (WARC, feed, text, HTML);
/// a record that could not be read is an error line named by its origin.
fn filter_records<W: Write>(
    extractor: &Extractor,
    with_documents: bool,
    records: impl Iterator<Item = InputRecord>,
    out: &mut W,
) -> Result<usize> {
    let mut failed = 0;
    let mut batch: Vec<RawLine> = Vec::new();
    let mut bytes = 0;
    for r in records {
        bytes += r
            .result
            .as_ref()
            .map_or(0, |d| d.text.as_ref().map_or(0, String::len));
        batch.push(RawLine::Record(r.result.map_err(|e| (r.origin, e))));
        // Bounded like the lines of JSON Lines input: by count and by bytes.
        if batch.len() >= BATCH_LINES || bytes >= BATCH_BYTES {
            failed += write_batch(extractor, with_documents, &batch, out)?;
            batch.clear();
            bytes = 0;
        }
    }
    failed += write_batch(extractor, with_documents, &batch, out)?;
    Ok(failed)
}

/// Extracts a batch and writes its lines; returns how many failed.
fn write_batch<W: Write>(
    extractor: &Extractor,
    with_documents: bool,
    batch: &[RawLine],
    out: &mut W,
) -> Result<usize> {
    let mut failed = 0;
    for result in extract_batch(extractor, batch, with_documents) {
        failed += usize::from(result.error.is_some());
        serde_json::to_writer(&mut *out, &result).context("writing output")?;
        out.write_all(b"\n").context("writing output")?;
    }
    Ok(failed)
}
