//! Web-archive inputs end to end: WARC crawl files (gzip members per record,
//! as Common Crawl writes them), RSS and Atom feeds, and gzip- or
//! zstd-compressed JSON Lines, through the real `extract` and `ingest`.
//! The archives are built here from the project's example articles.

mod common;

use common::{bin, ingest, json_lines, jsonl_command, root};
use serde_json::{json, Value};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The example articles as (title, published, text).
fn articles() -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    for p in paths {
        let raw = std::fs::read_to_string(&p).unwrap();
        let (head, body) = raw.split_once("\n\n").unwrap();
        let field = |name: &str| {
            head.lines()
                .find_map(|l| l.strip_prefix(name))
                .unwrap_or("")
                .trim()
                .to_string()
        };
        out.push((
            field("Title:"),
            field("Published:"),
            body.trim().to_string(),
        ));
    }
    assert!(out.len() >= 5);
    out
}

/// An article page: a headline, the paragraphs, and the date in a meta tag.
fn page(title: &str, published: &str, text: &str) -> String {
    let paragraphs: String = text
        .split("\n\n")
        .map(|p| format!("<p>{}</p>", p.replace('&', "&amp;").replace('<', "&lt;")))
        .collect();
    format!(
        "<!doctype html><html><head><title>{title}</title>\
         <meta property=\"article:published_time\" content=\"{published}T08:00:00Z\"></head>\
         <body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\
         <article><h1>{title}</h1>{paragraphs}</article><footer>Example News</footer></body></html>"
    )
}

fn url(i: usize) -> String {
    format!("https://news.example/story-{i}")
}

fn warc_record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{kind}-{}>\r\n\
         WARC-Target-URI: {uri}\r\nWARC-Date: 2026-11-02T10:00:00Z\r\n\
         Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        uri.len(),
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

/// A crawl file: per article a request and its HTML response, plus a
/// redirect, an image and a record whose HTTP head is cut off; each record
/// its own gzip member. Also returns the same pages as JSON Lines.
fn crawl(dir: &Path) -> (PathBuf, PathBuf) {
    const HTTP: &str = "application/http; msgtype=response";
    let mut warc = gzip(&warc_record(
        "warcinfo",
        "",
        "application/warc-fields",
        b"software: layoffwatch test\r\n",
    ));
    let mut jsonl = String::new();
    for (i, (title, published, text)) in articles().iter().enumerate() {
        let html = page(title, published, text);
        let u = url(i);
        warc.extend(gzip(&warc_record(
            "request",
            &u,
            "application/http; msgtype=request",
            b"GET / HTTP/1.1\r\n\r\n",
        )));
        let response =
            format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}");
        warc.extend(gzip(&warc_record(
            "response",
            &u,
            HTTP,
            response.as_bytes(),
        )));
        jsonl.push_str(&json!({ "id": u, "url": u, "html": html }).to_string());
        jsonl.push('\n');
    }
    for (uri, block) in [
        (
            "https://news.example/old",
            "HTTP/1.1 301 Moved\r\nLocation: /\r\n\r\n",
        ),
        (
            "https://news.example/logo.png",
            "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nPNG",
        ),
        (
            "https://news.example/broken",
            "HTTP/1.1 200 OK\r\nContent-Type: text/ht",
        ),
    ] {
        warc.extend(gzip(&warc_record("response", uri, HTTP, block.as_bytes())));
    }
    let (w, j) = (dir.join("crawl.warc.gz"), dir.join("pages.jsonl"));
    std::fs::write(&w, warc).unwrap();
    std::fs::write(&j, jsonl).unwrap();
    (w, j)
}

fn extract(args: &[&Path]) -> (bool, Vec<Value>) {
    let out = bin().arg("extract").args(args).output().unwrap();
    (out.status.success(), json_lines(&out))
}

#[test]
fn a_warc_file_gives_the_events_of_its_pages() {
    let dir = tempfile::tempdir().unwrap();
    let (warc, jsonl) = crawl(dir.path());
    let (ok, from_warc) = extract(&[&warc]);
    let (_, from_jsonl) = extract(&[&jsonl]);
    let n = articles().len();
    // One line per page, one error line for the cut-off response; requests,
    // the redirect and the image are passed over.
    assert_eq!(from_warc.len(), n + 1, "{from_warc:?}");
    assert!(!ok, "a broken record makes the exit status 1");
    let broken = &from_warc[n];
    assert!(
        broken["error"].as_str().unwrap().contains("cut off"),
        "{broken}"
    );
    assert!(
        broken["id"].as_str().unwrap().contains("crawl.warc.gz@"),
        "{broken}"
    );
    // The same pages given as JSON Lines with their HTML give the same events.
    assert_eq!(
        from_warc[..n],
        from_jsonl[..],
        "WARC and JSON Lines disagree"
    );
    let events: usize = from_warc
        .iter()
        .map(|l| l["events"].as_array().unwrap().len())
        .sum();
    assert!(events >= n - 2, "only {events} events from {n} articles");
    assert_eq!(from_warc[0]["id"], url(0));
}

#[test]
fn compressed_json_lines_read_like_plain_ones() {
    let dir = tempfile::tempdir().unwrap();
    let (_, jsonl) = crawl(dir.path());
    let plain = std::fs::read(&jsonl).unwrap();
    let gz = dir.path().join("pages.jsonl.gz");
    std::fs::write(&gz, gzip(&plain)).unwrap();
    let zst = dir.path().join("pages.jsonl.zst");
    std::fs::write(&zst, zstd::encode_all(&plain[..], 3).unwrap()).unwrap();
    let (_, expected) = extract(&[&jsonl]);
    for file in [&gz, &zst] {
        let (ok, got) = extract(&[file.as_path()]);
        assert!(ok);
        assert_eq!(got, expected, "{}", file.display());
    }
    // A corrupt compressed file is an error, not a crash or a silent success.
    let bad = dir.path().join("bad.jsonl.gz");
    std::fs::write(&bad, &gzip(&plain)[..40]).unwrap();
    let out = bin().arg("extract").arg(&bad).output().unwrap();
    assert!(!out.status.success());
}

fn feed(dir: &Path) -> PathBuf {
    let items: String = articles()
        .iter()
        .enumerate()
        .map(|(i, (title, published, text))| {
            let date = chrono::NaiveDate::parse_from_str(published, "%Y-%m-%d").unwrap();
            // The wire's copy ends with a credit line, so it is a text of
            // its own, reporting the same cut as the page.
            let paragraphs: String = text
                .split("\n\n")
                .chain(["Reporting by the Example Wire desk."])
                .map(|p| format!("<p>{p}</p>"))
                .collect();
            format!(
                "<item><title>{title}</title><link>{}</link><pubDate>{}</pubDate>\
                 <description>Teaser.</description>\
                 <content:encoded><![CDATA[{paragraphs}]]></content:encoded></item>",
                url(i),
                date.format("%a, %d %b %Y 08:00:00 GMT")
            )
        })
        .collect();
    let rss = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\
         <channel><title>Example Wire</title>{items}</channel></rss>"
    );
    let p = dir.join("wire.rss");
    std::fs::write(&p, rss).unwrap();
    p
}

#[test]
fn feeds_warc_and_compressed_files_ingest_once() {
    let dir = tempfile::tempdir().unwrap();
    let (warc, _) = crawl(dir.path());
    let rss = feed(dir.path());
    let db = dir.path().join("lw.db");
    let out = bin()
        .args(["ingest", "--db"])
        .arg(&db)
        .arg(&warc)
        .arg(&rss)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let n = articles().len();
    assert!(
        stderr.contains(&format!("read {} documents", 2 * n + 1)),
        "{stderr}"
    );
    assert!(stderr.contains("1 failed"), "{stderr}");
    // The feed's items carry the same text as the pages; each keeps its
    // date and link.
    let events = jsonl_command(&db, &["events"]);
    assert!(events.len() >= n - 2);
    let sources: Vec<&Value> = events
        .iter()
        .flat_map(|e| e["sources"].as_array().unwrap())
        .collect();
    assert!(
        sources
            .iter()
            .any(|s| s["outlet"] == "Example Wire" && s["url"] == url(0)),
        "{sources:?}"
    );
    assert!(sources
        .iter()
        .all(|s| s["published"].as_str().is_some_and(|p| p.len() >= 10)));
    // Again: nothing new.
    let again = bin()
        .args(["ingest", "--db"])
        .arg(&db)
        .arg(&warc)
        .arg(&rss)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&again.stderr).to_string();
    assert!(stderr.contains("0 new"), "{stderr}");
    ingest(&db, &[&rss]);
    assert_eq!(jsonl_command(&db, &["events"]).len(), events.len());
}
