//! `layoffwatch train`: fit the employer ranker on labelled sets.

use anyhow::{bail, Context, Result};
use layoffwatch_eval::{names_labelled_employer, read_records, score};
use layoffwatch_extract::ranker::{self, Features, Model};
use layoffwatch_extract::{Extractor, Input};
use layoffwatch_model::Document;
use rayon::prelude::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Train the employer ranker: a logistic model that scores each candidate
/// name of an article by how likely it names the employer that cuts jobs.
///
/// Each SET is a folder with docs.jsonl and gold.jsonl (the contract's
/// form). A candidate is a positive example when it names a labelled
/// event's company, unit or alias in its document. Training is
/// deterministic: the same sets give the same weights.
///
///   layoffwatch train ../shared/dev ../shared/dev-modern/{a,b,c,d,e} \
///       --out crates/extract/data/employer_ranker.txt
///   layoffwatch train --cv ../shared/dev-modern/{a,b,c,d,e}
///
/// With --cv, each set is held out in turn: the ranker is trained on the
/// others and the held-out set is scored twice, by candidate (how many
/// employers the threshold would wrongly drop, how many non-employers it
/// drops) and end to end (event F1 of the extractor with those weights).
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Labelled set folders (docs.jsonl + gold.jsonl)
    #[arg(required = true)]
    sets: Vec<PathBuf>,
    /// Write the weights here (default: print them)
    #[arg(long)]
    out: Option<PathBuf>,
    /// Leave-one-set-out cross-validation instead of writing weights
    #[arg(long)]
    cv: bool,
    /// With --cv: list the held-out employers the threshold drops, with
    /// their strongest features
    #[arg(long)]
    show_dropped: bool,
    /// Prune candidates scoring below this
    #[arg(long, default_value_t = ranker::DEFAULT_THRESHOLD)]
    threshold: f32,
    /// Gradient-descent passes over the examples
    #[arg(long, default_value_t = 3000)]
    epochs: usize,
}

struct Set {
    name: String,
    docs: Vec<Document>,
    gold: Vec<(String, Vec<Value>)>,
}

fn read_set(dir: &Path) -> Result<Set> {
    let docs_path = dir.join("docs.jsonl");
    let gold_path = dir.join("gold.jsonl");
    let docs = std::fs::read_to_string(&docs_path)
        .with_context(|| format!("reading {}", docs_path.display()))?
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(serde_json::from_str::<Document>)
        .collect::<Result<Vec<_>, _>>()
        .with_context(|| format!("in {}", docs_path.display()))?;
    let gold = read_records(
        &std::fs::read_to_string(&gold_path)
            .with_context(|| format!("reading {}", gold_path.display()))?,
    )
    .map_err(anyhow::Error::msg)
    .with_context(|| format!("in {}", gold_path.display()))?;
    Ok(Set {
        name: dir.display().to_string(),
        docs,
        gold,
    })
}

fn input(doc: &Document) -> Option<Input<'_>> {
    Some(Input {
        text: doc.text.as_deref()?,
        published: doc
            .published_date()
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
        title: doc.title.as_deref(),
    })
}

/// The labelled candidates of a set.
fn examples(ex: &Extractor, set: &Set) -> Vec<(String, Features, bool)> {
    let gold: BTreeMap<&str, &Vec<Value>> =
        set.gold.iter().map(|(id, e)| (id.as_str(), e)).collect();
    set.docs
        .iter()
        .filter_map(|d| Some((d, input(d)?, gold.get(d.id.as_str())?)))
        .flat_map(|(_, inp, events)| {
            ex.employer_candidates(&inp)
                .into_iter()
                .map(|(name, x)| {
                    let y = events.iter().any(|g| names_labelled_employer(g, &name));
                    (name, x, y)
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

fn event_f1(model: Model, set: &Set) -> f64 {
    let ex = Extractor::with_ranker(model);
    let pred: BTreeMap<String, Vec<Value>> = set
        .docs
        .par_iter()
        .map(|d| {
            let events = ex
                .extract_document(d)
                .into_iter()
                .map(|e| serde_json::to_value(e).expect("events serialise"))
                .collect();
            (d.id.clone(), events)
        })
        .collect();
    score(&set.gold, &pred).event_f1
}

pub fn run(a: Args) -> Result<ExitCode> {
    let sets = a
        .sets
        .iter()
        .map(|d| read_set(d))
        .collect::<Result<Vec<_>>>()?;
    // Candidates are found with every candidate kept: the embedded weights
    // prune, so they must not decide what the ranker learns from.
    let finder = Extractor::with_ranker(Model::keep_all());
    let per_set: Vec<Vec<(String, Features, bool)>> =
        sets.iter().map(|s| examples(&finder, s)).collect();
    if !a.cv {
        let all: Vec<(Features, bool)> = per_set
            .into_iter()
            .flatten()
            .map(|(_, x, y)| (x, y))
            .collect();
        let positives = all.iter().filter(|(_, y)| *y).count();
        let model = ranker::train(&all, a.epochs, a.threshold);
        eprintln!(
            "trained on {} candidates ({positives} employers) from {} sets",
            all.len(),
            sets.len()
        );
        match a.out {
            Some(p) => std::fs::write(&p, model.to_text())
                .with_context(|| format!("writing {}", p.display()))?,
            None => print!("{}", model.to_text()),
        }
        return Ok(ExitCode::SUCCESS);
    }
    if sets.len() < 2 {
        bail!("--cv needs at least two sets: each is held out in turn");
    }
    println!(
        "held-out set | candidates | employers dropped | non-employers dropped | event F1 without ranker | with ranker (trained on the others)"
    );
    println!("---|---|---|---|---|---");
    for (i, set) in sets.iter().enumerate() {
        let train: Vec<(Features, bool)> = per_set
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .flat_map(|(_, e)| e.iter().map(|(_, x, y)| (x.clone(), *y)))
            .collect();
        let model = ranker::train(&train, a.epochs, a.threshold);
        let held = &per_set[i];
        let dropped = |want: bool| {
            let of: Vec<_> = held.iter().filter(|(_, _, y)| *y == want).collect();
            let n = of.iter().filter(|(_, x, _)| !model.keeps(x)).count();
            format!("{n} of {}", of.len())
        };
        if a.show_dropped {
            for (name, x, _) in held.iter().filter(|(_, x, y)| *y && !model.keeps(x)) {
                let on: Vec<&str> = ranker::FEATURES
                    .iter()
                    .zip(x)
                    .filter(|(_, v)| **v != 0.0)
                    .map(|(f, _)| *f)
                    .collect();
                eprintln!(
                    "  dropped {name:?} ({:.2}): {}",
                    model.score(x),
                    on.join(" ")
                );
            }
        }
        let without = event_f1(Model::keep_all(), set);
        let with = event_f1(model.clone(), set);
        println!(
            "{} | {} | {} | {} | {without:.3} | {with:.3}",
            set.name,
            held.len(),
            dropped(true),
            dropped(false)
        );
    }
    Ok(ExitCode::SUCCESS)
}
