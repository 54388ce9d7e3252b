//! Builders of archive inputs from the project's example articles: HTML
//! pages, WARC crawl files with one gzip member per record (as Common Crawl
//! writes them) and the same pages as JSON Lines.

use super::root;
use serde_json::json;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The example articles as (title, published, text).
pub fn articles() -> Vec<(String, String, String)> {
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
pub fn page(title: &str, published: &str, text: &str) -> String {
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

pub fn url(i: usize) -> String {
    format!("https://news.example/story-{i}")
}

pub fn warc_record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
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

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

/// A crawl file: per article a request and its HTML response, plus a
/// redirect, an image and a record whose HTTP head is cut off; each record
/// its own gzip member. Also returns the same pages as JSON Lines.
pub fn crawl(dir: &Path) -> (PathBuf, PathBuf) {
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
