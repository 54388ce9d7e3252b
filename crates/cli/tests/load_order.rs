//! Canonical events are a function of the set of sources: ingesting the same
//! articles, tracker rows and WARN notices in other orders and batch sizes
//! gives byte-identical `events --format jsonl`.

mod common;

use common::{bin, shared};
use std::path::Path;

/// A tracker export of our own: rows for a parent, two of its subsidiaries
/// and a company the articles below also report.
const TRACKER: &str = "company,location,total_laid_off,date,percentage_laid_off,industry,source,stage,funds_raised,country,date_added\n\
Twitch,SF Bay Area,500,1/10/2023,0.35,Consumer,https://x.test/1,Acquired,,United States,1/11/2023\n\
Audible,New York City,100,1/10/2023,,Media,https://x.test/2,Acquired,,United States,1/11/2023\n\
Amazon,Seattle,18000,1/4/2023,0.06,Retail,https://x.test/3,Post-IPO,,United States,1/5/2023\n\
Quillon Tools,SF Bay Area,40,3/2/2026,0.1,Hardware,https://x.test/4,Series B,30,United States,3/3/2026\n";

/// A WARN register of our own, in the California layout.
const WARN: &str = "notice_date,effective_date,received_date,company,city,num_employees,layoff_or_closure,county,address,source_file\n\
03/04/2026,05/04/2026,03/05/2026,Quillon Tools Inc,Oakland,40,Layoff Permanent,Alameda County,x,f\n\
01/12/2023,03/12/2023,01/13/2023,Zoox Inc,Foster City,120,Layoff Permanent,San Mateo County,x,f\n";

/// Articles of our own about the same cuts, told differently: an exact size
/// and a vague one, a dated report and one dated only by its publication.
fn articles() -> Vec<String> {
    let doc = |id: &str, published: &str, text: &str| {
        serde_json::json!({"id": id, "published": published, "title": null, "text": text})
            .to_string()
    };
    vec![
        doc(
            "quillon-1",
            "2026-03-02",
            "Quillon Tools said on Monday it would lay off 40 workers at its Oakland plant.",
        ),
        doc(
            "quillon-2",
            "2026-03-09",
            "Quillon Tools, the toolmaker, has laid off 40 workers, its union said.",
        ),
        doc(
            "quillon-3",
            "2026-03-03",
            "Quillon Tools is cutting dozens of jobs at its Oakland plant, people familiar said.",
        ),
        doc(
            "amazon-1",
            "2023-01-05",
            "Amazon said on Wednesday it would cut more than 18,000 jobs, the most in its history.",
        ),
        doc(
            "amazon-2",
            "2023-01-05",
            "Amazon will eliminate about 18,000 positions, its chief executive wrote to staff.",
        ),
        doc(
            "twitch-1",
            "2023-01-11",
            "Twitch, the streaming service owned by Amazon, laid off 500 employees on Tuesday.",
        ),
    ]
}

/// Lines of `all` in a fixed order of `seed` (a multiplicative shuffle).
fn shuffled(all: &[String], seed: usize) -> Vec<String> {
    let n = all.len();
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_by_key(|&i| (i * (2 * seed + 1) + seed) % n.max(1) * 1000 + i);
    if seed % 2 == 1 {
        idx.reverse();
    }
    idx.into_iter().map(|i| all[i].clone()).collect()
}

fn run(db: &Path, args: &[&str]) {
    let out = bin().args(args).arg("--db").arg(db).output().unwrap();
    assert!(
        out.status.success() || out.status.code() == Some(1),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Loads the news (in `order`, `batch` documents per transaction), the
/// tracker and the WARN file, in the sequence `steps` names, and returns
/// `events --format jsonl`.
fn load(dir: &Path, name: &str, news: &[String], batch: usize, steps: &[&str]) -> String {
    let db = dir.join(format!("{name}.db"));
    let news_file = dir.join(format!("{name}.jsonl"));
    std::fs::write(&news_file, news.join("\n") + "\n").unwrap();
    let tracker = dir.join("tracker.csv");
    let warn = dir.join("warn.csv");
    let batch = batch.to_string();
    for step in steps {
        match *step {
            "news" => run(
                &db,
                &["ingest", news_file.to_str().unwrap(), "--batch", &batch],
            ),
            "tracker" => run(&db, &["import", "layoffs-fyi", tracker.to_str().unwrap()]),
            "warn" => run(&db, &["import", "warn", warn.to_str().unwrap()]),
            other => panic!("unknown step {other}"),
        }
    }
    let out = bin()
        .args(["events", "--format", "jsonl", "--limit", "100000", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

fn news_set() -> Vec<String> {
    let mut all = articles();
    // With ../shared, the seed articles and the dev set join in: many
    // employers, several reports of one cut.
    if let Some(shared) = shared() {
        for set in ["seeds", "dev"] {
            let text = std::fs::read_to_string(shared.join(set).join("docs.jsonl")).unwrap();
            all.extend(
                text.lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(String::from),
            );
        }
    }
    // One text under two ids is one document whose first-loaded id leads
    // (and whose publication date dates its events): keep one of each.
    let mut texts = std::collections::HashSet::new();
    all.retain(|line| {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        texts.insert(v["text"].as_str().unwrap_or_default().to_string())
    });
    all
}

#[test]
fn any_order_and_batch_size_gives_the_same_events() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("tracker.csv"), TRACKER).unwrap();
    std::fs::write(dir.path().join("warn.csv"), WARN).unwrap();
    let all = news_set();
    let want = load(dir.path(), "base", &all, 64, &["news", "tracker", "warn"]);
    assert!(want.lines().count() >= 8, "{want}");
    let runs: [(usize, usize, &[&str]); 4] = [
        (1, 1, &["tracker", "news", "warn"]),
        (2, 7, &["warn", "tracker", "news"]),
        (3, 3, &["tracker", "warn", "news"]),
        (4, 1000, &["warn", "news", "tracker"]),
    ];
    for (seed, batch, steps) in runs {
        let got = load(
            dir.path(),
            &format!("run{seed}"),
            &shuffled(&all, seed),
            batch,
            steps,
        );
        if got != want {
            let first = want
                .lines()
                .zip(got.lines())
                .find(|(a, b)| a != b)
                .map(|(a, b)| format!("first difference:\n{a}\n{b}"))
                .unwrap_or_else(|| "different numbers of events".into());
            panic!("order {seed}, batch {batch}, steps {steps:?}: {first}");
        }
    }
}

#[test]
fn a_subsidiary_is_a_unit_of_its_parent_and_units_that_differ_stay_apart() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("tracker.csv"), TRACKER).unwrap();
    std::fs::write(dir.path().join("warn.csv"), WARN).unwrap();
    let out = load(
        dir.path(),
        "units",
        &articles(),
        64,
        &["news", "tracker", "warn"],
    );
    let events: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let with_unit = |unit: &str| {
        events
            .iter()
            .filter(|e| {
                e["units"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|u| u.as_str() == Some(unit))
            })
            .collect::<Vec<_>>()
    };
    for unit in ["Twitch", "Audible", "Zoox Inc"] {
        let found = with_unit(unit);
        assert_eq!(found.len(), 1, "{unit}: {out}");
        assert_eq!(found[0]["company"], "Amazon", "{unit}");
        // No other unit of Amazon is folded into a subsidiary's cut.
        let units: Vec<&str> = found[0]["units"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|u| u.as_str())
            .collect();
        let others = ["Twitch", "Audible", "Zoox Inc"]
            .iter()
            .filter(|u| **u != unit && units.contains(u))
            .count();
        assert_eq!(others, 0, "{unit}: {units:?}");
    }
    // The tracker row, the WARN notice and both dated articles of Quillon's
    // 40 are one cut; the undated report of the same size joins it too.
    let quillon: Vec<&serde_json::Value> = events
        .iter()
        .filter(|e| {
            e["company"]
                .as_str()
                .is_some_and(|c| c.starts_with("Quillon"))
        })
        .collect();
    let forty: Vec<_> = quillon
        .iter()
        .filter(|e| e["headcount"]["min"] == 40)
        .collect();
    assert_eq!(forty.len(), 1, "{quillon:?}");
    let kinds: std::collections::BTreeSet<&str> = forty[0]["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["news", "tracker", "warn"].into());
    assert_eq!(forty[0]["headcount"]["text"], "40 workers");
}
