//! The Spark recipe (recipes/spark_extract.py) in PySpark's local mode:
//! `layoffwatch extract` as the mapper over JSON Lines (RDD.pipe, several
//! partitions) and over WARC files (a task per file) gives, line for line,
//! what a direct `extract` gives; with `--with-documents` its part files
//! load into PostgreSQL with `ingest` and give the events a direct `ingest`
//! gives. `scripts/test.sh` installs pyspark, starts PostgreSQL and sets
//! LAYOFFWATCH_REQUIRE_SPARK=1, so that there a missing piece fails.

mod common;

use common::archive::crawl;
use common::{bin, ingest, pg_database, root, shared, succeed};
use std::path::Path;
use std::process::Command;

fn spark_ready() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import pyspark"])
        .output()
        .is_ok_and(|o| o.status.success())
        && Command::new("java").arg("-version").output().is_ok();
    if !ok {
        if std::env::var("LAYOFFWATCH_REQUIRE_SPARK").as_deref() == Ok("1") {
            panic!("the Spark test needs python3 with pyspark and java");
        }
        eprintln!("SKIPPED: the Spark test needs pyspark (pip install pyspark) and java");
    }
    ok
}

/// Runs the recipe in local mode with the binary under test.
fn run_recipe(args: &[&str]) {
    succeed(
        Command::new("python3")
            .arg(root().join("recipes/spark_extract.py"))
            .args(["--binary", env!("CARGO_BIN_EXE_layoffwatch")])
            .args(["--master", "local[2]"])
            .args(args),
    );
}

/// Runs the recipe collecting its output into one file; returns it.
fn recipe(args: &[&str], out: &Path) -> String {
    let mut all = vec!["--collect", out.to_str().unwrap()];
    all.extend_from_slice(args);
    run_recipe(&all);
    std::fs::read_to_string(out).unwrap()
}

fn direct(files: &[&Path], flags: &[&str]) -> String {
    let out = bin()
        .arg("extract")
        .args(flags)
        .args(files)
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn spark_gives_what_extract_gives_on_the_news_corpus_and_on_warc() {
    if !spark_ready() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // JSON Lines: the news corpus when ../shared is there, else the example
    // pages; split into four partitions.
    let jsonl = dir.path().join("corpus.jsonl");
    match shared() {
        Some(s) => {
            let gz = std::fs::File::open(s.join("data/news-corpus/reuters21578.jsonl.gz")).unwrap();
            let mut plain = std::fs::File::create(&jsonl).unwrap();
            std::io::copy(&mut flate2::read::GzDecoder::new(gz), &mut plain).unwrap();
        }
        None => {
            let (_, pages) = crawl(dir.path());
            std::fs::copy(pages, &jsonl).unwrap();
        }
    }
    let expected = direct(&[&jsonl], &[]);
    let got = recipe(
        &["--jsonl", jsonl.to_str().unwrap(), "--partitions", "4"],
        &dir.path().join("spark.jsonl"),
    );
    assert_eq!(got.lines().count(), expected.lines().count());
    assert!(got == expected, "Spark and direct extract differ");

    // WARC: two crawl files, a task each.
    let subdir = |name: &str| {
        let d = dir.path().join(name);
        std::fs::create_dir(&d).unwrap();
        d
    };
    let (a, _) = crawl(&subdir("a"));
    let (b, _) = crawl(&subdir("b"));
    let warcs = dir.path().join("warcs");
    std::fs::create_dir(&warcs).unwrap();
    let (a2, b2) = (warcs.join("1.warc.gz"), warcs.join("2.warc.gz"));
    std::fs::rename(a, &a2).unwrap();
    std::fs::rename(b, &b2).unwrap();
    let glob = warcs.join("*.warc.gz");
    let got = recipe(
        &["--warc", glob.to_str().unwrap()],
        &dir.path().join("spark-warc.jsonl"),
    );
    let expected = direct(&[&a2, &b2], &[]);
    assert!(expected.lines().count() >= 10);
    assert_eq!(got, expected);

    // Documents with their events, as Spark's part files, then `ingest`
    // into PostgreSQL: the events a direct ingest into SQLite stores.
    let parts = dir.path().join("parts");
    run_recipe(&[
        "--jsonl",
        jsonl.to_str().unwrap(),
        "--partitions",
        "4",
        "--with-documents",
        "--out",
        parts.to_str().unwrap(),
    ]);
    let mut names: Vec<_> = std::fs::read_dir(&parts)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("part-"))
        .collect();
    names.sort();
    assert!(names.len() >= 4, "{names:?}");
    let joined: String = names
        .iter()
        .map(|n| std::fs::read_to_string(parts.join(n)).unwrap())
        .collect();
    assert!(joined == direct(&[&jsonl], &["--with-documents"]));
    let Some(pg) = pg_database("spark") else {
        return;
    };
    ingest(Path::new(&pg), &[&parts]);
    let sqlite = dir.path().join("direct.db");
    ingest(&sqlite, &[&jsonl]);
    let events = |db: &Path| {
        let out = succeed(bin().args(["events", "--format", "jsonl", "--db"]).arg(db));
        String::from_utf8(out.stdout).unwrap()
    };
    let (a, b) = (events(Path::new(&pg)), events(&sqlite));
    assert!(a.lines().count() >= 5, "{a}");
    assert!(
        a == b,
        "Spark into PostgreSQL and direct ingest into SQLite differ"
    );
}
