//! Roles, occupations and AI exposure through the real binary: the mapper as
//! a JSON-lines filter, roles on extracted events with evidence, and the
//! exposure tables over a real ingest.

mod common;

use common::{bin, json_lines, jsonl_command, root, shared, succeed};
use std::io::Write;
use std::process::Stdio;

#[test]
fn occupations_reads_phrases_and_prints_one_line_each() {
    let mut child = bin()
        .arg("occupations")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("Call Centre Staff\n\nhourly workers\nrecruiter\n\u{fffd}\u{fffd}\n".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let lines = json_lines(&out);
    let phrases: Vec<&str> = lines
        .iter()
        .map(|l| l["phrase"].as_str().unwrap())
        .collect();
    assert_eq!(
        phrases,
        [
            "Call Centre Staff",
            "hourly workers",
            "recruiter",
            "\u{fffd}\u{fffd}"
        ]
    );
    assert_eq!(lines[0]["soc"][0], "43-4051.00");
    assert_eq!(lines[0]["titles"][0], "Customer Service Representatives");
    assert_eq!(lines[1]["soc"], serde_json::json!([]));
    assert_eq!(lines[2]["soc"][0], "13-1071.00");
    assert_eq!(lines[3]["soc"], serde_json::json!([]));
    assert!(lines[0].get("how").is_none(), "--explain adds how");
}

#[test]
fn events_carry_roles_with_evidence() {
    let path = root().join("examples/09-roles.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let body = text.split_once("\n\n").unwrap().1;
    let line = serde_json::json!({"id": "roles", "text": body, "published": "2026-03-10"});
    let mut child = bin()
        .arg("extract")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{line}").unwrap();
    let out = child.wait_with_output().unwrap();
    let e = &json_lines(&out)[0]["events"][0];
    let roles: Vec<&str> = e["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    assert!(roles.contains(&"customer service agent"), "{roles:?}");
    assert!(roles.contains(&"claims processor"), "{roles:?}");
    assert!(!roles.iter().any(|r| r.ends_with("employee")), "{roles:?}");
    let spans: Vec<&str> = e["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["field"] == "roles")
        .map(|v| &body[v["start"].as_u64().unwrap() as usize..v["end"].as_u64().unwrap() as usize])
        .collect();
    assert!(spans.contains(&"customer service agents"), "{spans:?}");
}

#[test]
fn exposure_tables_over_an_ingest() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lw.db");
    succeed(
        bin()
            .arg("ingest")
            .arg(root().join("examples"))
            .arg("--db")
            .arg(&db),
    );
    let empty = dir.path().join("no-aioe");
    std::fs::create_dir_all(&empty).unwrap();
    // Without the AIOE files: GPTs-are-GPTs only, and a note on what is missing.
    let out = succeed(
        bin()
            .args(["exposure", "--format", "json", "--db"])
            .arg(&db)
            .arg("--exposure-data")
            .arg(&empty),
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("aioe_occupation.csv"));
    assert_eq!(report["missing"].as_array().unwrap().len(), 1);
    let occupations = report["occupations"].as_array().unwrap();
    let csr = occupations
        .iter()
        .find(|o| o["soc"] == "43-4051.00")
        .expect("the example's customer service agents");
    assert_eq!(csr["band"], "high");
    assert!(csr["aioe"].is_null());
    assert!(csr["ai_events"].as_u64().unwrap() >= 1);
    let c = &report["ai_vs_all"];
    assert!(c["ai_events"].as_u64().unwrap() >= 1, "{c}");
    assert!(
        c["ai_high_share_jobs"].as_f64().unwrap()
            > c["all_high_share_jobs"].as_f64().unwrap() - 1e-9
    );
    // Most exposed first.
    let betas: Vec<f64> = occupations
        .iter()
        .map(|o| o["gpts"]["gpt4_beta"].as_f64().unwrap())
        .collect();
    assert!(betas.windows(2).all(|w| w[0] >= w[1]), "{betas:?}");
    // With the AIOE files in place.
    let Some(shared) = shared() else { return };
    let rows = jsonl_command(
        &db,
        &[
            "exposure",
            "--table",
            "occupations",
            "--exposure-data",
            shared.join("data/ai-exposure").to_str().unwrap(),
        ],
    );
    let csr = rows.iter().find(|o| o["soc"] == "43-4051.00").unwrap();
    assert!(csr["aioe"]["aioe"].as_f64().is_some(), "{csr}");
    let csv = succeed(
        bin()
            .args(["exposure", "--table", "months", "--format", "csv", "--db"])
            .arg(&db)
            .arg("--exposure-data")
            .arg(&empty),
    );
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(csv.starts_with("month,band,events,jobs\n"), "{csv}");
    assert!(csv.contains("2026-03,high,"), "{csv}");
}
