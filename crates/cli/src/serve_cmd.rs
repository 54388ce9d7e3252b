//! `layoffwatch serve`: the JSON API and the dashboard.

use crate::settings::{DbArgs, ExposureDataArgs};
use anyhow::{Context, Result};
use layoffwatch_server::{AppState, ExposureData, ServerConfig};
use std::io::Write;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

/// Serve the JSON API and the web dashboard over the database.
///
/// Open the printed address in a browser for the dashboard; the API is under
/// /api (its OpenAPI document at /api/openapi.json). Only this machine can
/// connect unless --addr names another interface. Writing (POST
/// /api/documents) is off unless a token is set, and then needs
/// `Authorization: Bearer TOKEN`.
///
/// Examples:
///   layoffwatch serve                          # http://127.0.0.1:8080
///   layoffwatch serve --addr 127.0.0.1:0       # any free port (printed)
///   LAYOFFWATCH_TOKEN=s3cret layoffwatch serve # allow ingest over HTTP
///   curl 'http://127.0.0.1:8080/api/events?ai=true&since=2024'
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Address to listen on (port 0: any free port)
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Allow POST /api/documents with this bearer token
    #[arg(long, env = "LAYOFFWATCH_TOKEN", hide_env_values = true)]
    token: Option<String>,
    /// Answer 503 to requests that take longer than this many seconds
    #[arg(long, default_value_t = 10, value_name = "SECONDS")]
    timeout: u64,
    /// Close a connection that has not sent a whole request header within
    /// this many seconds (a half-open or idle keep-alive connection)
    #[arg(long, default_value_t = 10, value_name = "SECONDS")]
    header_timeout: u64,
    /// Largest request body, in MiB
    #[arg(long, default_value_t = 8, value_name = "MIB")]
    max_body: usize,
    /// Answer every request from the database. By default answers (pages of
    /// events, statistics) are kept while the database is unchanged; writes
    /// by other processes show within a second.
    #[arg(long)]
    no_cache: bool,
    /// Create the database when it does not exist (otherwise a missing
    /// database is an error, so a mistyped --db does not serve an empty one)
    #[arg(long)]
    create: bool,
    #[command(flatten)]
    exposure: ExposureDataArgs,
    #[command(flatten)]
    db: DbArgs,
}

pub fn run(a: Args) -> Result<ExitCode> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    rt.block_on(async {
        let store = if a.create {
            a.db.open().await?
        } else {
            a.db.open_existing().await?
        };
        if a.token.as_deref().is_some_and(|t| t.len() < 8) {
            anyhow::bail!("the token is too short; use at least 8 characters");
        }
        let config = ServerConfig {
            token: a.token,
            timeout: Duration::from_secs(a.timeout.max(1)),
            header_timeout: Duration::from_secs(a.header_timeout.max(1)),
            max_body: a.max_body.clamp(1, 1024) << 20,
            cache_answers: !a.no_cache,
            ..Default::default()
        };
        let listener = tokio::net::TcpListener::bind(a.addr)
            .await
            .with_context(|| {
                format!(
                    "listening on {}; is another server using it? try --addr 127.0.0.1:0",
                    a.addr
                )
            })?;
        let addr = listener.local_addr()?;
        if !layoffwatch_server::is_loopback(&addr) {
            eprintln!("warning: listening on {addr}: other machines can connect");
        }
        let mut out = std::io::stdout().lock();
        writeln!(
            out,
            "layoffwatch serving http://{addr} (dashboard /, API /api; Ctrl-C stops)"
        )?;
        out.flush()?;
        drop(out);
        let (aioe, missing) = a.exposure.load();
        for note in &missing {
            eprintln!("note: {note}");
        }
        let state = AppState::new(store, config).with_exposure(ExposureData { aioe, missing });
        let shutdown = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        layoffwatch_server::serve(listener, state, shutdown)
            .await
            .context("serving")?;
        Ok(ExitCode::SUCCESS)
    })
}
