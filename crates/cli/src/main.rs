//! `layoffwatch`: layoff events from news articles.
#![forbid(unsafe_code)]

mod batch;
mod bench_cmd;
mod eval_cmd;
mod exposure_cmd;
mod extract_cmd;
mod import_cmd;
mod ingest_cmd;
mod occupations_cmd;
mod output;
mod query_cmd;
mod report_cmd;
mod serve_cmd;
mod settings;
mod train_cmd;
mod watch_cmd;

use anyhow::Result;
use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Turns news articles into a database of layoff events: who cut how many
/// jobs, when, where, why, and whether AI was blamed, with the words that
/// support every field.
///
/// Typical use:
///   layoffwatch ingest examples/        # read articles into the local database
///   layoffwatch events                  # list the events found
///   layoffwatch show 3                  # one event with its sources and evidence
///   layoffwatch timeline Amazon         # a company's waves of cuts
///   layoffwatch import layoffs-fyi F.csv  # tracker rows, linked to news
///   layoffwatch stats --by reason       # the big picture
///   layoffwatch exposure                # how exposed to AI the jobs cut are
///   layoffwatch serve                   # dashboard and API on 127.0.0.1:8080
///   layoffwatch extract < docs.jsonl    # JSONL filter, no database
#[derive(Debug, Parser)]
#[command(name = "layoffwatch", version, about, long_about = None, verbatim_doc_comment)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Extract(extract_cmd::Args),
    Ingest(ingest_cmd::Args),
    Watch(watch_cmd::Args),
    Events(query_cmd::EventsArgs),
    Show(query_cmd::ShowArgs),
    Explain(query_cmd::ExplainArgs),
    Timeline(query_cmd::TimelineArgs),
    Import(import_cmd::Args),
    Coverage(report_cmd::CoverageArgs),
    Stats(report_cmd::StatsArgs),
    Eval(eval_cmd::Args),
    Train(train_cmd::Args),
    Occupations(occupations_cmd::Args),
    Exposure(exposure_cmd::Args),
    Serve(serve_cmd::Args),
    #[command(hide = true)]
    BenchData(bench_cmd::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result: Result<ExitCode> = match cli.command {
        Command::Extract(a) => extract_cmd::run(a),
        Command::Ingest(a) => ingest_cmd::run(a),
        Command::Watch(a) => watch_cmd::run(a),
        Command::Events(a) => query_cmd::events(a),
        Command::Show(a) => query_cmd::show(a),
        Command::Explain(a) => query_cmd::explain(a),
        Command::Timeline(a) => query_cmd::timeline(a),
        Command::Import(a) => import_cmd::run(a),
        Command::Coverage(a) => report_cmd::coverage(a),
        Command::Stats(a) => report_cmd::stats(a),
        Command::Eval(a) => eval_cmd::run(a),
        Command::Train(a) => train_cmd::run(a),
        Command::Occupations(a) => occupations_cmd::run(a),
        Command::Exposure(a) => exposure_cmd::run(a),
        Command::Serve(a) => serve_cmd::run(a),
        Command::BenchData(a) => bench_cmd::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) if output::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
