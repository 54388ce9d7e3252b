//! Helpers shared by the end-to-end tests.
#![allow(dead_code)] // each test file uses its own subset

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The project root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `../shared` beside the project, or None (with a loud message) in a user's clone.
pub fn shared() -> Option<PathBuf> {
    let p = root().join("../shared");
    if p.join("spec/event.schema.json").exists() && p.join("dev/gold.jsonl").exists() {
        Some(p)
    } else {
        eprintln!(
            "SKIPPED: ../shared is absent; this test needs the shared contract and labelled sets"
        );
        None
    }
}

/// The `layoffwatch` binary under test.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_layoffwatch"))
}

/// The JSON lines a run printed.
pub fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Runs `layoffwatch ARGS --format jsonl --db DB`, which must succeed, and
/// returns its lines.
pub fn jsonl_command(db: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let out = bin()
        .args(args)
        .args(["--format", "jsonl", "--db"])
        .arg(db)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json_lines(&out)
}
