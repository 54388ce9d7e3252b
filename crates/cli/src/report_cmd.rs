//! `layoffwatch stats` and `layoffwatch coverage`: the big picture.

use crate::output::Format;
use crate::query_cmd::pick_format;
use crate::settings::{runtime, DbArgs};
use anyhow::{Context, Result};
use layoffwatch_merge::month_of;
use layoffwatch_store::{CanonicalEvent, EventFilter, EventStore, SourceKind};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;

/// Jobs cut per month (sums of the size ranges' minimums and maximums), the
/// share attributed to AI, and cuts by reason, function and country, in the
/// manner of Challenger's monthly report. Each real cut counts once, however
/// many sources report it.
///
/// Examples:
///   layoffwatch stats                      # by month
///   layoffwatch stats --by reason --format csv > reasons.csv
///   layoffwatch stats --source news --since 2024
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct StatsArgs {
    /// What to group by
    #[arg(long, value_enum, default_value = "month")]
    by: By,
    /// Only events reported by this kind of source (news, tracker, warn)
    #[arg(long, value_parser = parse_kind)]
    source: Option<SourceKind>,
    /// Announced on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long)]
    since: Option<String>,
    /// Output format [default: table on a terminal, jsonl otherwise]
    #[arg(long, value_enum)]
    format: Option<Format>,
    #[command(flatten)]
    db: DbArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    Month,
    Reason,
    Function,
    Country,
}

fn parse_kind(s: &str) -> Result<SourceKind, String> {
    SourceKind::parse(s)
        .ok_or_else(|| format!("{s:?} is not a source kind; use news, tracker or warn"))
}

/// One line of a breakdown.
#[derive(Debug, Default, Clone, Serialize, PartialEq)]
pub struct StatRow {
    pub group: String,
    pub events: u64,
    /// Sum of the size ranges' minimums (unknown sizes count 0).
    pub jobs_min: u64,
    /// Sum of the maximums (an open range counts its minimum).
    pub jobs_max: u64,
    pub ai_events: u64,
    pub ai_jobs_min: u64,
    /// ai_jobs_min / jobs_min, 0 when no jobs.
    pub ai_share: f64,
}

fn bounds(e: &CanonicalEvent) -> (u64, u64) {
    match &e.event.headcount {
        Some(h) if h.min.is_some() || h.max.is_some() => {
            let lo = h.min.unwrap_or(0);
            (lo, h.max.unwrap_or(lo))
        }
        _ => (0, 0),
    }
}

/// The groups an event falls in for a breakdown.
fn groups(e: &CanonicalEvent, by: By) -> Vec<String> {
    let ev = &e.event;
    let v: Vec<String> = match by {
        By::Month => ev
            .announced
            .as_deref()
            .and_then(month_of)
            .into_iter()
            .collect(),
        By::Reason => ev.reasons.iter().map(ToString::to_string).collect(),
        By::Function => ev.functions.iter().map(ToString::to_string).collect(),
        By::Country => {
            let mut c: Vec<String> = ev
                .locations
                .iter()
                .map(|l| l.split('-').next().unwrap_or(l).to_string())
                .collect();
            c.dedup();
            c
        }
    };
    if v.is_empty() {
        vec!["(none)".into()]
    } else {
        v
    }
}

pub fn breakdown(events: &[CanonicalEvent], by: By) -> Vec<StatRow> {
    let mut rows: BTreeMap<String, StatRow> = BTreeMap::new();
    for e in events {
        let (lo, hi) = bounds(e);
        for g in groups(e, by) {
            let r = rows.entry(g.clone()).or_insert_with(|| StatRow {
                group: g,
                ..Default::default()
            });
            r.events += 1;
            r.jobs_min += lo;
            r.jobs_max += hi;
            if e.event.ai_attributed {
                r.ai_events += 1;
                r.ai_jobs_min += lo;
            }
        }
    }
    let mut out: Vec<StatRow> = rows
        .into_values()
        .map(|mut r| {
            r.ai_share = if r.jobs_min > 0 {
                (r.ai_jobs_min as f64 / r.jobs_min as f64 * 1000.0).round() / 1000.0
            } else {
                0.0
            };
            r
        })
        .collect();
    if by != By::Month {
        out.sort_by(|a, b| b.jobs_min.cmp(&a.jobs_min).then(a.group.cmp(&b.group)));
    }
    out
}

pub fn stats(a: StatsArgs) -> Result<ExitCode> {
    let rt = runtime()?;
    let store = rt.block_on(a.db.open())?;
    let filter = EventFilter {
        kind: a.source,
        since: a.since,
        ..Default::default()
    };
    let events = rt
        .block_on(store.events(&filter))
        .context("querying events")?;
    let rows = breakdown(&events, a.by);
    let header = [
        "GROUP",
        "EVENTS",
        "JOBS_MIN",
        "JOBS_MAX",
        "AI_EVENTS",
        "AI_JOBS_MIN",
        "AI_SHARE",
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
        ]
    };
    write_rows(&rows, &header, cells, pick_format(a.format))?;
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

#[derive(Debug, Default, Clone, Serialize, PartialEq)]
pub struct CoverageRow {
    pub month: String,
    pub tracker_rows: u64,
    pub tracker_with_news: u64,
    pub news_events: u64,
    pub news_not_in_tracker: u64,
    pub warn_linked_to_news: u64,
}

pub fn coverage_rows(events: &[CanonicalEvent]) -> Vec<CoverageRow> {
    let mut rows: BTreeMap<String, CoverageRow> = BTreeMap::new();
    let mut total = CoverageRow {
        month: "all".into(),
        ..Default::default()
    };
    for e in events {
        let month = e
            .event
            .announced
            .as_deref()
            .and_then(month_of)
            .unwrap_or_else(|| "(undated)".into());
        let tracker = e.count_kind(SourceKind::Tracker) as u64;
        let news = e.count_kind(SourceKind::News) > 0;
        let warn = e.count_kind(SourceKind::Warn) as u64;
        let r = rows.entry(month.clone()).or_insert_with(|| CoverageRow {
            month,
            ..Default::default()
        });
        for r in [r, &mut total] {
            r.tracker_rows += tracker;
            if news {
                r.tracker_with_news += tracker;
                r.news_events += 1;
                r.news_not_in_tracker += u64::from(tracker == 0);
                r.warn_linked_to_news += warn;
            }
        }
    }
    let mut out: Vec<CoverageRow> = rows.into_values().collect();
    out.push(total);
    out
}

pub fn coverage(a: CoverageArgs) -> Result<ExitCode> {
    let rt = runtime()?;
    let store = rt.block_on(a.db.open())?;
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
fn write_rows<T: Serialize>(
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
