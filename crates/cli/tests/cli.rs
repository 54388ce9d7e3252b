//! End-to-end tests of the real `layoffwatch` binary on temporary folders.

use std::io::Write;
mod common;

use common::{bin, json_lines, jsonl_command, root, shared};
use std::path::Path;
use std::process::{Output, Stdio};

fn run_with_input(args: &[&str], input: &[u8]) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn lines(out: &Output) -> Vec<serde_json::Value> {
    json_lines(out)
}

#[test]
fn seeds_give_schema_valid_lines_in_order() {
    let Some(shared) = shared() else { return };
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(shared.join("spec/event.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let input = std::fs::read(shared.join("seeds/docs.jsonl")).unwrap();
    let out = run_with_input(&["extract"], &input);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = lines(&out);
    let ids: Vec<_> = String::from_utf8(input)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].clone())
        .collect();
    assert_eq!(got.len(), 3);
    for (line, id) in got.iter().zip(&ids) {
        assert_eq!(&line["id"], id);
        let errors: Vec<String> = validator.iter_errors(line).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:?}");
        assert!(
            !line["events"].as_array().unwrap().is_empty(),
            "every seed reports cuts"
        );
    }
}

#[test]
fn bad_lines_get_their_own_error_and_the_run_goes_on() {
    let mut input = Vec::new();
    input.extend_from_slice(b"{\"id\":\"a\",\"text\":\"Acme Corp says it is to lay off 300 workers.\",\"published\":\"2024-01-05\"}\n");
    input.extend_from_slice(b"this is not json\n");
    input.extend_from_slice(b"{\"id\":\"c\",\"text\":\"bad \xff byte\"}\n");
    input.extend_from_slice(b"{\"text\":\"no id\"}\n");
    input.extend_from_slice(b"\n");
    input.extend_from_slice(b"{\"id\":\"e\",\"text\":\"Globex will cut 40 jobs.\"}\n");
    let out = run_with_input(&["extract"], &input);
    assert_eq!(out.status.code(), Some(1), "some lines failed");
    let got = lines(&out);
    assert_eq!(got.len(), 5, "one line per non-blank input line");
    assert_eq!(got[0]["id"], "a");
    assert!(got[0]["error"].is_null());
    assert_eq!(got[0]["events"][0]["headcount"]["min"], 300);
    assert!(got[1]["error"].as_str().unwrap().contains("JSON"));
    assert_eq!(got[2]["id"], "c");
    assert!(got[2]["error"].as_str().unwrap().contains("UTF-8"));
    assert!(got[3]["error"].as_str().unwrap().contains("id"));
    assert_eq!(got[4]["id"], "e");
    assert!(got[4]["error"].is_null());
}

#[test]
fn a_50_mb_line_is_an_error_for_that_line_only() {
    let mut input = Vec::with_capacity(51 << 20);
    input.extend_from_slice(b"{\"id\":\"huge\",\"text\":\"");
    input.resize(input.len() + (50 << 20), b'a');
    input
        .extend_from_slice(b"\"}\n{\"id\":\"next\",\"text\":\"Initech laid off 75 employees.\"}\n");
    let out = run_with_input(&["extract"], &input);
    assert_eq!(out.status.code(), Some(1));
    let got = lines(&out);
    assert_eq!(got.len(), 2);
    assert_eq!(got[0]["id"], "huge");
    assert!(
        got[0]["error"].as_str().unwrap().contains("limit"),
        "{}",
        got[0]
    );
    assert_eq!(got[1]["id"], "next");
    assert_eq!(got[1]["events"].as_array().unwrap().len(), 1);
}

#[test]
fn output_order_matches_input_across_threads() {
    let input: String = (0..5000)
        .map(|i| {
            format!("{{\"id\":\"d{i}\",\"text\":\"Company{i} Inc said it will cut {i} jobs.\"}}\n")
        })
        .collect();
    let out = run_with_input(&["extract", "-j", "2"], input.as_bytes());
    assert!(out.status.success());
    let got = lines(&out);
    assert_eq!(got.len(), 5000);
    for (i, l) in got.iter().enumerate() {
        assert_eq!(l["id"], format!("d{i}"));
    }
}

fn ingest(db: &Path, paths: &[&Path]) -> Output {
    let mut cmd = bin();
    cmd.arg("ingest").arg("--db").arg(db);
    cmd.args(paths);
    cmd.output().unwrap()
}

fn events_json(db: &Path, extra: &[&str]) -> Vec<serde_json::Value> {
    let args: Vec<&str> = std::iter::once("events")
        .chain(extra.iter().copied())
        .collect();
    jsonl_command(db, &args)
}

#[test]
fn examples_ingest_once_query_and_show() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lw.db");
    let examples = root().join("examples");
    let files = std::fs::read_dir(&examples).unwrap().count();
    let first = ingest(&db, &[&examples]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let summary = String::from_utf8_lossy(&first.stderr);
    assert!(summary.contains(&format!("{files} new")), "{summary}");
    let all = events_json(&db, &[]);
    assert!(
        all.len() >= 7,
        "the examples report at least seven cuts: {all:?}"
    );
    assert!(
        !all.iter()
            .any(|e| e["company"].as_str().unwrap().contains("Pinecone")),
        "hiring news is no event"
    );

    let second = ingest(&db, &[&examples]);
    let summary = String::from_utf8_lossy(&second.stderr);
    assert!(
        summary.contains(&format!("0 new, {files} already stored")),
        "{summary}"
    );
    assert_eq!(events_json(&db, &[]).len(), all.len());

    let ai = events_json(&db, &["--ai"]);
    assert!(!ai.is_empty() && ai.iter().all(|e| e["ai_attributed"] == true));
    assert!(ai.len() < all.len());
    let helio = events_json(&db, &["--company", "helio"]);
    assert_eq!(helio.len(), 1);
    assert_eq!(helio[0]["headcount"]["min"], 1200);

    let csv = bin()
        .args(["events", "--format", "csv", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(csv.starts_with("id,company,"));
    assert_eq!(csv.lines().count(), all.len() + 1);

    let id = helio[0]["id"].to_string();
    let shown = bin().args(["show", &id, "--db"]).arg(&db).output().unwrap();
    let shown = String::from_utf8(shown.stdout).unwrap();
    assert!(shown.contains("[[1,200 customer service jobs]]"), "{shown}");

    let missing = bin()
        .args(["show", "99999", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no event with id"));
}

#[test]
fn a_killed_ingest_rerun_stores_everything_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("many.jsonl");
    let mut f = std::fs::File::create(&input).unwrap();
    let n = 20_000;
    for i in 0..n {
        writeln!(
            f,
            "{{\"id\":\"k{i}\",\"text\":\"Firm{i} Corp said Monday that it will lay off {} workers at its plant. {}\",\"published\":\"2024-05-01\"}}",
            i + 10,
            "Filler sentence about the weather and markets. ".repeat(20)
        )
        .unwrap();
    }
    drop(f);
    let db = dir.path().join("killed.db");
    let mut child = bin()
        .args(["ingest", "--batch", "100", "--db"])
        .arg(&db)
        .arg(&input)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it mid-run: once a first batch is committed (a reader sees it).
    let start = std::time::Instant::now();
    loop {
        let created = dir.path().join("killed.db-wal").exists();
        let seen = created
            && bin()
                .args(["events", "--limit", "1", "--format", "jsonl", "--db"])
                .arg(&db)
                .output()
                .map(|o| !o.stdout.is_empty())
                .unwrap_or(false);
        if seen || start.elapsed().as_secs() > 60 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL
    let status = child.wait().unwrap();
    assert!(
        !status.success(),
        "the ingest was killed before it finished"
    );

    let rerun = ingest(&db, &[&input]);
    assert!(
        rerun.status.success(),
        "{}",
        String::from_utf8_lossy(&rerun.stderr)
    );
    let summary = String::from_utf8_lossy(&rerun.stderr);
    assert!(
        !summary.contains(" 0 already stored"),
        "the killed run stored some documents first: {summary}"
    );

    let events = events_json(&db, &[]);
    assert_eq!(
        events.len(),
        n,
        "one event per document, none lost or doubled"
    );
    let mut docs: Vec<&str> = events
        .iter()
        .map(|e| e["sources"][0]["doc"].as_str().unwrap())
        .collect();
    docs.sort_unstable();
    docs.dedup();
    assert_eq!(docs.len(), n);
}

#[test]
fn bad_filters_explain_themselves() {
    let out = bin()
        .args([
            "events",
            "--since",
            "last tuesday",
            "--db",
            "/nonexistent/x.db",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("YYYY-MM-DD"));
    // The right shape but no calendar day.
    let out = bin()
        .args([
            "events",
            "--until",
            "2024-02-30",
            "--db",
            "/nonexistent/x.db",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("real month and day"));
    let out = bin()
        .args(["events", "--reason", "layoffs", "--db", "/nonexistent/x.db"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("cost_cutting"));
}
