//! `layoffwatch import`: tracker exports and WARN registers, linked to news.

use crate::settings::{runtime, DbArgs};
use anyhow::{Context, Result};
use layoffwatch_extract::Extractor;
use layoffwatch_ingest::{import_csv, RegisterKind};
use layoffwatch_store::{EventStore, InsertOutcome, NewDocument, NewEvent, SourceKind};
use std::path::PathBuf;
use std::process::ExitCode;

/// Import a layoffs.fyi export or WARN notice registers and link each row to
/// the news events of the same cut (same employer, compatible dates and
/// sizes; WARN notices within 90 days).
///
/// Every row is kept with its file and line. A bad row is reported with its
/// line number and the rest is imported; importing a file again changes
/// nothing.
///
/// Examples:
///   layoffwatch import layoffs-fyi layoffs_fyi_2026-04.csv
///   layoffwatch import warn warn_register_wa.csv bln_raw_ca.csv
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// What the files are
    #[arg(value_enum)]
    kind: Kind,
    /// CSV files
    #[arg(required = true)]
    files: Vec<PathBuf>,
    #[command(flatten)]
    db: DbArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Kind {
    /// The layoffs.fyi tracker export
    LayoffsFyi,
    /// WARN notices: normalised state registers or the raw California file
    Warn,
}

/// Rows per database transaction.
const BATCH: usize = 2000;

pub fn run(a: Args) -> Result<ExitCode> {
    let rt = runtime()?;
    let store = rt.block_on(a.db.open())?;
    let extractor = Extractor::new();
    let place = |s: &str| extractor.place_code(s);
    let (expect, source_kind): (&[RegisterKind], SourceKind) = match a.kind {
        Kind::LayoffsFyi => (&[RegisterKind::LayoffsFyi], SourceKind::Tracker),
        Kind::Warn => (
            &[RegisterKind::WarnRegister, RegisterKind::WarnCalifornia],
            SourceKind::Warn,
        ),
    };
    let mut failed = false;
    for file in &a.files {
        let mut imported = match import_csv(file, expect, &place) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("skipped {e}");
                failed = true;
                continue;
            }
        };
        const SHOWN: usize = 20;
        for err in imported.errors.iter().take(SHOWN) {
            eprintln!("{}:{}: {}", file.display(), err.line, err.message);
        }
        if imported.errors.len() > SHOWN {
            eprintln!(
                "{}: ... and {} more bad rows",
                file.display(),
                imported.errors.len() - SHOWN
            );
        }
        failed |= !imported.errors.is_empty();
        // "Twitch" is a unit of Amazon: stored as such, it shows on Amazon's
        // pages and never merges with another of Amazon's units.
        for r in &mut imported.rows {
            extractor.to_top_level(&mut r.event);
        }
        let (mut new, mut old, mut linked) = (0u64, 0u64, 0u64);
        for chunk in imported.rows.chunks(BATCH) {
            let hashes: Vec<String> = chunk
                .iter()
                .map(|r| {
                    layoffwatch_ingest::content_hash(&format!(
                        "{source_kind}\n{}",
                        r.document.text.as_deref().unwrap_or_default()
                    ))
                })
                .collect();
            let batch: Vec<(NewDocument, Vec<NewEvent>)> = chunk
                .iter()
                .zip(&hashes)
                .map(|(r, h)| {
                    (
                        NewDocument {
                            document: &r.document,
                            text: r.document.text.as_deref().unwrap_or_default(),
                            content_hash: h,
                            kind: source_kind,
                            origin: Some(&r.origin),
                        },
                        vec![NewEvent {
                            employer_key: extractor.employer_key(&r.event.company),
                            event: r.event.clone(),
                        }],
                    )
                })
                .collect();
            let outcomes = rt
                .block_on(store.insert_documents(&batch))
                .with_context(|| format!("storing rows of {}", file.display()))?;
            for o in outcomes {
                match o {
                    InsertOutcome::Stored { merged, .. } => {
                        new += 1;
                        linked += merged as u64;
                    }
                    InsertOutcome::AlreadyStored => old += 1,
                }
            }
        }
        eprintln!(
            "{}: {} rows: {new} new, {old} already stored, {} bad; {linked} linked to known events",
            file.display(),
            imported.rows.len() + imported.errors.len(),
            imported.errors.len()
        );
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
