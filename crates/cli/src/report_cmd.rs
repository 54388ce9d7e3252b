//! `layoffwatch stats` and `layoffwatch coverage`: the big picture.

use crate::output::Format;
use crate::query_cmd::pick_format;
use crate::settings::{runtime, DbArgs};
use anyhow::{Context, Result};
use layoffwatch_report::{breakdown, coverage_rows, By, CoverageRow, StatRow};
use layoffwatch_store::{EventFilter, EventStore, SourceKind};
use serde::Serialize;
use std::io::Write;
use std::process::ExitCode;

/// Jobs cut per month (sums of the size ranges' minimums and maximums), the
/// share attributed to AI, and cuts by reason, function and country, in the
/// manner of Challenger's monthly report. Each real cut counts once, however
/// many sources report it.
///
/// The AI share comes three ways, as shares of the jobs cut: AI_SHARE
/// counts a cut tied to AI by anyone; AI_EMPLOYER_SHARE only cuts the
/// employer itself ties to AI (comparable with Challenger, who count only
/// the reasons employers cite); AI_REPORTED_SHARE cuts that only the
/// reporting ties to AI. --by challenger groups by Challenger's reason
/// categories (see the README), counting AI only when the employer cites it.
///
/// Examples:
///   layoffwatch stats                      # by month
///   layoffwatch stats --by reason --format csv > reasons.csv
///   layoffwatch stats --by challenger      # Challenger's categories
///   layoffwatch stats --source news --since 2024
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct StatsArgs {
    /// What to group by
    #[arg(long, value_enum, default_value = "month")]
    by: ByArg,
    #[command(flatten)]
    facts: FactsArgs,
    #[command(flatten)]
    db: DbArgs,
}

/// Which events a report covers, and how it is printed.
#[derive(Debug, clap::Args)]
pub struct FactsArgs {
    /// Only events reported by this kind of source (news, tracker, warn)
    #[arg(long, value_parser = parse_kind)]
    source: Option<SourceKind>,
    /// Announced on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long)]
    since: Option<String>,
    /// Output format [default: table on a terminal, jsonl otherwise]
    #[arg(long, value_enum)]
    format: Option<Format>,
}

impl FactsArgs {
    pub fn filter(&self) -> EventFilter {
        EventFilter {
            kind: self.source,
            since: self.since.clone(),
            ..Default::default()
        }
    }

    pub fn format(&self) -> Format {
        pick_format(self.format)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ByArg {
    Month,
    Reason,
    Function,
    Country,
    /// Challenger, Gray & Christmas's reason categories; AI only when the
    /// employer cites it
    Challenger,
}

impl From<ByArg> for By {
    fn from(b: ByArg) -> By {
        match b {
            ByArg::Month => By::Month,
            ByArg::Reason => By::Reason,
            ByArg::Function => By::Function,
            ByArg::Country => By::Country,
            ByArg::Challenger => By::Challenger,
        }
    }
}

fn parse_kind(s: &str) -> Result<SourceKind, String> {
    SourceKind::parse(s)
        .ok_or_else(|| format!("{s:?} is not a source kind; use news, tracker or warn"))
}

pub fn stats(a: StatsArgs) -> Result<ExitCode> {
    let rt = runtime()?;
    let store = rt.block_on(a.db.open_existing())?;
    let events = rt
        .block_on(store.event_facts(&a.facts.filter()))
        .context("querying events")?;
    let rows = breakdown(&events, a.by.into());
    let header = [
        "GROUP",
        "EVENTS",
        "JOBS_MIN",
        "JOBS_MAX",
        "AI_EVENTS",
        "AI_JOBS_MIN",
        "AI_SHARE",
        "AI_EMPLOYER_EVENTS",
        "AI_EMPLOYER_SHARE",
        "AI_REPORTED_EVENTS",
        "AI_REPORTED_SHARE",
    ];
    let cells = |r: &StatRow| {
        vec![
            r.group.clone(),
            r.events.to_string(),
            r.jobs_min.to_string(),
            r.jobs_max.to_string(),
            r.ai_events.to_string(),
            r.ai_jobs_min.to_string(),
            format!("{:.3}", r.ai_share),
            r.ai_employer_events.to_string(),
            format!("{:.3}", r.ai_employer_share),
            r.ai_reported_events.to_string(),
            format!("{:.3}", r.ai_reported_share),
        ]
    };
    write_rows(&rows, &header, cells, a.facts.format())?;
    Ok(ExitCode::SUCCESS)
}

/// How well the tracker and the news cover each other.
///
/// For each month: tracker rows, how many of them have news evidence, news
/// events, and how many of those the tracker lacks.
///
/// Example: layoffwatch coverage --format csv
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct CoverageArgs {
    /// Output format [default: table on a terminal, jsonl otherwise]
    #[arg(long, value_enum)]
    format: Option<Format>,
    #[command(flatten)]
    db: DbArgs,
}

pub fn coverage(a: CoverageArgs) -> Result<ExitCode> {
    let rt = runtime()?;
    let store = rt.block_on(a.db.open_existing())?;
    let events = rt
        .block_on(store.events(&EventFilter::default()))
        .context("querying events")?;
    let rows = coverage_rows(&events);
    let header = [
        "MONTH",
        "TRACKER_ROWS",
        "TRACKER_WITH_NEWS",
        "NEWS_EVENTS",
        "NEWS_NOT_IN_TRACKER",
        "WARN_LINKED_TO_NEWS",
    ];
    let cells = |r: &CoverageRow| {
        vec![
            r.month.clone(),
            r.tracker_rows.to_string(),
            r.tracker_with_news.to_string(),
            r.news_events.to_string(),
            r.news_not_in_tracker.to_string(),
            r.warn_linked_to_news.to_string(),
        ]
    };
    write_rows(&rows, &header, cells, pick_format(a.format))?;
    Ok(ExitCode::SUCCESS)
}

/// Rows as an aligned table, JSON, JSON Lines or CSV.
pub(crate) fn write_rows<T: Serialize>(
    rows: &[T],
    header: &[&str],
    cells: impl Fn(&T) -> Vec<String>,
    format: Format,
) -> Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, rows)?;
            writeln!(out)?;
        }
        Format::Jsonl => {
            for r in rows {
                serde_json::to_writer(&mut out, r)?;
                writeln!(out)?;
            }
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record(header.iter().map(|h| h.to_ascii_lowercase()))?;
            for r in rows {
                w.write_record(cells(r))?;
            }
            w.flush()?;
        }
        Format::Table => {
            let body: Vec<Vec<String>> = rows.iter().map(&cells).collect();
            let mut widths: Vec<usize> = header.iter().map(|h| h.len()).collect();
            for r in &body {
                for (w, c) in widths.iter_mut().zip(r) {
                    *w = (*w).max(c.chars().count());
                }
            }
            let line = |cs: Vec<String>| {
                cs.iter()
                    .zip(&widths)
                    .map(|(c, w)| format!("{c:<w$}", w = *w))
                    .collect::<Vec<_>>()
                    .join("  ")
            };
            writeln!(
                out,
                "{}",
                line(header.iter().map(|h| h.to_string()).collect()).trim_end()
            )?;
            for r in body {
                writeln!(out, "{}", line(r).trim_end())?;
            }
        }
    }
    out.flush()?;
    Ok(())
}
