//! `layoffwatch watch` against a real local HTTP server serving feeds with
//! ETag and Last-Modified validators: new items are ingested once, an
//! unchanged feed is asked for conditionally and answered 304, a failing
//! feed is reported without stopping the others.

mod common;

use common::{bin, jsonl_command};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

/// The feed served, its validator, and the conditional headers of every
/// request seen.
#[derive(Default)]
struct Site {
    feed: String,
    etag: String,
    requests: Vec<(String, Option<String>, Option<String>)>,
}

fn item(n: usize, company: &str, jobs: u32) -> String {
    format!(
        "<item><title>{company} cuts jobs</title><link>https://wire.example/{n}</link>\
         <pubDate>Tue, 0{n} Sep 2026 08:00:00 GMT</pubDate>\
         <description><![CDATA[<p>{company} said Monday that it will lay off {jobs} employees \
         at its Denver offices as sales slowed.</p>]]></description></item>"
    )
}

fn rss(items: &[String]) -> String {
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Example Wire</title>{}\
         </channel></rss>",
        items.concat()
    )
}

/// Serves `/feed.rss` from the site (304 when the client's If-None-Match is
/// the current ETag) and 500 for `/broken.rss`, until the test ends.
fn serve(site: Arc<Mutex<Site>>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut first = String::new();
            if reader.read_line(&mut first).is_err() {
                continue;
            }
            let path = first.split_whitespace().nth(1).unwrap_or("").to_string();
            let (mut etag, mut since) = (None, None);
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
                    break;
                }
                if let Some((name, value)) = line.split_once(':') {
                    match name.trim().to_ascii_lowercase().as_str() {
                        "if-none-match" => etag = Some(value.trim().to_string()),
                        "if-modified-since" => since = Some(value.trim().to_string()),
                        _ => {}
                    }
                }
            }
            let mut s = site.lock().unwrap();
            s.requests.push((path.clone(), etag.clone(), since));
            let response = if path == "/feed.rss" && etag.as_deref() == Some(s.etag.as_str()) {
                "HTTP/1.1 304 Not Modified\r\nConnection: close\r\n\r\n".to_string()
            } else if path == "/feed.rss" {
                format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nETag: {}\r\n\
                     Last-Modified: Tue, 01 Sep 2026 08:00:00 GMT\r\n\
                     Content-Length: {}\r\nConnection: close\r\n\r\n{}",
                    s.etag,
                    s.feed.len(),
                    s.feed
                )
            } else {
                "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .to_string()
            };
            let _ = stream.write_all(response.as_bytes());
        }
    });
    base
}

fn watch_once(feeds: &std::path::Path, db: &std::path::Path) -> (bool, String) {
    let out = bin()
        .args(["watch", "--once", "--db"])
        .arg(db)
        .arg(feeds)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

#[test]
fn feeds_are_polled_conditionally_and_new_items_ingested_once() {
    let site = Arc::new(Mutex::new(Site {
        feed: rss(&[
            item(1, "Harrowgate Systems", 120),
            item(2, "Pellucid Foods", 45),
        ]),
        etag: "\"v1\"".into(),
        requests: Vec::new(),
    }));
    let base = serve(site.clone());
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lw.db");
    let feeds = dir.path().join("feeds.txt");
    std::fs::write(
        &feeds,
        format!("# test feeds\n{base}/feed.rss\n{base}/broken.rss\n"),
    )
    .unwrap();

    // First round: both items stored; the broken feed is reported, the run
    // ends with status 1 but the good feed's items are in.
    let (ok, log) = watch_once(&feeds, &db);
    assert!(!ok, "{log}");
    assert!(log.contains("2 items, 2 new, 2 events"), "{log}");
    assert!(
        log.contains("broken.rss: error: the server answered 500"),
        "{log}"
    );
    assert_eq!(jsonl_command(&db, &["events"]).len(), 2);

    // Second round: the feed is asked for with its validators and not sent.
    let (_, log) = watch_once(&feeds, &db);
    assert!(log.contains("feed.rss: not modified"), "{log}");
    {
        let s = site.lock().unwrap();
        let feed_requests: Vec<_> = s.requests.iter().filter(|r| r.0 == "/feed.rss").collect();
        assert_eq!(feed_requests.len(), 2);
        assert_eq!(feed_requests[0].1, None);
        assert_eq!(feed_requests[1].1.as_deref(), Some("\"v1\""));
        assert!(feed_requests[1]
            .2
            .as_deref()
            .is_some_and(|d| d.contains("2026")));
    }

    // The feed changes: one new item on top of the old ones.
    {
        let mut s = site.lock().unwrap();
        s.feed = rss(&[
            item(3, "Quarrystone Bank", 300),
            item(1, "Harrowgate Systems", 120),
            item(2, "Pellucid Foods", 45),
        ]);
        s.etag = "\"v2\"".into();
    }
    let (_, log) = watch_once(&feeds, &db);
    assert!(log.contains("3 items, 1 new, 1 events"), "{log}");
    let events = jsonl_command(&db, &["events"]);
    assert_eq!(events.len(), 3);
    assert!(events.iter().any(|e| e["company"] == "Quarrystone Bank"
        && e["headcount"]["min"] == 300
        && e["sources"][0]["url"] == "https://wire.example/3"));
}

#[test]
fn a_bad_feed_list_says_which_line() {
    let dir = tempfile::tempdir().unwrap();
    let feeds = dir.path().join("feeds.txt");
    std::fs::write(&feeds, "https://ok.example/rss\nnot a url\n").unwrap();
    let (ok, log) = watch_once(&feeds, &dir.path().join("lw.db"));
    assert!(!ok);
    assert!(log.contains("line 2"), "{log}");
    std::fs::write(&feeds, "https://ok.example/rss\n").unwrap();
    let out = bin()
        .args(["watch", "--interval", "1s", "--db"])
        .arg(dir.path().join("lw.db"))
        .arg(&feeds)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--interval 10s"));
}
