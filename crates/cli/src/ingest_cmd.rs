//! `layoffwatch ingest`: read articles, extract their events, store both.

use crate::settings::{runtime, DbArgs};
use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use layoffwatch_extract::Extractor;
use layoffwatch_ingest::{
    collect_inputs, content_hash, fill_text, read_file, IngestError, InputRecord,
};
use layoffwatch_model::{Document, Event};
use layoffwatch_store::{EventStore, InsertOutcome, NewDocument, NewEvent, SourceKind, Store};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// Read articles (files or folders of them), extract their layoff events and
/// store documents and events in the database.
///
/// Formats by extension: .jsonl/.ndjson (one document per line), .txt, .html,
/// .warc (the HTML responses of a crawl), .rss/.atom/.xml feeds (their
/// items); any of them compressed as .gz or .zst (.warc.gz, .jsonl.zst).
///
/// A document whose text is already stored is skipped, so ingesting the same
/// files again changes nothing, and a run that was interrupted can simply be
/// run again. Text files may start with header lines (Title:, Published:,
/// Source:, URL:) and a blank line. Bad records are reported and skipped.
/// Lines of `layoffwatch extract --with-documents` output are stored with
/// the events they carry, without extracting again.
///
/// Example: layoffwatch ingest examples/ && layoffwatch events
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Files or folders to read
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub db: DbArgs,
    /// Documents per database transaction
    #[arg(long, default_value_t = 256)]
    pub batch: usize,
}

/// What an ingest did, counted.
#[derive(Debug, Default)]
pub struct Summary {
    pub read: u64,
    pub new: u64,
    pub skipped: u64,
    pub failed: u64,
    /// Files not read: empty, not regular files, or links to folders
    /// already walked. They are no documents, so apart from `read`.
    pub files_skipped: u64,
    pub events: u64,
    pub merged: u64,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let inputs = collect_inputs(&args.paths)?;
    let files = inputs.files;
    let mut summary = Summary {
        files_skipped: inputs.skipped.len() as u64,
        ..Summary::default()
    };
    for why in &inputs.skipped {
        eprintln!("skipped {why}");
    }
    let rt = runtime()?;
    let store = rt.block_on(args.db.open())?;
    let extractor = Extractor::new();
    let bar = ProgressBar::with_draw_target(Some(files.len() as u64), ProgressDrawTarget::hidden());
    if std::io::stderr().is_terminal() {
        bar.set_draw_target(ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template(
                "{bar:30} {pos}/{len} files  {msg}  [{elapsed}, eta {eta}]",
            )
            .expect("valid template"),
        );
    }
    let mut pending: Vec<Pending> = Vec::new();
    for path in &files {
        let records = match read_file(path) {
            Ok(r) => r,
            Err(e) => {
                bar.suspend(|| eprintln!("skipped {e}"));
                // An empty file is no document; any other file that cannot
                // be read is one document that failed.
                if matches!(e, IngestError::Empty { .. }) {
                    summary.files_skipped += 1;
                } else {
                    summary.read += 1;
                    summary.failed += 1;
                }
                bar.inc(1);
                continue;
            }
        };
        for InputRecord {
            origin,
            result,
            events,
        } in records
        {
            summary.read += 1;
            match result.and_then(|d| fill_text(d).map_err(|e| e.to_string())) {
                Ok(doc) => pending.push((doc, events)),
                Err(e) => {
                    summary.failed += 1;
                    bar.suspend(|| eprintln!("skipped {origin}: {e}"));
                }
            }
            if pending.len() >= args.batch.max(1) {
                store_batch(&rt, &store, &extractor, &mut pending, &mut summary)?;
                bar.set_message(format!("{} new, {} events", summary.new, summary.events));
            }
        }
        bar.inc(1);
    }
    store_batch(&rt, &store, &extractor, &mut pending, &mut summary)?;
    bar.finish_and_clear();
    eprintln!("{}", summary.line());
    Ok(if summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

impl Summary {
    /// The closing line of a run; the parts of `read` add up to it.
    pub fn line(&self) -> String {
        let mut line = format!(
            "read {} documents: {} new, {} already stored, {} failed; {} events stored, {} of \
             them merged into events already known",
            self.read, self.new, self.skipped, self.failed, self.events, self.merged
        );
        if self.files_skipped > 0 {
            line.push_str(&format!(
                "; {} files not read (empty, not regular files, or links to folders already \
                 read)",
                self.files_skipped
            ));
        }
        line
    }
}

/// A document to store, with its events when they were extracted before.
pub type Pending = (Document, Option<Vec<Event>>);

/// Extracts the events of pending documents (on all cores; those that come
/// with events keep them) and stores both in one transaction; documents
/// already stored are counted as skipped.
pub fn store_batch(
    rt: &tokio::runtime::Runtime,
    store: &Store,
    extractor: &Extractor,
    pending: &mut Vec<Pending>,
    summary: &mut Summary,
) -> Result<()> {
    if pending.is_empty() {
        return Ok(());
    }
    // Extraction failures (bugs) leave that document out, reported.
    let prepared: Vec<Result<(String, Vec<NewEvent>), String>> = pending
        .par_iter()
        .map(|(d, given)| {
            let text = d.text.as_deref().unwrap_or_default();
            let events = match given {
                Some(events) => events.clone(),
                None => extractor
                    .extract_isolated(d)
                    .map_err(|e| format!("skipped {}: {e}", d.id))?,
            };
            Ok((
                content_hash(text),
                NewEvent::keyed(events, |c| extractor.employer_key(c)),
            ))
        })
        .collect();
    let mut batch: Vec<(NewDocument, Vec<NewEvent>)> = Vec::new();
    for ((d, _), prepared) in pending.iter().zip(&prepared) {
        match prepared {
            Ok((hash, events)) => batch.push((
                NewDocument {
                    document: d,
                    text: d.text.as_deref().unwrap_or_default(),
                    content_hash: hash,
                    kind: SourceKind::News,
                    origin: None,
                },
                events.clone(),
            )),
            Err(e) => {
                summary.failed += 1;
                eprintln!("{e}");
            }
        }
    }
    let outcomes = rt
        .block_on(store.insert_documents(&batch))
        .context("storing documents")?;
    for o in outcomes {
        match o {
            InsertOutcome::Stored { events, merged } => {
                summary.new += 1;
                summary.events += events as u64;
                summary.merged += merged as u64;
            }
            InsertOutcome::AlreadyStored => summary.skipped += 1,
        }
    }
    pending.clear();
    Ok(())
}
