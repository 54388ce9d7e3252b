//! `layoffwatch train`: retraining on the labelled sets reproduces the
//! committed ranker weights (training is deterministic and the weights
//! match today's features), and the cross-validation table is printed.

mod common;

use common::{bin, root, shared, succeed};

fn sets(shared: &std::path::Path) -> Vec<std::path::PathBuf> {
    [
        "seeds",
        "dev",
        "dev-modern/a",
        "dev-modern/b",
        "dev-modern/c",
        "dev-modern/d",
        "dev-modern/e",
    ]
    .iter()
    .map(|s| shared.join(s))
    .collect()
}

#[test]
fn retraining_reproduces_the_committed_weights() {
    let Some(shared) = shared() else { return };
    let out = succeed(bin().arg("train").args(sets(&shared)));
    let trained = String::from_utf8(out.stdout).unwrap();
    let committed =
        std::fs::read_to_string(root().join("crates/extract/data/employer_ranker.txt")).unwrap();
    assert_eq!(
        trained, committed,
        "the committed ranker weights are stale: run scripts/train.sh"
    );
}

#[test]
fn cross_validation_holds_each_set_out() {
    let Some(shared) = shared() else { return };
    let all = sets(&shared);
    let out = succeed(bin().args(["train", "--cv"]).args(&all[2..4]));
    let table = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = table.lines().filter(|l| l.contains("dev-modern")).collect();
    assert_eq!(rows.len(), 2, "{table}");
    // Each row: set | candidates | dropped employers | dropped others | F1 | F1.
    for row in rows {
        let cells: Vec<&str> = row.split(" | ").collect();
        assert_eq!(cells.len(), 6, "{row}");
        let f1: f64 = cells[5].trim().parse().unwrap();
        assert!((0.0..=1.0).contains(&f1), "{row}");
    }
}

#[test]
fn cross_validation_needs_two_sets() {
    let Some(shared) = shared() else { return };
    let out = bin()
        .args(["train", "--cv"])
        .arg(shared.join("dev"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least two sets"));
}
