//! Merging across articles, end to end: ingest the seeds and compare the
//! groups with the labelled same-event clusters.

mod common;

use common::{bin, ingest, jsonl_command, shared};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn events(db: &Path, args: &[&str]) -> Vec<Value> {
    jsonl_command(db, args)
}

/// `extract` output of a labelled set, by document id.
fn predictions(docs: &Path) -> BTreeMap<String, Vec<Value>> {
    let extract = bin().arg("extract").arg(docs).output().unwrap();
    String::from_utf8(extract.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            (
                v["id"].as_str().unwrap().to_string(),
                v["events"].as_array().unwrap().clone(),
            )
        })
        .collect()
}

type Mention = (String, usize);

#[test]
fn seeds_merge_into_exactly_the_labelled_clusters() {
    let Some(shared) = shared() else { return };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lw.db");
    ingest(&db, &[&shared.join("seeds/docs.jsonl")]);

    // Our mentions, matched to labelled events the way the scorer matches.
    let pred = predictions(&shared.join("seeds/docs.jsonl"));
    let gold_text = std::fs::read_to_string(shared.join("seeds/gold.jsonl")).unwrap();
    let mut to_gold: BTreeMap<Mention, Mention> = BTreeMap::new();
    for (id, gold) in layoffwatch_eval::read_records(&gold_text).unwrap() {
        for (g, p) in layoffwatch_eval::match_doc(&gold, &pred[&id]) {
            to_gold.insert((id.clone(), p), (id.clone(), g));
        }
    }

    // Groups of more than one source, in labelled coordinates.
    let mut got: BTreeSet<BTreeSet<Mention>> = BTreeSet::new();
    for e in events(&db, &["events"]) {
        let mentions = e["mentions"].as_array().unwrap();
        if mentions.len() < 2 {
            continue;
        }
        let group: BTreeSet<Mention> = mentions
            .iter()
            .map(|m| {
                let ours = (
                    m["doc"].as_str().unwrap().to_string(),
                    m["event"].as_u64().unwrap() as usize,
                );
                to_gold.get(&ours).cloned().unwrap_or(ours)
            })
            .collect();
        assert_eq!(e["sources"].as_array().unwrap().len(), group.len(), "{e}");
        got.insert(group);
    }
    let labels: Value = serde_json::from_str(
        &std::fs::read_to_string(shared.join("seeds/same-event.json")).unwrap(),
    )
    .unwrap();
    let want: BTreeSet<BTreeSet<Mention>> = labels["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            c.as_array()
                .unwrap()
                .iter()
                .map(|m| {
                    (
                        m[0].as_str().unwrap().to_string(),
                        m[1].as_u64().unwrap() as usize,
                    )
                })
                .collect()
        })
        .collect();
    assert_eq!(got, want);

    // Timelines resolve units to the parent and list the waves oldest first.
    let waves = events(&db, &["timeline", "AWS"]);
    assert_eq!(
        waves.len(),
        events(&db, &["events"]).len(),
        "every seed event is Amazon's"
    );
    let dates: Vec<&str> = waves
        .iter()
        .filter_map(|w| w["announced"].as_str())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");

    // explain says why a mention joined.
    let merged = events(&db, &["events"])
        .into_iter()
        .find(|e| e["mentions"].as_array().unwrap().len() == 2)
        .unwrap();
    let out = bin()
        .args(["explain", &merged["id"].to_string(), "--db"])
        .arg(&db)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("started this event") && text.contains("merged: same employer"),
        "{text}"
    );
}

fn run(db: &Path, args: &[&str]) -> std::process::Output {
    bin().args(args).arg("--db").arg(db).output().unwrap()
}

#[test]
fn tracker_and_warn_import_link_report_and_reimport_idempotently() {
    let Some(shared) = shared() else { return };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lw.db");
    let fyi = shared.join("data/layoffs-fyi/layoffs_fyi_2026-04.csv");
    let fyi = fyi.to_str().unwrap();
    let first = run(&db, &["import", "layoffs-fyi", fyi]);
    let err = String::from_utf8_lossy(&first.stderr);
    // The one row without a cut date is imported by the day it was added.
    assert!(
        err.contains("4365 rows: 4365 new, 0 already stored, 0 bad"),
        "{err}"
    );
    assert_eq!(first.status.code(), Some(0), "{err}");
    let again = run(&db, &["import", "layoffs-fyi", fyi]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("0 new, 4365 already stored"));

    // A truncated WARN file of our own: the good row is imported, the broken one named.
    let warn = dir.path().join("warn.csv");
    std::fs::write(
        &warn,
        "notice_date,effective_date,received_date,company,city,num_employees,layoff_or_closure,county,address,source_file\n\
         04/20/2026,06/20/2026,04/21/2026,Pentera Inc,Boston,38,Layoff Permanent,Suffolk,x,f\n\
         04/21/2026,06/21/2026,04/22/2026,\"Broken Co,,",
    )
    .unwrap();
    let w = run(&db, &["import", "warn", warn.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&w.stderr);
    assert!(
        err.contains("warn.csv:3:") && err.contains("1 new"),
        "{err}"
    );
    assert!(
        err.contains("1 linked to known events"),
        "the notice links to the tracker row: {err}"
    );

    // The tracker row and the notice are one event with both sources.
    let linked = events(&db, &["events", "--company", "pentera"]);
    assert_eq!(linked.len(), 1, "{linked:?}");
    let kinds: BTreeSet<&str> = linked[0]["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, BTreeSet::from(["tracker", "warn"]));

    // Stats sum what the events say, month by month.
    let all = events(&db, &["events"]);
    let mut want: BTreeMap<String, u64> = BTreeMap::new();
    for e in &all {
        if let (Some(d), Some(min)) = (e["announced"].as_str(), e["headcount"]["min"].as_u64()) {
            *want.entry(d[..7].to_string()).or_default() += min;
        }
    }
    for row in events(&db, &["stats"]) {
        let month = row["group"].as_str().unwrap();
        if month != "(none)" {
            assert_eq!(
                row["jobs_min"].as_u64().unwrap(),
                want.get(month).copied().unwrap_or(0),
                "{month}"
            );
        }
    }
    let coverage = events(&db, &["coverage"]);
    let total = coverage.last().unwrap();
    assert_eq!(total["month"], "all");
    assert_eq!(total["tracker_rows"], 4365);
}

/// Labelled events of two documents that report one cut: same employer (by
/// the scorer's name rule), and units, dates and sizes agreeing where both
/// give them, with at least one of them given.
fn same_cut(a: &Value, b: &Value) -> bool {
    let norm = |s: &str| {
        s.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| {
                !w.is_empty() && !["inc", "corp", "co", "ltd", "plc", "group", "the"].contains(w)
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (ca, cb) = (
        norm(a["company"].as_str().unwrap()),
        norm(b["company"].as_str().unwrap()),
    );
    if !(ca == cb
        || format!(" {ca} ").contains(&format!(" {cb} "))
        || format!(" {cb} ").contains(&format!(" {ca} ")))
    {
        return false;
    }
    let mut signals = 0;
    let units = |v: &Value| -> Vec<String> {
        v["units"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| norm(u.as_str().unwrap()))
            .collect()
    };
    let (ua, ub) = (units(a), units(b));
    if !ua.is_empty() && !ub.is_empty() {
        // The scorer's unit rule: half the words shared.
        let jaccard = |x: &String, y: &String| {
            let wx: BTreeSet<&str> = x.split(' ').collect();
            let wy: BTreeSet<&str> = y.split(' ').collect();
            wx.intersection(&wy).count() * 2 >= wx.union(&wy).count()
        };
        let share = ua.iter().any(|x| ub.iter().any(|y| jaccard(x, y)));
        if !share {
            return false;
        }
        signals += 1;
    }
    if let (Some(x), Some(y)) = (a["announced"].as_str(), b["announced"].as_str()) {
        let n = x.len().min(y.len());
        if x[..n] != y[..n] {
            return false;
        }
        signals += 1;
    }
    let range = |v: &Value| {
        let h = &v["headcount"];
        (!h.is_null() && (!h["min"].is_null() || !h["max"].is_null())).then(|| {
            (
                h["min"].as_u64().unwrap_or(0),
                h["max"].as_u64().unwrap_or(u64::MAX),
            )
        })
    };
    if let (Some(x), Some(y)) = (range(a), range(b)) {
        if !(x.0 <= y.1 && y.0 <= x.1) {
            return false;
        }
        signals += 1;
    }
    signals > 0
}

#[test]
fn dev_pairwise_merge_precision_and_recall() {
    let Some(shared) = shared() else { return };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lw.db");
    let docs = shared.join("dev/docs.jsonl");
    assert!(run(&db, &["ingest", docs.to_str().unwrap()])
        .status
        .success());
    let pred = predictions(&docs);
    let gold = layoffwatch_eval::read_records(
        &std::fs::read_to_string(shared.join("dev/gold.jsonl")).unwrap(),
    )
    .unwrap();
    let mut to_gold: BTreeMap<Mention, Mention> = BTreeMap::new();
    let mut labelled: Vec<(Mention, &Value)> = Vec::new();
    for (id, events) in &gold {
        for (g, p) in layoffwatch_eval::match_doc(events, &pred[id]) {
            to_gold.insert((id.clone(), p), (id.clone(), g));
        }
        labelled.extend(events.iter().enumerate().map(|(i, e)| ((id.clone(), i), e)));
    }
    let mut want: BTreeSet<(Mention, Mention)> = BTreeSet::new();
    for (i, (ma, a)) in labelled.iter().enumerate() {
        for (mb, b) in &labelled[i + 1..] {
            if ma.0 != mb.0 && same_cut(a, b) {
                want.insert((ma.clone(), mb.clone()));
            }
        }
    }
    let mut got: BTreeSet<(Mention, Mention)> = BTreeSet::new();
    for e in events(&db, &["events"]) {
        let ms: Vec<Mention> = e["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                let ours = (
                    m["doc"].as_str().unwrap().to_string(),
                    m["event"].as_u64().unwrap() as usize,
                );
                to_gold
                    .get(&ours)
                    .cloned()
                    .unwrap_or((format!("unmatched {}", ours.0), ours.1))
            })
            .collect();
        for (i, a) in ms.iter().enumerate() {
            for b in &ms[i + 1..] {
                got.insert(if a < b {
                    (a.clone(), b.clone())
                } else {
                    (b.clone(), a.clone())
                });
            }
        }
    }
    let tp = got.intersection(&want).count() as f64;
    let p = if got.is_empty() {
        1.0
    } else {
        tp / got.len() as f64
    };
    let r = if want.is_empty() {
        1.0
    } else {
        tp / want.len() as f64
    };
    eprintln!(
        "dev pairwise merge: precision {p:.3} recall {r:.3} ({} merged pairs, {} labelled pairs)",
        got.len(),
        want.len()
    );
    // Whatever the extraction, a group never holds two events of one document.
    assert!(got.iter().all(|(a, b)| a.0 != b.0), "{got:?}");
}
