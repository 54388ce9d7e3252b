//! `layoffwatch watch`: poll RSS/Atom feeds and ingest their new items.

use crate::ingest_cmd::{store_batch, Summary};
use crate::settings::{runtime, DbArgs};
use anyhow::{Context, Result};
use layoffwatch_extract::Extractor;
use layoffwatch_ingest::{feed_items, fill_text, DEFAULT_MAX_LINE};
use layoffwatch_store::{EventStore, FeedState, Store};
use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

/// Poll RSS and Atom feeds and ingest their new items, on an interval.
///
/// FEEDS is a text file of feed URLs, one per line (blank lines and lines
/// starting with # are ignored). Each round asks every feed for what changed
/// since the last poll (conditional requests with the ETag and Last-Modified
/// the feed gave, kept in the database), extracts the events of its items
/// and stores them; items already stored are skipped, so nothing is stored
/// twice however often a feed repeats them. A feed that fails is reported
/// and polled again next round. Stop with Ctrl-C; an interrupted round
/// loses nothing.
///
/// Examples:
///   layoffwatch watch feeds.txt                  # every 15 minutes
///   layoffwatch watch feeds.txt --interval 1h
///   layoffwatch watch feeds.txt --once           # one round (for cron)
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Text file of feed URLs, one per line
    pub feeds: PathBuf,
    /// Time between rounds (e.g. 90s, 15m, 2h)
    #[arg(long, default_value = "15m", value_parser = humantime::parse_duration)]
    pub interval: Duration,
    /// Poll every feed once and stop
    #[arg(long)]
    pub once: bool,
    /// Give up on a feed that does not answer within this time
    #[arg(long, default_value = "30s", value_parser = humantime::parse_duration)]
    pub timeout: Duration,
    #[command(flatten)]
    pub db: DbArgs,
}

/// The largest feed document read.
const MAX_FEED: u64 = 4 * DEFAULT_MAX_LINE as u64;

pub fn run(args: Args) -> Result<ExitCode> {
    let list = std::fs::read_to_string(&args.feeds)
        .with_context(|| format!("reading the feed list {}", args.feeds.display()))?;
    let urls = feed_urls(&list)?;
    if urls.is_empty() {
        anyhow::bail!(
            "{} lists no feed URLs; write one http(s) URL per line",
            args.feeds.display()
        );
    }
    if !args.once && args.interval < Duration::from_secs(10) {
        anyhow::bail!("an interval under 10s hammers the feeds; use --interval 10s or more");
    }
    let rt = runtime()?;
    let store = rt.block_on(args.db.open())?;
    let extractor = Extractor::new();
    let agent = ureq::AgentBuilder::new()
        .timeout(args.timeout)
        .user_agent(concat!(
            "layoffwatch/",
            env!("CARGO_PKG_VERSION"),
            " (feed watcher)"
        ))
        .build();
    loop {
        let mut failed = 0;
        for url in &urls {
            let line = match poll(&rt, &store, &extractor, &agent, url) {
                Ok(line) => line,
                Err(e) => {
                    failed += 1;
                    let status = format!("error: {e:#}");
                    let state = FeedState {
                        url: url.clone(),
                        checked_at: now(),
                        status: status.clone(),
                        ..rt.block_on(store.feed_state(url))?.unwrap_or_default()
                    };
                    rt.block_on(store.save_feed_state(&state))?;
                    status
                }
            };
            eprintln!("{url}: {line}");
        }
        if args.once {
            return Ok(if failed > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            });
        }
        std::thread::sleep(args.interval);
    }
}

/// The URLs of a feed list; a line that is not an http(s) URL is an error
/// naming its line.
fn feed_urls(list: &str) -> Result<Vec<String>> {
    let mut urls = Vec::new();
    for (n, line) in list.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if !(line.starts_with("http://") || line.starts_with("https://")) {
            anyhow::bail!("line {}: {line:?} is not an http(s) URL", n + 1);
        }
        if !urls.iter().any(|u| u == line) {
            urls.push(line.to_string());
        }
    }
    Ok(urls)
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Polls one feed and stores its new items; says what happened.
fn poll(
    rt: &tokio::runtime::Runtime,
    store: &Store,
    extractor: &Extractor,
    agent: &ureq::Agent,
    url: &str,
) -> Result<String> {
    let before = rt.block_on(store.feed_state(url))?.unwrap_or_default();
    let mut request = agent.get(url);
    if let Some(etag) = &before.etag {
        request = request.set("If-None-Match", etag);
    }
    if let Some(modified) = &before.last_modified {
        request = request.set("If-Modified-Since", modified);
    }
    let response = match request.call() {
        Ok(r) => r,
        Err(ureq::Error::Status(code, r)) => {
            anyhow::bail!("the server answered {code} {}", r.status_text())
        }
        Err(e) => return Err(e).context("fetching the feed"),
    };
    let mut state = FeedState {
        url: url.to_string(),
        checked_at: now(),
        ..before.clone()
    };
    if response.status() == 304 {
        state.status = "not modified".into();
        rt.block_on(store.save_feed_state(&state))?;
        return Ok(state.status);
    }
    let etag = response.header("ETag").map(str::to_string);
    let last_modified = response.header("Last-Modified").map(str::to_string);
    let mut body = Vec::new();
    response
        .into_reader()
        .take(MAX_FEED + 1)
        .read_to_end(&mut body)
        .context("reading the feed")?;
    if body.len() as u64 > MAX_FEED {
        anyhow::bail!("the feed is larger than {} MiB", MAX_FEED >> 20);
    }
    let mut summary = Summary::default();
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    for item in feed_items(&body[..]) {
        summary.read += 1;
        match item
            .result
            .and_then(|d| fill_text(d).map_err(|e| e.to_string()))
        {
            Ok(d) => docs.push((d, None)),
            Err(e) => {
                summary.failed += 1;
                errors.push(format!("item {}: {e}", item.position));
            }
        }
    }
    if summary.read == summary.failed && summary.failed > 0 {
        anyhow::bail!("{}", errors.join("; "));
    }
    for e in &errors {
        eprintln!("{url}: skipped {e}");
    }
    store_batch(rt, store, extractor, &mut docs, &mut summary)?;
    // The validators are kept only once the items are stored: a round cut
    // short asks for the whole feed again next time.
    state.etag = etag;
    state.last_modified = last_modified;
    state.status = format!(
        "{} items, {} new, {} events",
        summary.read, summary.new, summary.events
    );
    rt.block_on(store.save_feed_state(&state))?;
    Ok(state.status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_lists_skip_comments_and_name_bad_lines() {
        let urls = feed_urls(
            "# wires\nhttps://a.example/rss\n\nhttp://b.example/atom\nhttps://a.example/rss\n",
        )
        .unwrap();
        assert_eq!(urls, ["https://a.example/rss", "http://b.example/atom"]);
        let err = feed_urls("https://a.example/rss\nftp://x\n").unwrap_err();
        assert!(err.to_string().contains("line 2"), "{err}");
    }
}
