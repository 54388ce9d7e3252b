//! The PostgreSQL backend end to end: the same commands and API answers
//! over SQLite and PostgreSQL, and concurrent `ingest` processes into one
//! PostgreSQL database. Needs a cluster (`LAYOFFWATCH_TEST_PG`, which
//! `scripts/test.sh` starts).

mod common;

use common::{bin, ingest, pg_database, psql, root, shared, succeed, Server};
use std::io::Write;
use std::path::Path;

/// Runs a command over a database and returns what it printed.
fn output(db: &str, args: &[&str]) -> String {
    let out = succeed(bin().args(args).args(["--db", db]));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn commands_and_api_answer_alike_over_sqlite_and_postgres() {
    let Some(pg) = pg_database("alike") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let sqlite = dir.path().join("lw.db");
    let sqlite = sqlite.to_str().unwrap();
    for db in [sqlite, pg.as_str()] {
        ingest(Path::new(db), &[&root().join("examples")]);
        if let Some(s) = shared() {
            ingest(Path::new(db), &[&s.join("seeds/docs.jsonl")]);
            ingest(Path::new(db), &[&s.join("dev/docs.jsonl")]);
            let fyi = s.join("data/layoffs-fyi/layoffs_fyi_2026-04.csv");
            // Every row imports (the one without a cut date by the day
            // the tracker added it).
            succeed(
                bin()
                    .args(["import", "layoffs-fyi"])
                    .arg(fyi)
                    .args(["--db", db]),
            );
        }
    }
    // Canonical ids derive from the sources, so both backends give the same
    // ones: take two from the list.
    let listed = output(sqlite, &["events", "--format", "jsonl", "--limit", "2"]);
    let ids: Vec<String> = listed
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].to_string())
        .collect();
    let (first, second) = (ids[0].as_str(), ids[1].as_str());
    let event_path = format!("/api/events/{second}");
    let commands: &[&[&str]] = &[
        &["events", "--format", "jsonl"],
        &[
            "events", "--since", "2025-06", "--sort", "largest", "--format", "csv",
        ],
        &["events", "--ai", "--format", "json"],
        &["events", "--company", "amazon", "--until", "2026"],
        &["events", "--text", "warehouse work*", "--format", "jsonl"],
        &[
            "events",
            "--reason",
            "cost_cutting",
            "--min-headcount",
            "100",
        ],
        &[
            "events", "--source", "tracker", "--limit", "20", "--format", "jsonl",
        ],
        &["stats", "--by", "month", "--format", "json"],
        &["stats", "--by", "reason"],
        &["stats", "--by", "country", "--since", "2025"],
        &["timeline", "Amazon"],
        &["show", first],
        &["explain", second],
        &["coverage"],
        &["exposure", "--table", "companies", "--format", "csv"],
    ];
    for args in commands {
        let a = output(sqlite, args);
        let b = output(&pg, args);
        assert!(!a.trim().is_empty(), "{args:?} printed nothing");
        assert_eq!(a, b, "{args:?}");
    }

    let servers = [
        Server::start(Path::new(sqlite), None),
        Server::start(Path::new(&pg), None),
    ];
    for path in [
        "/api/events?limit=7",
        "/api/events?sort=largest&limit=3&ai=true",
        event_path.as_str(),
        "/api/stats?since=2025&ai=false",
        "/api/companies?limit=10",
        "/api/exposure",
    ] {
        let (sa, mut a) = servers[0].get(path);
        let (sb, mut b) = servers[1].get(path);
        // Document row ids may differ: a PostgreSQL sequence also moves on
        // an insert that finds the text already stored.
        strip_document_ids(&mut a);
        strip_document_ids(&mut b);
        assert_eq!((sa, &a), (sb, &b), "{path}");
        assert_eq!(sa, 200, "{path}: {a}");
    }
    // Search ranks and cuts passages each in its own way (and splits URLs
    // into words differently); here both find the same documents.
    let docs = |server: &Server| {
        let (status, body) = server.get("/api/search?q=plant*&limit=100");
        assert_eq!(status, 200, "{body}");
        let hits = body["hits"].as_array().unwrap().clone();
        assert!(!hits.is_empty());
        for hit in &hits {
            assert!(!hit["snippet"].as_array().unwrap().is_empty(), "{hit}");
        }
        let mut ids: Vec<String> = hits.iter().map(|h| h["doc"].to_string()).collect();
        ids.sort();
        ids
    };
    assert_eq!(docs(&servers[0]), docs(&servers[1]));

    // Writes through the API land in PostgreSQL too.
    drop(servers);
    let server = Server::start(Path::new(&pg), Some("pg-write-token"));
    let body = br#"{"id": "api-1", "published": "2026-11-02", "text": "Quillon Robotics said on Monday it would lay off 240 workers at its Austin plant."}"#;
    let (status, answer) = server.post("/api/documents", Some("pg-write-token"), body);
    assert!(status == 200 || status == 201, "{status} {answer}");
    let stored = psql(&pg, "SELECT count(*) FROM documents WHERE doc_id = 'api-1'");
    assert_eq!(stored.trim(), "1");
}

fn strip_document_ids(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            map.remove("document");
            map.values_mut().for_each(strip_document_ids);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_document_ids),
        _ => {}
    }
}

#[test]
fn concurrent_ingests_into_postgres_lose_and_duplicate_nothing() {
    let Some(shared) = shared() else { return };
    let (Some(together), Some(alone)) = (pg_database("together"), pg_database("alone")) else {
        return;
    };
    // Layoff-rich documents (seeds, dev) among wire stories; four files
    // that overlap, so that processes race to store the same documents.
    let mut lines: Vec<String> = Vec::new();
    for f in ["seeds/docs.jsonl", "dev/docs.jsonl"] {
        let text = std::fs::read_to_string(shared.join(f)).unwrap();
        lines.extend(text.lines().map(String::from));
    }
    let corpus = shared.join("data/news-corpus/reuters21578.jsonl.gz");
    let mut stories = String::new();
    std::io::Read::read_to_string(
        &mut flate2::read::GzDecoder::new(std::fs::File::open(corpus).unwrap()),
        &mut stories,
    )
    .unwrap();
    lines.extend(stories.lines().take(2000).map(String::from));
    let dir = tempfile::tempdir().unwrap();
    let n = lines.len();
    let parts: Vec<std::path::PathBuf> = (0..4)
        .map(|k| {
            let path = dir.path().join(format!("part{k}.jsonl"));
            let mut f = std::fs::File::create(&path).unwrap();
            // Part k: a window of 60% of the lines starting at k/4, in
            // reverse for odd k.
            let mut picked: Vec<&String> = (0..n * 3 / 5)
                .map(|i| &lines[(k * n / 4 + i) % n])
                .collect();
            if k % 2 == 1 {
                picked.reverse();
            }
            for l in picked {
                writeln!(f, "{l}").unwrap();
            }
            path
        })
        .collect();
    let children: Vec<std::process::Child> = parts
        .iter()
        .map(|p| {
            bin()
                .arg("ingest")
                .arg(p)
                .args(["--batch", "32", "--db", &together])
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let all = dir.path().join("all.jsonl");
    std::fs::write(&all, lines.join("\n") + "\n").unwrap();
    ingest(Path::new(&alone), &[&all]);

    let documents = "SELECT content_hash FROM documents ORDER BY 1";
    let mentions = "SELECT d.content_hash, e.ordinal, e.employer_key, e.event FROM events e \
                    JOIN documents d ON d.id = e.document_id ORDER BY 1, 2";
    for (sql, least) in [(documents, 2000), (mentions, 50)] {
        let a = psql(&together, sql);
        assert!(
            a.lines().count() > least,
            "{sql}: {} lines",
            a.lines().count()
        );
        assert_eq!(a, psql(&alone, sql), "{sql}");
    }
    // Every document once (the corpus has no repeated texts in this slice
    // that the seeds or dev share), every mention in one canonical event
    // of its own employer, no canonical event left without a mention.
    let unique = psql(
        &together,
        "SELECT count(DISTINCT doc_id) = count(*) FROM documents",
    );
    assert_eq!(unique.trim(), "t");
    let orphans = psql(
        &together,
        "SELECT count(*) FROM events e LEFT JOIN canonical_events c ON c.id = e.canonical_id \
         WHERE c.id IS NULL OR c.employer_key <> e.employer_key",
    );
    assert_eq!(orphans.trim(), "0");
    let empty = psql(
        &together,
        "SELECT count(*) FROM canonical_events c WHERE NOT EXISTS \
         (SELECT 1 FROM events e WHERE e.canonical_id = c.id)",
    );
    assert_eq!(empty.trim(), "0");
}
