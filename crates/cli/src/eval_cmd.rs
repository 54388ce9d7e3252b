//! `layoffwatch eval`: score predictions against labels.

use anyhow::{Context, Result};
use layoffwatch_eval::{read_records, score, Summary};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

/// Score extracted events against labelled ones, with the contract's method
/// (same numbers as shared/tools/score.py).
///
/// GOLD and PRED are JSON Lines of {"id": ..., "events": [...]}; labelled
/// events may carry "unscored" fields and "aliases". Use it to measure the
/// extractor on your own labelled articles:
///   layoffwatch extract < docs.jsonl > pred.jsonl
///   layoffwatch eval gold.jsonl pred.jsonl
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Labelled events
    gold: PathBuf,
    /// Predicted events (output of `layoffwatch extract`)
    pred: PathBuf,
    /// Print the summary as JSON
    #[arg(long)]
    json: bool,
}

pub fn run(a: Args) -> Result<ExitCode> {
    let read = |p: &PathBuf| -> Result<String> {
        std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))
    };
    let gold = read_records(&read(&a.gold)?)
        .map_err(anyhow::Error::msg)
        .with_context(|| format!("in {}", a.gold.display()))?;
    let pred: BTreeMap<_, _> = read_records(&read(&a.pred)?)
        .map_err(anyhow::Error::msg)
        .with_context(|| format!("in {}", a.pred.display()))?
        .into_iter()
        .collect();
    let s = score(&gold, &pred);
    if a.json {
        println!("{}", serde_json::to_string(&s)?);
    } else {
        print!("{}", text(&s));
    }
    Ok(ExitCode::SUCCESS)
}

fn text(s: &Summary) -> String {
    let mut out = format!(
        "documents {}  gold events {}  predicted {}\nevents     P {:.3}  R {:.3}  F1 {:.3}\n",
        s.documents,
        s.gold_events,
        s.predicted_events,
        s.event_precision,
        s.event_recall,
        s.event_f1
    );
    for (k, v) in &s.fields {
        let v = v.map_or("-".to_string(), |v| format!("{v:.3}"));
        out.push_str(&format!("{k:17} {v}  (n={})\n", s.field_counts[k]));
    }
    for (k, v) in &s.set_f1 {
        out.push_str(&format!("{k:17} F1 {v:.3}\n"));
    }
    if let Some(d) = s.ai_source_detail {
        out.push_str(&format!(
            "ai_source where the gold names a source: {}/{} exact; where it names none: {}/{} given one\n",
            d.labelled_correct, d.labelled, d.null_given_value, d.null
        ));
    }
    if let Some(v) = s.roles_f1 {
        out.push_str(&format!(
            "{:17} F1 {v:.3}  (ours; the referee does not score roles)\n",
            "roles"
        ));
    }
    out
}
