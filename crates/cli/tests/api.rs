//! The HTTP API against a real `layoffwatch serve` on 127.0.0.1:0 over a
//! database filled by a real ingest of the project's example articles.

mod common;

use common::{ingest, jsonl_command, root, shared, Server};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// A temporary database holding the example articles (and the seeds, when
/// ../shared is beside the project).
fn filled_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lw.db");
    ingest(&db, &[&root().join("examples")]);
    if let Some(s) = shared() {
        ingest(&db, &[&s.join("seeds/docs.jsonl")]);
    }
    (dir, db)
}

fn ids(events: &Value) -> Vec<i64> {
    events
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_i64().unwrap())
        .collect()
}

#[test]
fn pages_of_events_walk_the_whole_list_once() {
    let (_dir, db) = filled_db();
    let server = Server::start(&db, None);
    assert!(
        server.base.starts_with("http://127.0.0.1:"),
        "{}",
        server.base
    );
    let cli: Vec<i64> = jsonl_command(&db, &["events"])
        .iter()
        .map(|e| e["id"].as_i64().unwrap())
        .collect();
    assert!(cli.len() >= 9, "{cli:?}");
    for sort in ["newest", "oldest", "largest"] {
        let mut seen = Vec::new();
        let mut totals = BTreeSet::new();
        let mut cursor = String::new();
        loop {
            let (status, body) = server.get(&format!("/api/events?limit=2&sort={sort}{cursor}"));
            assert_eq!(status, 200, "{body}");
            // Every page gives the count of the whole list, not of the page.
            totals.insert(body["total"].as_u64().unwrap());
            let page = ids(&body["events"]);
            assert!(page.len() <= 2);
            seen.extend(page);
            match body["next_cursor"].as_str() {
                Some(c) => cursor = format!("&cursor={c}"),
                None => break,
            }
        }
        assert_eq!(totals, BTreeSet::from([seen.len() as u64]), "{sort}");
        let unique: BTreeSet<i64> = seen.iter().copied().collect();
        assert_eq!(
            unique.len(),
            seen.len(),
            "{sort}: an event came twice: {seen:?}"
        );
        if sort == "newest" {
            assert_eq!(
                seen, cli,
                "the API and the CLI list the same events in one order"
            );
        }
        if sort == "largest" {
            assert_eq!(unique, cli.iter().copied().collect::<BTreeSet<_>>());
        }
    }
    let (_, all) = server.get("/api/events?sort=largest&limit=500");
    let tops: Vec<i64> = all["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let h = &e["headcount"];
            h["max"].as_i64().or(h["min"].as_i64()).unwrap_or(-1)
        })
        .collect();
    assert!(tops.windows(2).all(|w| w[0] >= w[1]), "{tops:?}");
    let (_, oldest) = server.get("/api/events?sort=oldest&limit=500");
    let dates: Vec<&str> = oldest["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["announced"].as_str().expect("oldest lists dated events"))
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
}

#[test]
fn filters_keep_only_matching_events() {
    let (_dir, db) = filled_db();
    let server = Server::start(&db, None);
    let events = |q: &str| {
        let (status, body) = server.get(&format!("/api/events?limit=500&{q}"));
        assert_eq!(status, 200, "{q}: {body}");
        body["events"].as_array().unwrap().clone()
    };
    let ai = events("ai=true");
    assert!(!ai.is_empty());
    assert!(ai.iter().all(|e| e["ai_attributed"] == true));
    let not_ai = events("ai=false");
    assert_eq!(ai.len() + not_ai.len(), events("").len());

    let since = events("since=2025-09");
    assert!(!since.is_empty());
    // Compared at the coarser precision: "2026" is inside since=2025-09.
    assert!(since.iter().all(|e| {
        let a = e["announced"].as_str().unwrap();
        let n = a.len().min(7);
        a[..n] >= "2025-09"[..n]
    }));
    assert!(since.len() < events("").len());

    // `company` resolves a name to its employer, so both spellings agree.
    let a = ids(&Value::Array(events("company=Orbital%20Motors")));
    let b = ids(&Value::Array(events("company=Orbital%20Motors%20Corp")));
    assert!(a.len() >= 2, "{a:?}");
    assert_eq!(a, b);

    let big = events("min_headcount=1000");
    assert!(!big.is_empty());
    assert!(big.iter().all(|e| {
        let h = &e["headcount"];
        // An open range ("more than 800") may reach any size.
        h["max"].as_i64().map_or(h["min"].is_i64(), |m| m >= 1000)
    }));
    let closures = events("reason=closure");
    assert!(!closures.is_empty());
    assert!(closures
        .iter()
        .all(|e| e["reasons"].as_array().unwrap().contains(&"closure".into())));

    // Full text: every event found has a source whose text holds the word.
    let found = events("q=warehouse");
    for e in &found {
        let doc = e["sources"][0]["document"].as_i64().unwrap();
        let (_, d) = server.get(&format!("/api/documents/{doc}"));
        assert!(
            d["text"]
                .as_str()
                .unwrap()
                .to_lowercase()
                .contains("warehouse"),
            "{}",
            e["id"]
        );
    }
    assert!(events("q=zzzqqqxxy").is_empty());
}

#[test]
fn an_event_shows_its_evidence_marked_in_the_text() {
    let (_dir, db) = filled_db();
    let server = Server::start(&db, None);
    let (_, list) = server.get("/api/events?limit=1&ai=true");
    let id = list["events"][0]["id"].as_i64().unwrap();
    let (status, e) = server.get(&format!("/api/events/{id}"));
    assert_eq!(status, 200);
    assert_eq!(e["id"], id);
    let passages = e["evidence_passages"].as_array().unwrap();
    assert!(!passages.is_empty());
    let doc = passages[0]["document"].as_i64().unwrap();
    let (_, d) = server.get(&format!("/api/documents/{doc}"));
    let text = d["text"].as_str().unwrap();
    // The marked pieces give the text back, and the event's own evidence
    // span is marked.
    let parts = d["parts"].as_array().unwrap();
    let joined: String = parts.iter().map(|p| p["text"].as_str().unwrap()).collect();
    assert_eq!(joined, text);
    let marked_event = parts.iter().any(|p| {
        p["fields"]
            .as_array()
            .is_some_and(|f| f.contains(&"event".into()))
    });
    assert!(marked_event);
    for p in passages[0]["passages"].as_array().unwrap() {
        let sentence: String = p["parts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["text"].as_str().unwrap())
            .collect();
        let (s, en) = (
            p["start"].as_u64().unwrap() as usize,
            p["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(sentence, text[s..en]);
    }
    let ev = &e["sources"][0]["evidence"];
    assert!(ev
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["field"] == "ai_attributed"));
}

#[test]
fn companies_timelines_stats_and_search_answer() {
    let (_dir, db) = filled_db();
    let server = Server::start(&db, None);
    let (_, c) = server.get("/api/companies");
    let companies = c["companies"].as_array().unwrap();
    let orbital = companies
        .iter()
        .find(|x| x["employer_key"].as_str().unwrap().starts_with("orbital"))
        .expect("Orbital Motors is listed");
    assert!(orbital["events"].as_u64().unwrap() >= 2);

    let (status, t) = server.get("/api/companies/Orbital%20Motors/timeline");
    assert_eq!(status, 200, "{t}");
    let dates: Vec<&str> = t["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["announced"].as_str())
        .collect();
    assert_eq!(dates.len() as u64, orbital["events"].as_u64().unwrap());
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    let (status, _) = server.get("/api/companies/Nobody%20Such/timeline");
    assert_eq!(status, 404);

    // The statistics agree with the event list.
    let (_, s) = server.get("/api/stats");
    let (_, all) = server.get("/api/events?limit=500");
    let events = all["events"].as_array().unwrap();
    assert_eq!(
        s["totals"]["events"].as_u64().unwrap() as usize,
        events.len()
    );
    let jobs: u64 = events
        .iter()
        .filter_map(|e| e["headcount"]["min"].as_u64())
        .sum();
    assert_eq!(s["totals"]["jobs_min"].as_u64().unwrap(), jobs);
    let month_sum: u64 = s["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["jobs_min"].as_u64().unwrap())
        .sum();
    let undated: u64 = events
        .iter()
        .filter(|e| e["announced"].is_null())
        .filter_map(|e| e["headcount"]["min"].as_u64())
        .sum();
    assert_eq!(month_sum + undated, jobs);
    let (_, ai) = server.get("/api/stats?ai=true");
    assert_eq!(ai["totals"]["ai_share"], 1.0);

    let (status, hits) = server.get("/api/search?q=plant*");
    assert_eq!(status, 200);
    let hits = hits["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    for h in hits {
        let marked: Vec<&str> = h["snippet"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["hit"] == true)
            .map(|p| p["text"].as_str().unwrap())
            .collect();
        assert!(
            marked.iter().any(|w| w.to_lowercase().starts_with("plant")),
            "{h}"
        );
    }
}

#[test]
fn bad_requests_get_json_errors_never_a_500() {
    let (_dir, db) = filled_db();
    let server = Server::start(&db, Some("test-token-123"));
    let cases: &[(&str, u16, &str)] = &[
        ("/api/events?limit=0", 400, "bad_request"),
        ("/api/events?limit=100000", 400, "bad_request"),
        ("/api/events?limit=-5", 400, "bad_request"),
        ("/api/events?since=yesterday", 400, "bad_request"),
        ("/api/events?ai=perhaps", 400, "bad_request"),
        ("/api/events?reason=vibes", 400, "bad_request"),
        ("/api/events?sort=random", 400, "bad_request"),
        ("/api/events?cursor=%27%3Bdrop", 400, "bad_request"),
        ("/api/events?colour=red", 400, "bad_request"),
        ("/api/events?until=", 400, "bad_request"),
        ("/api/events?ai=true&ai=false", 400, "bad_request"),
        ("/api/events?q=%22%22%22(((", 400, "bad_request"),
        (
            "/api/events?min_headcount=99999999999999999999999",
            400,
            "bad_request",
        ),
        ("/api/events/0", 400, "bad_request"),
        ("/api/events/abc", 400, "bad_request"),
        ("/api/events/99999999999999999999", 400, "bad_request"),
        ("/api/events/424242", 404, "not_found"),
        ("/api/documents/424242", 404, "not_found"),
        ("/api/search", 400, "bad_request"),
        ("/api/search?q=%25%25", 400, "bad_request"),
        ("/api/nothing", 404, "no_route"),
        ("/assets/nothing.js", 404, "not_found"),
    ];
    for (path, status, code) in cases {
        let (got, body) = server.get(path);
        assert_eq!(got, *status, "{path}: {body}");
        assert_eq!(body["error"]["code"], *code, "{path}: {body}");
        assert!(!body["error"]["message"].as_str().unwrap().is_empty());
    }
    // FTS syntax in a query is taken as words, not an error.
    let (status, _) = server.get("/api/search?q=NEAR(plant%20AND%20OR%20*)");
    assert_eq!(status, 200);

    let doc = br#"{"id": "api-1", "text": "Zephyr Robotics will lay off 140 workers at its Ohio plant, the company said on Tuesday.", "published": "2026-03-05"}"#;
    let (s, b) = server.post("/api/documents", None, doc);
    assert_eq!(
        (s, b["error"]["code"].as_str()),
        (401, Some("unauthorized"))
    );
    let (s, _) = server.post("/api/documents", Some("wrong-token-456"), doc);
    assert_eq!(s, 401);
    let (s, b) = server.post("/api/documents", Some("test-token-123"), b"{not json");
    assert_eq!((s, b["error"]["code"].as_str()), (400, Some("bad_request")));
    let (s, _) = server.post("/api/documents", Some("test-token-123"), b"[]");
    assert_eq!(s, 400);
    let huge = vec![b' '; 9 << 20];
    let (s, b) = server.post_oversized("/api/documents", "test-token-123", huge);
    assert_eq!(
        (s, b["error"]["code"].as_str()),
        (413, Some("too_large")),
        "{b}"
    );

    // A page asked for before a write is answered afresh after it, though
    // the server keeps answers.
    let (_, before) = server.get("/api/events?company=Zephyr%20Robotics");
    assert_eq!(before["events"], serde_json::json!([]));
    let (s, b) = server.post("/api/documents", Some("test-token-123"), doc);
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["results"][0]["status"], "stored");
    assert_eq!(b["results"][0]["events"], 1);
    let (_, again) = server.post("/api/documents", Some("test-token-123"), doc);
    assert_eq!(again["results"][0]["status"], "already_stored");
    let (_, found) = server.get("/api/events?company=Zephyr%20Robotics");
    assert_eq!(found["events"][0]["headcount"]["min"], 140);
    // A bad document among good ones is reported and the rest is stored.
    let mixed = br#"[{"id": "api-2", "text": "Nothing happened."}, {"text": "no id"}]"#;
    let (s, b) = server.post("/api/documents", Some("test-token-123"), mixed);
    assert_eq!(s, 200);
    assert_eq!(b["results"][0]["status"], "stored");
    assert_eq!(b["results"][1]["status"], "error");
    // Dates that are no calendar day and overlong ids are refused, naming
    // the field; nothing of them is stored.
    let long_id = "x".repeat(600);
    let bad = format!(
        r#"[{{"id": "api-3", "text": "Quill Labs cut 20 jobs.", "published": "yesterday"}},
            {{"id": "api-4", "text": "Quill Labs cut 20 jobs.", "published": "2024-13-45"}},
            {{"id": "{long_id}", "text": "Quill Labs cut 20 jobs."}}]"#
    );
    let (s, b) = server.post("/api/documents", Some("test-token-123"), bad.as_bytes());
    assert_eq!(s, 400, "{b}");
    for i in 0..2 {
        let e = b["results"][i]["error"].as_str().unwrap();
        assert!(e.contains("published"), "{e}");
    }
    assert!(
        b["results"][2]["error"]
            .as_str()
            .unwrap()
            .contains("512-byte"),
        "{b}"
    );
    for (query, field) in [("since=2024-13-45", "since"), ("until=2024-02-30", "until")] {
        let (s, b) = server.get(&format!("/api/events?{query}"));
        assert_eq!(s, 400, "{query}: {b}");
        assert!(
            b["error"]["message"].as_str().unwrap().contains(field),
            "{b}"
        );
    }
}

#[test]
fn kept_answers_follow_writes_by_other_processes() {
    let (dir, db) = filled_db();
    let server = Server::start(&db, None);
    let page = "/api/events?company=Larkspur%20Analytics";
    let (_, before) = server.get(page);
    assert_eq!(before["events"], serde_json::json!([]));
    let (_, stats_before) = server.get("/api/stats");
    let article = dir.path().join("larkspur.txt");
    std::fs::write(
        &article,
        "Published: 2026-02-10\n\nLarkspur Analytics said Monday that it will lay off 75 \
         employees as advertising revenue fell.\n",
    )
    .unwrap();
    ingest(&db, &[&article]);
    // Counts are kept for a second; the new event shows soon after.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let (_, after) = server.get(page);
        if after["events"].as_array().is_some_and(|a| a.len() == 1) {
            assert_eq!(after["events"][0]["headcount"]["min"], 75);
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "never saw the new event"
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    let (_, stats_after) = server.get("/api/stats");
    assert_ne!(stats_before, stats_after);
}

#[test]
fn writing_is_off_without_a_token() {
    let (_dir, db) = filled_db();
    let server = Server::start(&db, None);
    let (s, b) = server.post("/api/documents", Some("anything-at-all"), b"{}");
    assert_eq!((s, b["error"]["code"].as_str()), (403, Some("writing_off")));
    let (_, h) = server.get("/api/health");
    assert_eq!(h["writable"], false);
}

/// The routes the server declares in its source, as (method, path).
fn declared_routes() -> BTreeSet<(String, String)> {
    let src = std::fs::read_to_string(root().join("crates/server/src/lib.rs")).unwrap();
    let mut out = BTreeSet::new();
    for line in src.lines() {
        let Some(rest) = line.trim().strip_prefix(".route(\"") else {
            continue;
        };
        let (path, rest) = rest.split_once('"').unwrap();
        let method = if rest.contains("post(") {
            "post"
        } else {
            "get"
        };
        if path.starts_with("/api/") {
            out.insert((method.to_string(), path.to_string()));
        }
    }
    out
}

#[test]
fn the_openapi_document_matches_the_routes() {
    let (_dir, db) = filled_db();
    let server = Server::start(&db, None);
    let (status, spec) = server.get("/api/openapi.json");
    assert_eq!(status, 200);
    assert_eq!(spec["openapi"], "3.1.0");
    let mut documented = BTreeSet::new();
    for (path, ops) in spec["paths"].as_object().unwrap() {
        for method in ops.as_object().unwrap().keys() {
            documented.insert((method.clone(), path.clone()));
        }
    }
    let declared = declared_routes();
    assert!(declared.len() >= 10, "{declared:?}");
    assert_eq!(documented, declared);
    // Every documented GET route answers (path ids filled in), never "no_route".
    for (method, path) in &documented {
        if method != "get" {
            continue;
        }
        let url = path
            .replace("{id}", "1")
            .replace("{name}", "Orbital%20Motors");
        let (s, body) = server.get(&url);
        assert_ne!(body["error"]["code"], "no_route", "{url}");
        assert!(s < 500, "{url}: {body}");
    }
    // The code lists in the document are the contract's.
    let (_, codes) = server.get("/api/codes");
    for (schema, list) in [("Reason", "reasons"), ("Function", "functions")] {
        assert_eq!(
            spec["components"]["schemas"][schema]["enum"], codes[list],
            "{schema}"
        );
    }
}

#[test]
fn the_dashboard_is_served_with_its_assets() {
    let (_dir, db) = filled_db();
    let server = Server::start(&db, None);
    for (path, kind) in [
        ("/", "text/html"),
        ("/assets/app.js", "text/javascript"),
        ("/assets/app.css", "text/css"),
    ] {
        let resp = ureq::get(&format!("{}{path}", server.base)).call().unwrap();
        assert!(resp.content_type().starts_with(kind), "{path}");
        let csp = resp.header("content-security-policy").unwrap().to_string();
        assert!(csp.contains("default-src 'self'"));
        let body = resp.into_string().unwrap();
        // Nothing is loaded from another host.
        assert!(!body.contains("https://"), "{path} refers to another host");
    }
}

#[test]
fn exposure_answers_for_the_events_and_for_one_event() {
    let (_dir, db) = filled_db();
    let aioe = shared().map(|s| s.join("data/ai-exposure"));
    let mut args: Vec<&std::ffi::OsStr> = Vec::new();
    if let Some(a) = &aioe {
        args.extend([std::ffi::OsStr::new("--exposure-data"), a.as_os_str()]);
    }
    let server = Server::start_with(&db, None, &args);
    let (status, all) = server.get("/api/exposure");
    assert_eq!(status, 200, "{all}");
    assert!(
        all["events_with_occupations"].as_u64().unwrap() >= 2,
        "{all}"
    );
    let csr = all["occupations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["soc"] == "43-4051.00")
        .expect("customer service representatives are cut in the examples");
    assert_eq!(csr["band"], "high");
    if aioe.is_some() {
        assert!(all["missing"].as_array().unwrap().is_empty(), "{all}");
        assert!(csr["aioe"]["lm_aioe"].as_f64().is_some(), "{csr}");
    }
    // A filter narrows the report; a bad one is a 400.
    let (status, ai) = server.get("/api/exposure?ai=true");
    assert_eq!(status, 200);
    assert!(ai["events"].as_u64().unwrap() < all["events"].as_u64().unwrap());
    let (status, err) = server.get("/api/exposure?band=high");
    assert_eq!(status, 400, "{err}");
    // One event: its roles, their occupations and the mean exposure.
    let (_, page) = server.get("/api/events?company=Northwind+Insurance");
    let id = page["events"][0]["id"].as_i64().expect("the roles example");
    let (status, e) = server.get(&format!("/api/events/{id}"));
    assert_eq!(status, 200);
    let x = &e["exposure"];
    assert!(x["occupations"].as_u64().unwrap() >= 3, "{x}");
    assert!(x["gpt4_beta"].as_f64().unwrap() > 0.0);
    assert!(x["method"].as_str().unwrap().contains("mean"));
}

/// Reads from a raw connection until the server closes it; false when it
/// is still open after `wait`.
fn closed_by_server(stream: &mut std::net::TcpStream, wait: std::time::Duration) -> bool {
    use std::io::Read;
    stream.set_read_timeout(Some(wait)).unwrap();
    let mut buf = [0u8; 4096];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return true,
            Err(_) => return false,
        }
    }
}

#[test]
fn half_open_and_idle_connections_are_closed() {
    use std::io::Write;
    let (_dir, db) = filled_db();
    let server = Server::start_with(&db, None, &["--header-timeout".as_ref(), "1".as_ref()]);
    let addr = server
        .base
        .trim_start_matches("http://")
        .trim_end_matches('/');
    let wait = std::time::Duration::from_secs(8);
    // Connected, nothing sent.
    let mut silent = std::net::TcpStream::connect(addr).unwrap();
    // Half a header.
    let mut half = std::net::TcpStream::connect(addr).unwrap();
    half.write_all(b"GET /api/events HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    // A whole request, then idle on keep-alive.
    let mut idle = std::net::TcpStream::connect(addr).unwrap();
    idle.write_all(b"GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    for (name, stream) in [
        ("silent", &mut silent),
        ("half", &mut half),
        ("idle", &mut idle),
    ] {
        assert!(
            closed_by_server(stream, wait),
            "the {name} connection stayed open"
        );
    }
    // The server still answers.
    let (status, _) = server.get("/api/events?limit=1");
    assert_eq!(status, 200);
}
