//! `layoffwatch serve`: the JSON API and the dashboard over an event store.
//! Handlers only read parameters, call the store and the report views, and
//! shape answers; the rules live in the crates they call.
#![forbid(unsafe_code)]

mod api;
mod dashboard;
mod error;
mod params;

pub use error::ApiError;

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use layoffwatch_extract::Extractor;
use layoffwatch_occupations::AioeTable;
use layoffwatch_store::{EventStore, Store, StoreCounts};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

/// The OpenAPI document of the routes below (a test checks that they agree).
pub const OPENAPI: &str = include_str!("../openapi.json");

/// How the server behaves.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Writing (`POST /api/documents`) is allowed with this bearer token and
    /// off without one.
    pub token: Option<String>,
    /// Requests that take longer are answered 503.
    pub timeout: Duration,
    /// A connection must send a request's whole header within this time,
    /// the first as the next: a half-open or idle connection is closed
    /// after it.
    pub header_timeout: Duration,
    /// The largest body accepted, in bytes.
    pub max_body: usize,
    /// The largest page of events.
    pub max_page: u64,
    /// Keep answers while the store is unchanged (the answer cache).
    pub cache_answers: bool,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            token: None,
            timeout: Duration::from_secs(10),
            header_timeout: Duration::from_secs(10),
            max_body: 8 << 20,
            max_page: 500,
            cache_answers: true,
        }
    }
}

/// What every handler shares.
#[derive(Debug, Clone)]
pub struct AppState {
    store: Store,
    extractor: Arc<Extractor>,
    config: Arc<ServerConfig>,
    /// The store's totals and when they were counted: counting a large
    /// database takes milliseconds, so health answers reuse a recent count.
    counts: Arc<std::sync::Mutex<Option<(std::time::Instant, StoreCounts)>>>,
    answers: Arc<AnswerCache>,
    /// A request is counting the store's totals.
    counting: Arc<std::sync::atomic::AtomicBool>,
    exposure: Arc<ExposureData>,
}

/// The AI-exposure measures beyond those shipped: the AIOE table when the
/// user gave its files, and notes on what is missing.
#[derive(Debug, Default)]
pub struct ExposureData {
    pub aioe: Option<AioeTable>,
    pub missing: Vec<String>,
}

/// Answers by request key (statistics, company lists, pages of events),
/// valid while the store's counts stay the same: every ingest adds
/// documents, so a write shows within the second that counts are kept (at
/// once for writes through this server). The least recently used answers go
/// first when the cache holds more than [`AnswerCache::MAX_BYTES`].
#[derive(Debug)]
struct AnswerCache {
    inner: std::sync::Mutex<CacheInner>,
}

#[derive(Debug)]
struct CacheInner {
    answers: lru::LruCache<String, (StoreCounts, axum::body::Bytes)>,
    bytes: usize,
}

impl Default for AnswerCache {
    fn default() -> Self {
        AnswerCache {
            inner: std::sync::Mutex::new(CacheInner {
                answers: lru::LruCache::unbounded(),
                bytes: 0,
            }),
        }
    }
}

impl AnswerCache {
    const MAX_BYTES: usize = 64 << 20;
    const MAX_ANSWERS: usize = 8192;

    fn get(&self, key: &str, counts: StoreCounts) -> Option<axum::body::Bytes> {
        let mut inner = self.inner.lock().expect("the lock is never poisoned");
        match inner.answers.get(key) {
            Some((c, body)) if *c == counts => Some(body.clone()),
            _ => None,
        }
    }

    fn put(&self, key: String, counts: StoreCounts, body: axum::body::Bytes) {
        if body.len() > Self::MAX_BYTES / 8 {
            return;
        }
        let mut inner = self.inner.lock().expect("the lock is never poisoned");
        inner.bytes += key.len() + body.len();
        if let Some((_, (_, old))) = inner.answers.push(key.clone(), (counts, body)) {
            inner.bytes -= key.len() + old.len();
        }
        while inner.bytes > Self::MAX_BYTES || inner.answers.len() > Self::MAX_ANSWERS {
            match inner.answers.pop_lru() {
                Some((k, (_, b))) => inner.bytes -= k.len() + b.len(),
                None => break,
            }
        }
    }
}

impl AppState {
    pub fn new(store: Store, config: ServerConfig) -> AppState {
        AppState {
            store,
            extractor: Arc::new(Extractor::new()),
            config: Arc::new(config),
            counts: Arc::default(),
            answers: Arc::default(),
            counting: Arc::default(),
            exposure: Arc::default(),
        }
    }

    /// Serves the AIOE measures too (or says they are missing).
    pub fn with_exposure(mut self, exposure: ExposureData) -> AppState {
        self.exposure = Arc::new(exposure);
        self
    }

    /// The store's totals, counted at most once a second. While one request
    /// counts again, the others answer with the previous count.
    pub(crate) async fn counts(&self) -> Result<StoreCounts, layoffwatch_store::StoreError> {
        use std::sync::atomic::Ordering;
        const FRESH: Duration = Duration::from_secs(1);
        let last = *self.counts.lock().expect("the lock is never poisoned");
        if let Some((at, c)) = last {
            if at.elapsed() < FRESH || self.counting.swap(true, Ordering::AcqRel) {
                return Ok(c);
            }
        }
        /// Clears the flag however the count ends (a timeout drops it).
        struct Done<'a>(&'a std::sync::atomic::AtomicBool);
        impl Drop for Done<'_> {
            fn drop(&mut self) {
                self.0.store(false, std::sync::atomic::Ordering::Release);
            }
        }
        let _done = Done(&self.counting);
        self.recount().await
    }

    /// Counts the store's totals now (after this server wrote to it).
    pub(crate) async fn recount(&self) -> Result<StoreCounts, layoffwatch_store::StoreError> {
        let c = self.store.counts().await?;
        *self.counts.lock().expect("the lock is never poisoned") =
            Some((std::time::Instant::now(), c));
        Ok(c)
    }
}

/// Every route of the API and the dashboard.
pub fn router(state: AppState) -> Router {
    let timeout = state.config.timeout;
    let max_body = state.config.max_body;
    Router::new()
        .route("/api/health", get(api::health))
        .route("/api/events", get(api::events))
        .route("/api/events/{id}", get(api::event))
        .route("/api/documents", axum::routing::post(api::post_documents))
        .route("/api/documents/{id}", get(api::document))
        .route("/api/companies", get(api::companies))
        .route("/api/companies/{name}/timeline", get(api::timeline))
        .route("/api/stats", get(api::stats))
        .route("/api/exposure", get(api::exposure))
        .route("/api/search", get(api::search))
        .route("/api/codes", get(api::codes))
        .route("/api/openapi.json", get(api::openapi))
        .route("/", get(dashboard::index))
        .route("/assets/{file}", get(dashboard::asset))
        .fallback(api::no_route)
        .method_not_allowed_fallback(api::method_not_allowed)
        .with_state(state)
        .layer(DefaultBodyLimit::max(max_body))
        .layer(middleware::from_fn(move |req, next| {
            within(timeout, req, next)
        }))
        .layer(middleware::from_fn(security_headers))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            api::panicked,
        ))
}

/// Answers 503 with a JSON error when a request runs past the timeout.
async fn within(limit: Duration, req: Request, next: Next) -> Response {
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(r) => r,
        Err(_) => ApiError::Timeout {
            seconds: limit.as_secs(),
        }
        .into_response(),
    }
}

/// The dashboard loads nothing from elsewhere and runs no inline script.
async fn security_headers(req: Request, next: Next) -> Response {
    let mut r = next.run(req).await;
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
             frame-ancestors 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    r
}

/// Serves until `shutdown` completes, then finishes the requests in flight.
/// Each connection must send a request's header within the configured
/// header timeout, so half-open and idle connections do not pile up.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use hyper_util::service::TowerToHyperService;
    let header_timeout = state.config.header_timeout;
    let app = router(state);
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of file descriptors and the like: wait, go on.
                    tracing::warn!("accepting a connection: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let mut builder = hyper::server::conn::http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            .header_read_timeout(header_timeout);
        let conn =
            builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(app.clone()));
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            if let Err(e) = conn.await {
                tracing::debug!("connection ended: {e}");
            }
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}

/// Whether an address is on this machine only (a loopback address).
pub fn is_loopback(addr: &SocketAddr) -> bool {
    addr.ip().is_loopback()
}
