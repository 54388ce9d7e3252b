//! Strict input: read commands never create a database, folder ingest reads
//! regular files once, odd files are counted apart, other encodings are
//! read, and a document the extractor fails on is an error for that
//! document alone in ingest, extract and the API.

mod common;

use common::*;
use std::path::Path;

const GOOD: &str = "Title: Harbor Freightways trims staff\n\n\
    Harbor Freightways said on Tuesday it would lay off 240 workers at its Tacoma depot, \
    and those affected would receive severance pay and continued health coverage.\n";

/// Latin-1 bytes of a short article with accented names.
fn latin1(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap())
        .collect()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn read_commands_on_a_missing_database_fail_and_create_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("no/such/dir/lw.db");
    for args in [
        &["events"][..],
        &["stats"],
        &["show", "1"],
        &["timeline", "Acme"],
        &["exposure"],
        &["serve"],
    ] {
        let out = bin().args(args).arg("--db").arg(&db).output().unwrap();
        assert!(!out.status.success(), "{args:?}");
        let err = stderr(&out);
        assert!(
            err.contains("there is no database at") && err.contains("layoffwatch ingest"),
            "{args:?}: {err}"
        );
        assert!(!dir.path().join("no").exists(), "{args:?} created folders");
    }
    // A command that writes creates it.
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join("a.txt"), GOOD).unwrap();
    ingest(&db, &[&docs]);
    assert_eq!(jsonl_command(&db, &["events"]).len(), 1);
}

#[test]
fn folder_ingest_reads_regular_files_once_and_the_counts_add_up() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(docs.join("sub")).unwrap();
    std::fs::write(docs.join("good.txt"), GOOD).unwrap();
    std::fs::write(docs.join("blank.txt"), "  \n\n").unwrap();
    std::fs::write(
        docs.join("sub/latin.txt"),
        latin1("Brauerei Köhler said on Monday it would cut 180 jobs at its Düsseldorf brewery."),
    )
    .unwrap();
    // Over the 16 MiB limit of one document.
    std::fs::write(docs.join("huge.txt"), vec![b'a'; (16 << 20) + 10]).unwrap();
    std::os::unix::fs::symlink("..", docs.join("sub/up")).unwrap();
    let fifo = docs.join("pipe.txt");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let db = dir.path().join("lw.db");
    let mut cmd = bin();
    cmd.arg("ingest").arg(&docs).arg("--db").arg(&db);
    let out = common::with_deadline(cmd, 60);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "the huge file failed: {err}");
    assert!(
        err.contains("read 3 documents: 2 new, 0 already stored, 1 failed"),
        "{err}"
    );
    assert!(err.contains("3 files not read"), "{err}");
    assert!(err.contains("pipe.txt: not a regular file"), "{err}");
    assert!(err.contains("a link to a folder already read"), "{err}");
    assert!(err.contains("blank.txt: the file is empty"), "{err}");
    assert!(
        err.contains("huge.txt: the file is 16777226 bytes, over the limit of 16777216 bytes"),
        "{err}"
    );
    let companies: Vec<String> = jsonl_command(&db, &["events"])
        .iter()
        .map(|e| e["company"].as_str().unwrap().to_string())
        .collect();
    assert!(
        companies.iter().any(|c| c.contains("Köhler")),
        "the Latin-1 file is read as Latin-1: {companies:?}"
    );
    // A file that does not exist: its cause is said once.
    let out = bin()
        .arg("ingest")
        .arg(docs.join("gone.txt"))
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(err.matches("No such file").count(), 1, "{err}");
}

#[test]
fn show_prints_a_dash_for_an_absent_number() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lw.db");
    let file = dir.path().join("a.txt");
    std::fs::write(&file, GOOD).unwrap();
    ingest(&db, &[&file]);
    let id = jsonl_command(&db, &["events"])[0]["id"].to_string();
    let out = succeed(bin().args(["show", &id, "--db"]).arg(&db));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("severance  pay days -"), "{text}");
    assert!(!text.contains("None"), "{text}");
}

const MARKER: &str = "zzpanicmarkerzz";

fn three_documents(dir: &Path) -> std::path::PathBuf {
    let docs = dir.join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join("a.txt"), GOOD).unwrap();
    std::fs::write(
        docs.join("b.txt"),
        format!("Corvid Mills said it would cut 90 jobs. {MARKER}\n"),
    )
    .unwrap();
    std::fs::write(
        docs.join("c.txt"),
        "Pelham Dairy Co. said on Friday it would lay off 75 employees at its creamery.\n",
    )
    .unwrap();
    docs
}

#[test]
fn a_document_that_panics_fails_alone_in_ingest_and_extract() {
    let dir = tempfile::tempdir().unwrap();
    let docs = three_documents(dir.path());
    let db = dir.path().join("lw.db");
    for round in ["first", "rerun"] {
        let out = bin()
            .arg("ingest")
            .arg(&docs)
            .arg("--db")
            .arg(&db)
            .env("LAYOFFWATCH_TEST_PANIC_MARKER", MARKER)
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{round}: {err}");
        let want = if round == "first" {
            "read 3 documents: 2 new, 0 already stored, 1 failed"
        } else {
            "read 3 documents: 0 new, 2 already stored, 1 failed"
        };
        assert!(err.contains(want), "{round}: {err}");
        assert!(
            err.contains("skipped b: internal error while extracting"),
            "{err}"
        );
    }
    assert_eq!(jsonl_command(&db, &["events"]).len(), 2);
    // Without the fault the document is stored by a rerun: nothing was lost.
    ingest(&db, &[&docs]);
    assert_eq!(jsonl_command(&db, &["events"]).len(), 3);

    let out = bin()
        .arg("extract")
        .args(["a.txt", "b.txt", "c.txt"].map(|f| docs.join(f)))
        .env("LAYOFFWATCH_TEST_PANIC_MARKER", MARKER)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 3);
    assert!(lines[1]["error"]
        .as_str()
        .unwrap()
        .contains("internal error"));
    assert!(lines[0]["error"].is_null() && lines[2]["error"].is_null());
}

#[test]
fn a_document_that_panics_fails_alone_in_the_api() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lw.db");
    let token = "test-token-123";
    let server = Server::start_env(
        db.as_path(),
        token,
        ("LAYOFFWATCH_TEST_PANIC_MARKER", MARKER),
    );
    let body = serde_json::json!([
        { "id": "p1", "text": format!("Corvid Mills said it would cut 90 jobs. {MARKER}") },
        { "id": "p2", "text": "Pelham Dairy Co. said on Friday it would lay off 75 employees." },
    ]);
    let (status, answer) = server.post("/api/documents", Some(token), body.to_string().as_bytes());
    assert_eq!(status, 200, "{answer}");
    let results = answer["results"].as_array().unwrap();
    assert_eq!(results[0]["status"], "error", "{answer}");
    assert!(results[0]["error"]
        .as_str()
        .unwrap()
        .contains("internal error"));
    assert_eq!(results[1]["status"], "stored", "{answer}");
    let (status, events) = server.get("/api/events");
    assert_eq!(status, 200);
    assert_eq!(events["events"].as_array().unwrap().len(), 1, "{events}");
}
