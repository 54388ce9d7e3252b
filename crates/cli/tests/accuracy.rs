//! Accuracy: `layoffwatch eval` agrees with the referee scorer, and no score
//! drops below the baseline committed in eval/REPORT.md.

mod common;

use common::{bin, root, shared, succeed};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The labelled sets the report keeps: (name in REPORT.md, folder in ../shared).
const SETS: [(&str, &str); 7] = [
    ("seeds", "seeds"),
    ("dev", "dev"),
    ("modern-a", "dev-modern/a"),
    ("modern-b", "dev-modern/b"),
    ("modern-c", "dev-modern/c"),
    ("modern-d", "dev-modern/d"),
    ("modern-e", "dev-modern/e"),
];

fn predict(shared: &Path, set: &str, dir: &Path) -> PathBuf {
    let out = dir.join(format!("{}.jsonl", set.replace('/', "-")));
    let input = std::fs::File::open(shared.join(set).join("docs.jsonl")).unwrap();
    let status = bin()
        .arg("extract")
        .stdin(input)
        .stdout(std::fs::File::create(&out).unwrap())
        .status()
        .unwrap();
    assert!(status.success());
    out
}

fn eval_json(shared: &Path, set: &str, pred: &Path) -> serde_json::Value {
    let out = bin()
        .args(["eval", "--json"])
        .arg(shared.join(set).join("gold.jsonl"))
        .arg(pred)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn eval_gives_the_referee_numbers() {
    let Some(shared) = shared() else { return };
    let dir = tempfile::tempdir().unwrap();
    for (_, set) in SETS {
        let pred = predict(&shared, set, dir.path());
        let mut ours = eval_json(&shared, set, &pred);
        // Roles are scored by layoffwatch only.
        ours.as_object_mut().unwrap().remove("roles_f1");
        ours.as_object_mut().unwrap().remove("ai_source_detail");
        let referee = Command::new("python3")
            .arg(shared.join("tools/score.py"))
            .arg(shared.join(set).join("gold.jsonl"))
            .arg(&pred)
            .arg("--json")
            .stderr(Stdio::inherit())
            .output()
            .expect("python3 runs the referee scorer");
        let mut referee: serde_json::Value = serde_json::from_slice(&referee.stdout).unwrap();
        referee.as_object_mut().unwrap().remove("schema_errors");
        assert_eq!(ours, referee, "{set}");
    }
}

/// Every number of a committed baseline, by path ("fields.announced").
fn numbers(v: &serde_json::Value, prefix: &str, out: &mut Vec<(String, f64)>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                numbers(x, &format!("{prefix}{k}."), out);
            }
        }
        serde_json::Value::Number(n) => out.push((
            prefix.trim_end_matches('.').to_string(),
            n.as_f64().unwrap(),
        )),
        _ => {}
    }
}

/// The committed `baseline-NAME:` line of the report, as JSON.
fn baseline(report: &str, name: &str) -> serde_json::Value {
    let line = report
        .lines()
        .find_map(|l| l.strip_prefix(&format!("baseline-{name}: ")))
        .unwrap_or_else(|| {
            panic!("eval/REPORT.md has no baseline-{name} line; run scripts/eval.sh")
        });
    serde_json::from_str(line).unwrap()
}

#[test]
fn scores_do_not_drop_below_the_committed_report() {
    let Some(shared) = shared() else { return };
    let report = std::fs::read_to_string(root().join("eval/REPORT.md")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (name, set) in SETS {
        let baseline = baseline(&report, name);
        let pred = predict(&shared, set, dir.path());
        let now = eval_json(&shared, set, &pred);
        let mut want = Vec::new();
        numbers(&baseline, "", &mut want);
        let mut drops = Vec::new();
        for (path, base) in want {
            // Counts, not scores (fields.ai_source covers the AI source).
            if path.starts_with("field_counts")
                || path.starts_with("ai_source_detail")
                || path.ends_with("events")
                || path == "documents"
            {
                continue;
            }
            let got = path
                .split('.')
                .fold(&now, |v, k| &v[k])
                .as_f64()
                .unwrap_or(0.0);
            if got + 1e-9 < base {
                drops.push(format!("{set} {path}: {got} < baseline {base}"));
            }
        }
        assert!(drops.is_empty(), "accuracy dropped: {drops:#?}");
    }
}

#[test]
fn role_mapping_meets_its_targets_and_the_committed_report() {
    let Some(shared) = shared() else { return };
    let report = std::fs::read_to_string(root().join("eval/REPORT.md")).unwrap();
    // With the curated aliases, and the O*NET title index alone.
    for (name, extra) in [("roles", None), ("roles-index", Some("--no-aliases"))] {
        let baseline = baseline(&report, name);
        let out = succeed(
            bin()
                .args(["occupations", "--json", "--score"])
                .arg(shared.join("dev/roles.jsonl"))
                .args(extra),
        );
        let now: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        if extra.is_none() {
            // The targets.
            assert!(now["top1"].as_f64().unwrap() >= 0.85, "{now}");
            assert!(now["top3"].as_f64().unwrap() >= 0.95, "{now}");
        }
        assert_eq!(now["none_accuracy"].as_f64().unwrap(), 1.0, "{name}: {now}");
        let mut want = Vec::new();
        numbers(&baseline, "", &mut want);
        let mut drops = Vec::new();
        for (path, base) in want {
            if path.ends_with("phrases") {
                continue;
            }
            let got = path
                .split('.')
                .fold(&now, |v, k| &v[k])
                .as_f64()
                .unwrap_or(-1.0);
            // A missing number counts as a drop; "missed" counts failures,
            // so lower is better there.
            let worse = if path == "missed" {
                got > base + 1e-9 || got < 0.0
            } else {
                got + 1e-9 < base
            };
            if worse {
                drops.push(format!("{path}: {got} against baseline {base}"));
            }
        }
        assert!(
            drops.is_empty(),
            "{name}: role mapping got worse: {drops:#?}"
        );
    }
}
