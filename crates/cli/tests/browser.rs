//! The dashboard in a real browser: headless Chromium driven by
//! playwright-core (tests/browser/dashboard.mjs) against a real server.
//! `scripts/test.sh` installs Chromium and the npm package and sets
//! LAYOFFWATCH_REQUIRE_BROWSER=1, so that there a missing piece fails the
//! test instead of skipping it.

mod common;

use common::{ingest, root, shared, Server};
use std::path::Path;
use std::process::Command;

/// What is missing to run the browser test, if anything.
fn missing() -> Option<String> {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() {
        return Some(format!("{chromium} (apt-get install chromium)"));
    }
    if Command::new("node").arg("--version").output().is_err() {
        return Some("node".into());
    }
    if !root()
        .join("tests/browser/node_modules/playwright-core")
        .exists()
    {
        return Some("playwright-core (cd tests/browser && npm ci)".into());
    }
    None
}

#[test]
fn the_dashboard_works_in_a_real_browser() {
    if let Some(what) = missing() {
        if std::env::var("LAYOFFWATCH_REQUIRE_BROWSER").as_deref() == Ok("1") {
            panic!("the browser test needs {what}");
        }
        eprintln!("SKIPPED: the browser test needs {what}; scripts/test.sh installs it");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lw.db");
    ingest(&db, &[&root().join("examples")]);
    if let Some(s) = shared() {
        ingest(&db, &[&s.join("seeds/docs.jsonl")]);
    }
    let server = Server::start(&db, None);
    let shots = root().join("target/browser-shots");
    let _ = std::fs::remove_dir_all(&shots);
    let out = Command::new("node")
        .arg(root().join("tests/browser/dashboard.mjs"))
        .arg(&server.base)
        .arg(&shots)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["ok"], true);
    for png in ["events.png", "event.png", "stats.png", "phone.png"] {
        let bytes = std::fs::read(shots.join(png)).unwrap();
        assert!(
            bytes.starts_with(b"\x89PNG") && bytes.len() > 10_000,
            "{png}"
        );
    }
}
