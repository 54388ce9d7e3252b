//! Web-archive inputs end to end: WARC crawl files (gzip members per record,
//! as Common Crawl writes them), RSS and Atom feeds, and gzip- or
//! zstd-compressed JSON Lines, through the real `extract` and `ingest`.
//! The archives are built here from the project's example articles.

mod common;

use common::archive::{articles, crawl, gzip, url};
use common::{bin, ingest, json_lines, jsonl_command};
use serde_json::Value;
use std::path::{Path, PathBuf};

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
    // Ingests both files; says what the run printed.
    let ingest_both = || {
        let out = bin()
            .args(["ingest", "--db"])
            .arg(&db)
            .arg(&warc)
            .arg(&rss)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stderr).to_string()
    };
    let stderr = ingest_both();
    let n = articles().len();
    assert!(
        stderr.contains(&format!("read {} documents", 2 * n + 1)),
        "{stderr}"
    );
    assert!(stderr.contains("1 failed"), "{stderr}");
    // The feed's items report the same cuts as the pages (their copy has a
    // credit line more) and join their events; each keeps its date and link.
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
    let stderr = ingest_both();
    assert!(stderr.contains("0 new"), "{stderr}");
    ingest(&db, &[&rss]);
    assert_eq!(jsonl_command(&db, &["events"]).len(), events.len());
}
