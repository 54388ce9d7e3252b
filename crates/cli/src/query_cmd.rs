//! `layoffwatch events` and `layoffwatch show`.

use crate::output::{join, size_text, write_events, Format};
use crate::settings::{runtime, DbArgs};
use anyhow::{bail, Context, Result};
use layoffwatch_extract::sentences;
use layoffwatch_model::{Event, Field, Function, Reason};
use layoffwatch_store::{AiFilter, EventFilter, EventSort, EventStore, SourceKind, TextQuery};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// List layoff events, newest first, with filters. Each event is one real cut:
/// reports of the same cut by several sources are merged into it.
///
/// Examples:
///   layoffwatch events --company amazon --since 2024-01
///   layoffwatch events --ai --format csv > ai-cuts.csv
///   layoffwatch events --ai employer      (the employer itself blames AI)
///   layoffwatch events --reason cost_cutting --min-headcount 1000
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct EventsArgs {
    /// Company name contains this (case-insensitive)
    #[arg(long)]
    company: Option<String>,
    /// Announced on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_parser = parse_date_prefix)]
    since: Option<String>,
    /// Announced on or before this date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_parser = parse_date_prefix)]
    until: Option<String>,
    /// Only cuts tied to AI or automation: "any" (the default of a bare
    /// --ai), "employer" (the employer itself says so; what Challenger
    /// counts), "reporting" (only the article, analysts or unions say so) or
    /// "denied" (the employer denies that AI is behind the cut) or "none"
    /// (not tied to AI)
    #[arg(long, value_name = "WHO", num_args = 0..=1, default_missing_value = "any",
          value_parser = parse_ai)]
    ai: Option<AiFilter>,
    /// Only cuts whose size may reach this many jobs
    #[arg(long, value_name = "N")]
    min_headcount: Option<u64>,
    /// Only cuts with this reason code (e.g. cost_cutting, ai_automation, restructuring)
    #[arg(long, value_parser = parse_reason)]
    reason: Option<Reason>,
    /// Only cuts affecting this job function (e.g. sales, engineering, customer_support)
    #[arg(long, value_parser = parse_function)]
    function: Option<Function>,
    /// Only events reported by this kind of source
    #[arg(long, value_parser = parse_kind)]
    source: Option<SourceKind>,
    /// Only events whose source articles contain all these words (full text;
    /// a trailing * matches any ending, e.g. "automat* warehouse")
    #[arg(long, value_name = "WORDS", value_parser = parse_text)]
    text: Option<TextQuery>,
    /// Order: newest (undated last), oldest (dated events only) or largest
    #[arg(long, default_value = "newest", value_parser = parse_sort)]
    sort: EventSort,
    /// At most this many events
    #[arg(long)]
    limit: Option<u64>,
    /// Output format [default: table on a terminal, jsonl otherwise]
    #[arg(long, value_enum)]
    format: Option<Format>,
    #[command(flatten)]
    db: DbArgs,
}

fn parse_ai(s: &str) -> Result<AiFilter, String> {
    AiFilter::parse(s).ok_or_else(|| {
        format!("{s:?} is not an AI filter; use any, employer, reporting, denied or none")
    })
}

fn parse_text(s: &str) -> Result<TextQuery, String> {
    TextQuery::new(s).ok_or_else(|| format!("{s:?} has no word to search for"))
}

fn parse_sort(s: &str) -> Result<EventSort, String> {
    EventSort::parse(s)
        .ok_or_else(|| format!("{s:?} is not an order; use newest, oldest or largest"))
}

/// Show one event with every source and each evidence span highlighted in
/// its sentence.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// Event id, as listed by `layoffwatch events`
    id: i64,
    #[command(flatten)]
    db: DbArgs,
}

fn parse_date_prefix(s: &str) -> Result<String, String> {
    if layoffwatch_model::is_date_prefix(s) {
        Ok(s.to_string())
    } else {
        Err(format!(
            "{s:?} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD (a real month and day)"
        ))
    }
}

fn parse_kind(s: &str) -> Result<SourceKind, String> {
    SourceKind::parse(s)
        .ok_or_else(|| format!("{s:?} is not a source kind; use news, tracker or warn"))
}

fn parse_reason(s: &str) -> Result<Reason, String> {
    s.parse()
        .map_err(|e: layoffwatch_model::UnknownCode| e.to_string())
}

fn parse_function(s: &str) -> Result<Function, String> {
    s.parse()
        .map_err(|e: layoffwatch_model::UnknownCode| e.to_string())
}

pub fn events(a: EventsArgs) -> Result<ExitCode> {
    let rt = runtime()?;
    let store = rt.block_on(a.db.open_existing())?;
    let mut filter = EventFilter {
        company: a.company,
        employer_key: None,
        kind: a.source,
        since: a.since,
        until: a.until,
        ai_attributed: None,
        ai_source: None,
        min_headcount: a.min_headcount,
        reason: a.reason,
        function: a.function,
        text: a.text,
        sort: a.sort,
        after: None,
        limit: a.limit,
    };
    if let Some(ai) = a.ai {
        ai.apply(&mut filter);
    }
    let found = rt
        .block_on(store.events(&filter))
        .context("querying events")?;
    let format = pick_format(a.format);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    write_events(&found, format, &mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// One canonical event by id, or an error that says where ids are listed.
fn event_or_bail(
    rt: &tokio::runtime::Runtime,
    store: &layoffwatch_store::Store,
    id: i64,
) -> Result<layoffwatch_store::CanonicalEvent> {
    match rt.block_on(store.event(id))? {
        Some(e) => Ok(e),
        None => bail!("no event with id {id}; `layoffwatch events` lists the ids"),
    }
}

pub fn show(a: ShowArgs) -> Result<ExitCode> {
    let rt = runtime()?;
    let store = rt.block_on(a.db.open_existing())?;
    let canon = event_or_bail(&rt, &store, a.id)?;
    let color = std::io::stdout().is_terminal();
    let e = &canon.event;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    writeln!(out, "event {}: {}", canon.id, e.company)?;
    writeln!(out, "  units      {}", e.units.join(", "))?;
    writeln!(
        out,
        "  announced  {}",
        e.announced.as_deref().unwrap_or("-")
    )?;
    writeln!(
        out,
        "  headcount  {} {}{}",
        size_text(&e.headcount),
        e.headcount
            .as_ref()
            .map(|h| format!("({:?})", h.text))
            .unwrap_or_default(),
        if canon.conflict {
            "  [sources disagree on the size]"
        } else {
            ""
        }
    )?;
    writeln!(
        out,
        "  percent    {}",
        e.percent
            .map(|p| p.to_string())
            .unwrap_or_else(|| "-".into())
    )?;
    writeln!(out, "  reasons    {}", join(&e.reasons))?;
    writeln!(out, "  ruled out  {}", join(&e.reasons_denied))?;
    writeln!(
        out,
        "  AI         {}{}",
        ai_label(e),
        if canon.ai_conflict {
            "  [sources disagree: the employer ties it to AI and denies it]"
        } else {
            ""
        }
    )?;
    writeln!(out, "  functions  {}", join(&e.functions))?;
    writeln!(out, "  locations  {}", e.locations.join(", "))?;
    if let Some(s) = &e.severance {
        writeln!(
            out,
            "  severance  pay days {}, health {}, outplacement {}, severance pay {}",
            s.pay_days
                .map_or_else(|| "-".to_string(), |d| d.to_string()),
            s.health_benefits,
            s.outplacement,
            s.severance_pay
        )?;
    }
    writeln!(out, "  hiring elsewhere {}", e.hiring_elsewhere)?;
    for m in &canon.mentions {
        let d = &m.document;
        writeln!(
            out,
            "\nsource {} ({}, event {}): {}",
            d.doc_id,
            d.kind,
            m.ordinal,
            [
                d.title.as_deref(),
                d.source.as_deref(),
                d.url.as_deref(),
                d.published.as_deref()
            ]
            .iter()
            .flatten()
            .cloned()
            .collect::<Vec<_>>()
            .join(" | ")
        )?;
        let text = rt.block_on(store.document_text(d.id))?.unwrap_or_default();
        write_evidence(&mut out, &m.event, &text, color)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The AI attribution of an event in words: who ties it to AI.
pub(crate) fn ai_label(e: &Event) -> &'static str {
    use layoffwatch_model::AiSource;
    match (e.ai_source, e.ai_attributed) {
        (Some(AiSource::Employer), _) => "attributed by the employer",
        (Some(AiSource::Reporting), _) => "attributed by the reporting",
        (Some(AiSource::Denied), _) => "denied by the employer",
        (None, true) => "attributed",
        (None, false) => "no",
    }
}

/// Each evidence span of a mention, highlighted in its sentence.
fn write_evidence(out: &mut dyn Write, e: &Event, text: &str, color: bool) -> Result<()> {
    let sents = sentences(text);
    let mut fields: Vec<Field> = e.evidence.iter().map(|ev| ev.field).collect();
    fields.sort();
    fields.dedup();
    let (open, close) = if color {
        ("\x1b[1;33m", "\x1b[0m")
    } else {
        ("[[", "]]")
    };
    for field in fields {
        for ev in e.evidence_for(field) {
            if ev.end > text.len()
                || !text.is_char_boundary(ev.start)
                || !text.is_char_boundary(ev.end)
            {
                continue;
            }
            let Some(&(ss, se)) = sents.iter().find(|(s, en)| *s <= ev.start && ev.end <= *en)
            else {
                continue;
            };
            let sentence = format!(
                "{}{open}{}{close}{}",
                &text[ss..ev.start],
                &text[ev.start..ev.end],
                &text[ev.end..se]
            );
            writeln!(
                out,
                "  {:<16} {}",
                field.as_str(),
                sentence.replace('\n', " ")
            )?;
        }
    }
    Ok(())
}

/// Say why each mention of an event was merged into it.
///
/// Example: layoffwatch explain 12
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct ExplainArgs {
    /// Event id, as listed by `layoffwatch events`
    id: i64,
    #[command(flatten)]
    db: DbArgs,
}

pub fn explain(a: ExplainArgs) -> Result<ExitCode> {
    let rt = runtime()?;
    let store = rt.block_on(a.db.open_existing())?;
    let canon = event_or_bail(&rt, &store, a.id)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    writeln!(
        out,
        "event {}: {} {} {} — {} mention(s)",
        canon.id,
        canon.event.company,
        canon.event.announced.as_deref().unwrap_or("-"),
        size_text(&canon.event.headcount),
        canon.mentions.len()
    )?;
    for m in &canon.mentions {
        let e = &m.event;
        writeln!(
            out,
            "  {} event {} ({}): {} [{}] {} {}",
            m.document.doc_id,
            m.ordinal,
            m.document.kind,
            e.company,
            e.units.join(", "),
            e.announced.as_deref().unwrap_or("-"),
            size_text(&e.headcount),
        )?;
        match &m.merge_reason {
            Some(r) => writeln!(out, "      merged: {r}")?,
            None => writeln!(out, "      started this event")?,
        }
        if let Some(s) = e.ai_source {
            writeln!(out, "      AI: {}", s.as_str())?;
        }
    }
    if let Some(s) = canon.event.ai_source {
        writeln!(
            out,
            "AI source: {} (an employer's statement outranks its denial, which outranks \
             the reporting){}",
            s.as_str(),
            if canon.ai_conflict {
                "; conflict: one source has the employer tie the cut to AI, another has it deny that"
            } else {
                ""
            }
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// A company's waves of cuts in date order, with sizes, units, reasons, AI
/// attribution and how many sources report each.
///
/// Examples:
///   layoffwatch timeline Amazon
///   layoffwatch timeline AWS --format csv     (units resolve to the parent)
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct TimelineArgs {
    /// Company name, alias or unit
    company: String,
    /// Output format [default: table on a terminal, jsonl otherwise]
    #[arg(long, value_enum)]
    format: Option<Format>,
    #[command(flatten)]
    db: DbArgs,
}

pub fn timeline(a: TimelineArgs) -> Result<ExitCode> {
    let rt = runtime()?;
    let store = rt.block_on(a.db.open_existing())?;
    let key = layoffwatch_extract::Extractor::new().employer_key(&a.company);
    let filter = EventFilter {
        employer_key: Some(key.clone()),
        ..Default::default()
    };
    let mut found = rt
        .block_on(store.events(&filter))
        .context("querying events")?;
    if found.is_empty() {
        bail!("no events of {:?} (key {key:?}); `layoffwatch events --company NAME` searches by part of a name", a.company);
    }
    // Oldest first; undated waves last.
    found.sort_by(|x, y| {
        (x.event.announced.is_none(), &x.event.announced, x.id).cmp(&(
            y.event.announced.is_none(),
            &y.event.announced,
            y.id,
        ))
    });
    let format = pick_format(a.format);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    write_events(&found, format, &mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The format asked for, else a table on a terminal and JSON Lines otherwise.
pub fn pick_format(f: Option<Format>) -> Format {
    f.unwrap_or(if std::io::stdout().is_terminal() {
        Format::Table
    } else {
        Format::Jsonl
    })
}
