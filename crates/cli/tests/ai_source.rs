//! Who blames AI, end to end: events whose `ai_source` is set by
//! construction are ingested as `extract --with-documents` lines, then the
//! CLI and the API filter them and give the three AI shares and
//! Challenger's categories.

mod common;

use common::{bin, jsonl_command, succeed, Server};
use serde_json::json;
use std::collections::BTreeSet;
use std::path::Path;

/// One cut: company, jobs, ai_attributed, ai_source, reasons.
type Cut = (
    &'static str,
    u64,
    bool,
    Option<&'static str>,
    &'static [&'static str],
);

/// Four employers, one cut each. 2,000 jobs in all: 1,000 the employer ties
/// to AI, 500 only the reporting does, 200 whose employer denies AI, 300
/// with no AI at all.
const CUTS: [Cut; 4] = [
    (
        "Northwind Robotics",
        1000,
        true,
        Some("employer"),
        &["ai_automation", "cost_cutting"],
    ),
    (
        "Lakeside Bank",
        500,
        true,
        Some("reporting"),
        &["ai_automation"],
    ),
    ("Harbor Foods", 200, false, Some("denied"), &["closure"]),
    (
        "Pinecrest Media",
        300,
        false,
        None,
        &["economic_conditions"],
    ),
];

fn fixture(dir: &Path) -> std::path::PathBuf {
    let mut lines = String::new();
    for (i, (company, jobs, ai, source, reasons)) in CUTS.iter().enumerate() {
        let text = format!("{company} cut {jobs} jobs.");
        let event = json!({
            "company": company, "units": [], "announced": format!("2025-0{}-10", i + 1),
            "headcount": {"min": jobs, "max": jobs, "approximate": false, "text": format!("{jobs} jobs")},
            "percent": null, "reasons": reasons, "reasons_denied": [], "ai_attributed": ai,
            "ai_source": source, "functions": [], "locations": [], "severance": null,
            "hiring_elsewhere": false, "evidence": [{"field": "event", "start": 0, "end": 3}],
        });
        let id = format!("ai-source-{i}");
        let line = json!({"id": id, "events": [event],
            "document": {"id": id, "text": text, "published": "2025-06-01"}});
        lines.push_str(&format!("{line}\n"));
    }
    let path = dir.join("cuts.jsonl");
    std::fs::write(&path, lines).unwrap();
    path
}

fn companies(events: &[serde_json::Value]) -> BTreeSet<String> {
    events
        .iter()
        .map(|e| e["company"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_cli_and_the_api_filter_by_who_blames_ai_and_give_three_shares() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ai.db");
    succeed(
        bin()
            .arg("ingest")
            .arg("--db")
            .arg(&db)
            .arg(fixture(dir.path())),
    );

    let set = |names: &[&str]| names.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
    for (filter, want) in [
        (vec!["--ai", "employer"], set(&["Northwind Robotics"])),
        (vec!["--ai", "reporting"], set(&["Lakeside Bank"])),
        (vec!["--ai", "denied"], set(&["Harbor Foods"])),
        (vec!["--ai"], set(&["Northwind Robotics", "Lakeside Bank"])),
    ] {
        let args: Vec<&str> = ["events"].into_iter().chain(filter.clone()).collect();
        let events = jsonl_command(&db, &args);
        assert_eq!(companies(&events), want, "{filter:?}");
    }
    let bad = bin()
        .args(["events", "--ai", "analysts", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("employer, reporting, denied or none"));

    // The three shares of the jobs cut.
    let csv = succeed(
        bin()
            .args(["stats", "--by", "country", "--format", "csv", "--db"])
            .arg(&db),
    );
    let csv = String::from_utf8(csv.stdout).unwrap();
    let mut rows = csv.lines();
    let header: Vec<&str> = rows.next().unwrap().split(',').collect();
    let all: Vec<&str> = rows.next().unwrap().split(',').collect();
    let col = |name: &str| {
        all[header
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
            .unwrap()]
    };
    assert_eq!(col("jobs_min"), "2000");
    assert_eq!(col("ai_share"), "0.750");
    assert_eq!(col("ai_employer_share"), "0.500");
    assert_eq!(col("ai_reported_share"), "0.250");

    // Challenger's categories count AI only where the employer cites it.
    let by: Vec<serde_json::Value> = jsonl_command(&db, &["stats", "--by", "challenger"]);
    let jobs = |group: &str| {
        by.iter()
            .find(|r| r["group"] == group)
            .map(|r| r["jobs_min"].as_u64().unwrap())
    };
    assert_eq!(jobs("Artificial Intelligence"), Some(1000));
    assert_eq!(jobs("Cost-Cutting"), Some(1000));
    assert_eq!(jobs("Closing"), Some(200));
    assert_eq!(jobs("Economic Conditions"), Some(300));
    assert_eq!(jobs("Other"), Some(500), "the reported-only AI cut: {by:?}");

    // The same through the API.
    let server = Server::start(&db, None);
    let (status, body) = server.get("/api/events?ai=employer");
    assert_eq!(status, 200, "{body}");
    let names = companies(body["events"].as_array().unwrap());
    assert_eq!(names, set(&["Northwind Robotics"]));
    assert_eq!(body["events"][0]["ai_source"], "employer");
    let (status, body) = server.get("/api/events?ai=false");
    assert_eq!(status, 200);
    assert_eq!(
        companies(body["events"].as_array().unwrap()),
        set(&["Harbor Foods", "Pinecrest Media"])
    );
    let (status, body) = server.get("/api/stats");
    assert_eq!(status, 200);
    let t = &body["totals"];
    assert_eq!(
        (
            t["ai_share"].as_f64(),
            t["ai_employer_share"].as_f64(),
            t["ai_reported_share"].as_f64()
        ),
        (Some(0.75), Some(0.5), Some(0.25))
    );
    let (status, body) = server.get("/api/events?ai=maybe");
    assert_eq!(status, 400);
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("employer"),
        "{body}"
    );
}
