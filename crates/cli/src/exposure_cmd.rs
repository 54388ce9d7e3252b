//! `layoffwatch exposure`: which occupations the cuts fall on and how exposed
//! they are to AI.

use crate::output::Format;
use crate::report_cmd::{write_rows, FactsArgs};
use crate::settings::{runtime, DbArgs, ExposureDataArgs};
use anyhow::{Context, Result};
use layoffwatch_occupations::Occupations;
use layoffwatch_report::{
    exposure_report, CompanyRow, ExposureReport, MonthBandRow, OccupationRow, TraitRow,
};
use layoffwatch_store::EventStore;
use std::process::ExitCode;

/// How exposed to AI the jobs being cut are.
///
/// Each event's roles ("recruiter", "call centre staff") map to O*NET-SOC
/// occupations; each occupation carries the GPTs-are-GPTs ratings (GPT-4 and
/// human, alpha/beta/gamma) and, with --exposure-data, the AIOE and
/// language-modelling AIOE. Bands: high from a GPT-4 beta of 0.5, medium
/// from 0.25. Tables:
///   summary      AI-attributed cuts in high-exposure jobs against all cuts
///   months       events and jobs per month and exposure band
///   occupations  the occupations cut, most exposed first
///   companies    per company: jobs, mean exposure, high-exposure share
///   traits       the profile along three traits of AI-exposed work
///
/// Roles map to occupations through an index of O*NET job titles. This
/// product includes information from the O*NET 29.3 Database by the U.S.
/// Department of Labor, Employment and Training Administration (USDOL/ETA).
/// Used under the CC BY 4.0 license. O*NET® is a trademark of USDOL/ETA.
/// USDOL/ETA has not approved, endorsed, or tested these modifications.
///
/// Examples:
///   layoffwatch exposure                       # every table
///   layoffwatch exposure --table occupations --format csv > occ.csv
///   layoffwatch exposure --format json --exposure-data ~/data/aioe
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// One table only [default: all on a terminal; occupations for csv/jsonl;
    /// the whole report for json]
    #[arg(long, value_enum)]
    table: Option<Table>,
    #[command(flatten)]
    facts: FactsArgs,
    #[command(flatten)]
    exposure: ExposureDataArgs,
    #[command(flatten)]
    db: DbArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Table {
    Summary,
    Months,
    Occupations,
    Companies,
    Traits,
}

pub fn run(a: Args) -> Result<ExitCode> {
    let rt = runtime()?;
    let store = rt.block_on(a.db.open_existing())?;
    let events = rt
        .block_on(store.event_facts(&a.facts.filter()))
        .context("querying events")?;
    let (aioe, missing) = a.exposure.load();
    let report = exposure_report(&events, Occupations::builtin(), aioe.as_ref(), missing);
    let format = a.facts.format();
    for note in &report.missing {
        eprintln!("note: {note}");
    }
    match (a.table, format) {
        (None, Format::Json) => {
            println!("{}", serde_json::to_string_pretty(&report)?);
        }
        (None, Format::Table) => {
            let tables = [
                Table::Summary,
                Table::Months,
                Table::Occupations,
                Table::Companies,
                Table::Traits,
            ];
            for (i, t) in tables.into_iter().enumerate() {
                if i > 0 {
                    println!();
                }
                println!("## {}", title(t));
                write_table(&report, t, format)?;
            }
        }
        (None, _) => write_table(&report, Table::Occupations, format)?,
        (Some(t), _) => write_table(&report, t, format)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn title(t: Table) -> &'static str {
    match t {
        Table::Summary => "AI-attributed cuts against all cuts",
        Table::Months => "Cuts by month and exposure band",
        Table::Occupations => "Occupations cut, most exposed first",
        Table::Companies => "Companies",
        Table::Traits => "Trait profile of the occupations cut",
    }
}

#[derive(Debug, serde::Serialize)]
struct Metric {
    metric: &'static str,
    value: String,
}

fn opt(v: Option<f64>) -> String {
    v.map_or_else(|| "-".into(), |v| format!("{v:.3}"))
}

fn write_table(r: &ExposureReport, t: Table, format: Format) -> Result<()> {
    match t {
        Table::Summary => {
            let c = &r.ai_vs_all;
            let rows = vec![
                Metric {
                    metric: "events",
                    value: r.events.to_string(),
                },
                Metric {
                    metric: "events_with_roles",
                    value: r.events_with_roles.to_string(),
                },
                Metric {
                    metric: "events_with_occupations",
                    value: r.events_with_occupations.to_string(),
                },
                Metric {
                    metric: "ai_events",
                    value: c.ai_events.to_string(),
                },
                Metric {
                    metric: "ai_jobs",
                    value: format!("{}", c.ai_jobs),
                },
                Metric {
                    metric: "ai_high_share_jobs",
                    value: opt(c.ai_high_share_jobs),
                },
                Metric {
                    metric: "ai_high_share_events",
                    value: opt(c.ai_high_share_events),
                },
                Metric {
                    metric: "all_events",
                    value: c.all_events.to_string(),
                },
                Metric {
                    metric: "all_jobs",
                    value: format!("{}", c.all_jobs),
                },
                Metric {
                    metric: "all_high_share_jobs",
                    value: opt(c.all_high_share_jobs),
                },
                Metric {
                    metric: "all_high_share_events",
                    value: opt(c.all_high_share_events),
                },
                Metric {
                    metric: "bands",
                    value: r.bands.into(),
                },
                Metric {
                    metric: "sources",
                    value: r.sources.join("; "),
                },
            ];
            write_rows(
                &rows,
                &["METRIC", "VALUE"],
                |m| vec![m.metric.into(), m.value.clone()],
                format,
            )
        }
        Table::Months => write_rows(
            &r.by_month,
            &["MONTH", "BAND", "EVENTS", "JOBS"],
            |m: &MonthBandRow| {
                vec![
                    m.month.clone(),
                    m.band.clone(),
                    m.events.to_string(),
                    m.jobs.to_string(),
                ]
            },
            format,
        ),
        Table::Occupations => write_rows(
            &r.occupations,
            &[
                "SOC",
                "TITLE",
                "BAND",
                "GPT4_BETA",
                "HUMAN_BETA",
                "AIOE",
                "LM_AIOE",
                "EVENTS",
                "JOBS",
                "AI_EVENTS",
                "ROLES",
            ],
            |o: &OccupationRow| {
                let x = &o.exposure;
                vec![
                    x.soc.clone(),
                    x.title.clone(),
                    x.band.as_str().into(),
                    format!("{:.3}", x.gpts.gpt4_beta),
                    format!("{:.3}", x.gpts.human_beta),
                    opt(x.aioe.map(|a| a.aioe)),
                    opt(x.aioe.and_then(|a| a.lm_aioe)),
                    o.events.to_string(),
                    o.jobs.to_string(),
                    o.ai_events.to_string(),
                    o.roles.join("; "),
                ]
            },
            format,
        ),
        Table::Companies => write_rows(
            &r.companies,
            &["COMPANY", "EVENTS", "JOBS", "GPT4_BETA", "HIGH_SHARE"],
            |c: &CompanyRow| {
                vec![
                    c.company.clone(),
                    c.events.to_string(),
                    c.jobs.to_string(),
                    format!("{:.3}", c.gpt4_beta),
                    format!("{:.3}", c.high_share),
                ]
            },
            format,
        ),
        Table::Traits => write_rows(
            &r.traits,
            &["TRAIT", "SCORE", "HOW"],
            |t: &TraitRow| vec![t.label.clone(), format!("{:.3}", t.score), t.how.clone()],
            format,
        ),
    }
}
