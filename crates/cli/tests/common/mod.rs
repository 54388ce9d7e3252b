//! Helpers shared by the end-to-end tests.
#![allow(dead_code)] // each test file uses its own subset

use std::path::{Path, PathBuf};

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
