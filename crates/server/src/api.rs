//! The JSON routes. Each reads its parameters strictly, asks the store, and
//! shapes the answer with the report views the CLI prints too.

use crate::error::{error_response, ApiError};
use crate::params::{date_prefix, Params};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use layoffwatch_model::{Document, Function, Reason};
use layoffwatch_occupations::Occupations;
use layoffwatch_report::{
    breakdown, event_exposure, event_view, evidence_passages, exposure_report, marked_text, totals,
    By, StatRow,
};
use layoffwatch_store::{
    AiFilter, CompanyFilter, Cursor, EventFilter, EventSort, EventStore, InsertOutcome,
    NewDocument, NewEvent, SourceKind, TextQuery,
};
use serde::Serialize;
use serde_json::json;

type ApiResult = Result<Response, ApiError>;

fn json_ok<T: Serialize + ?Sized>(value: &T) -> ApiResult {
    cached(to_json(value).into())
}

fn to_json<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).expect("views always serialise")
}

/// A JSON answer already serialised.
fn cached(body: Bytes) -> ApiResult {
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

/// The answer kept under `key` while the store is unchanged, or the one
/// `build` makes (and that is then kept).
async fn remembered<F>(s: &AppState, key: String, build: F) -> ApiResult
where
    F: std::future::Future<Output = Result<Vec<u8>, ApiError>>,
{
    if !s.config.cache_answers {
        return cached(build.await?.into());
    }
    let counts = s.counts().await?;
    if let Some(body) = s.answers.get(&key, counts) {
        return cached(body);
    }
    let body = Bytes::from(build.await?);
    s.answers.put(key, counts, body.clone());
    cached(body)
}

/// A path id: a positive whole number.
fn path_id(raw: &str, what: &str) -> Result<i64, ApiError> {
    raw.parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| ApiError::bad(format!("{what} id {raw:?} is not a positive whole number")))
}

pub async fn health(State(s): State<AppState>) -> ApiResult {
    let c = s.counts().await?;
    json_ok(&json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "documents": c.documents,
        "mentions": c.events,
        "events": c.canonical_events,
        "writable": s.config.token.is_some(),
    }))
}

/// The codes the filters take, for clients that build menus.
pub async fn codes() -> ApiResult {
    json_ok(&json!({
        "reasons": Reason::ALL.iter().map(|r| r.as_str()).collect::<Vec<_>>(),
        "functions": Function::ALL.iter().map(|f| f.as_str()).collect::<Vec<_>>(),
        "sources": ([SourceKind::News, SourceKind::Tracker, SourceKind::Warn].map(SourceKind::as_str)),
        "sorts": (EventSort::ALL.map(EventSort::as_str)),
    }))
}

/// The filters of the event list and the statistics.
const FILTER_PARAMS: &[&str] = &[
    "company",
    "name",
    "source",
    "since",
    "until",
    "ai",
    "min_headcount",
    "reason",
    "function",
    "q",
];

/// What a page of the event list adds to the filters.
const PAGE_PARAMS: &[&str] = &["sort", "cursor", "limit"];

/// The filters shared by the event list and the statistics.
fn event_filter(s: &AppState, p: &Params) -> Result<EventFilter, ApiError> {
    let date = "YYYY, YYYY-MM or YYYY-MM-DD";
    let mut filter = EventFilter {
        company: p.get("name").map(str::to_string),
        employer_key: p.get("company").map(|c| s.extractor.employer_key(c)),
        kind: p.parsed("source", SourceKind::parse, "news, tracker or warn")?,
        since: p.parsed("since", date_prefix, date)?,
        until: p.parsed("until", date_prefix, date)?,
        min_headcount: p.parsed("min_headcount", |v| v.parse().ok(), "a whole number")?,
        reason: p.parsed(
            "reason",
            |v| v.parse::<Reason>().ok(),
            "a reason code of the contract, e.g. cost_cutting",
        )?,
        function: p.parsed(
            "function",
            |v| v.parse::<Function>().ok(),
            "a function code of the contract, e.g. engineering",
        )?,
        text: p.parsed("q", TextQuery::new, "some words")?,
        ..Default::default()
    };
    if let Some(ai) = p.parsed(
        "ai",
        AiFilter::parse,
        "true, false, any, employer, reporting, denied or none",
    )? {
        ai.apply(&mut filter);
    }
    Ok(filter)
}

pub async fn events(State(s): State<AppState>, RawQuery(q): RawQuery) -> ApiResult {
    let p = Params::parse(q.as_deref(), &[FILTER_PARAMS, PAGE_PARAMS].concat())?;
    let mut filter = event_filter(&s, &p)?;
    filter.sort = p
        .parsed("sort", EventSort::parse, "newest, oldest or largest")?
        .unwrap_or_default();
    let sort = filter.sort;
    filter.after = p.parsed(
        "cursor",
        |c| Cursor::parse(c, sort),
        "the next_cursor of the previous page, with the same sort",
    )?;
    let limit = p.limit(50, s.config.max_page)?;
    filter.limit = Some(limit + 1);
    let key = format!("events {filter:?}");
    remembered(&s, key, async {
        let mut found = s.store.events(&filter).await?;
        // The whole count matters on the first page; later pages repeat it.
        let total = s.store.count_events(&filter).await?;
        let more = found.len() as u64 > limit;
        found.truncate(limit as usize);
        let next = more
            .then(|| found.last().map(|e| Cursor::after(e, sort).token()))
            .flatten();
        let views: Vec<_> = found.iter().map(|e| event_view(e, true)).collect();
        Ok(to_json(
            &json!({ "events": views, "total": total, "next_cursor": next, "limit": limit, "sort": sort.as_str() }),
        ))
    })
    .await
}

pub async fn event(State(s): State<AppState>, Path(id): Path<String>) -> ApiResult {
    let id = path_id(&id, "event")?;
    let e = s
        .store
        .event(id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("event {id}")))?;
    let mut evidence = Vec::with_capacity(e.mentions.len());
    for m in &e.mentions {
        let text = s
            .store
            .document_text(m.document.id)
            .await?
            .unwrap_or_default();
        evidence.push(json!({
            "document": m.document.id,
            "doc": m.document.doc_id,
            "event": m.ordinal,
            "merge_reason": m.merge_reason,
            "passages": evidence_passages(&text, &m.event),
        }));
    }
    let mut body = serde_json::to_value(event_view(&e, true)).expect("views serialise");
    body["evidence_passages"] = serde_json::Value::Array(evidence);
    body["exposure"] = serde_json::to_value(event_exposure(
        &e.event,
        Occupations::builtin(),
        s.exposure.aioe.as_ref(),
    ))
    .expect("exposure serialises");
    json_ok(&body)
}

pub async fn document(State(s): State<AppState>, Path(id): Path<String>) -> ApiResult {
    let id = path_id(&id, "document")?;
    let d = s
        .store
        .document(id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("document {id}")))?;
    let evidence: Vec<_> = d
        .mentions
        .iter()
        .flat_map(|m| m.event.evidence.iter().cloned())
        .collect();
    let r = &d.document;
    json_ok(&json!({
        "id": r.id,
        "doc": r.doc_id,
        "kind": r.kind.as_str(),
        "url": r.url,
        "title": r.title,
        "outlet": r.source,
        "published": r.published,
        "origin": r.origin,
        "events": d.mentions.iter().map(|m| json!({"event": m.ordinal, "id": m.canonical_id})).collect::<Vec<_>>(),
        "text": d.text,
        "parts": marked_text(&d.text, &evidence),
    }))
}

pub async fn companies(State(s): State<AppState>, RawQuery(q): RawQuery) -> ApiResult {
    let p = Params::parse(q.as_deref(), &["prefix", "limit"])?;
    let filter = CompanyFilter {
        prefix: p.get("prefix").map(|v| s.extractor.employer_key(v)),
        limit: Some(p.limit(100, 1000)?),
    };
    let key = format!("companies {filter:?}");
    remembered(&s, key, async {
        let found = s.store.companies(&filter).await?;
        Ok(to_json(&json!({ "companies": found })))
    })
    .await
}

pub async fn timeline(
    State(s): State<AppState>,
    Path(name): Path<String>,
    RawQuery(q): RawQuery,
) -> ApiResult {
    let p = Params::parse(q.as_deref(), &["limit"])?;
    let key = s.extractor.employer_key(&name);
    if key.is_empty() {
        return Err(ApiError::bad(format!("{name:?} names no company")));
    }
    let limit = p.limit(1000, 10_000)?;
    // One newest-first read (the latest `limit` waves, undated ones last),
    // then the dated waves turned oldest first, undated ones after them.
    let filter = EventFilter {
        employer_key: Some(key.clone()),
        sort: EventSort::Newest,
        limit: Some(limit),
        ..Default::default()
    };
    let mut found = s.store.events(&filter).await?;
    let dated = found.iter().filter(|e| e.event.announced.is_some()).count();
    found[..dated].reverse();
    if found.is_empty() {
        return Err(ApiError::not_found(format!(
            "events of {name:?} (employer key {key:?}); /api/companies lists the companies"
        )));
    }
    let views: Vec<_> = found.iter().map(|e| event_view(e, true)).collect();
    json_ok(&json!({ "employer_key": key, "company": found[0].event.company, "events": views }))
}

/// An answer computed from the facts of every matching event. Over a large
/// store that takes seconds, so it is kept until the store changes.
async fn facts_answer<T: Serialize>(
    s: &AppState,
    q: Option<&str>,
    name: &str,
    build: impl FnOnce(&[layoffwatch_model::Event]) -> T,
) -> ApiResult {
    let p = Params::parse(q, FILTER_PARAMS)?;
    let filter = event_filter(s, &p)?;
    let key = format!("{name} {filter:?}");
    remembered(s, key, async {
        let events = s.store.event_facts(&filter).await?;
        Ok(to_json(&build(&events)))
    })
    .await
}

pub async fn stats(State(s): State<AppState>, RawQuery(q): RawQuery) -> ApiResult {
    facts_answer(&s, q.as_deref(), "stats", stats_body).await
}

fn stats_body(events: &[layoffwatch_model::Event]) -> serde_json::Map<String, serde_json::Value> {
    let totals = totals(events);
    let mut body = serde_json::Map::new();
    body.insert(
        "totals".into(),
        serde_json::to_value(Totals::from(totals)).expect("rows serialise"),
    );
    for by in By::ALL {
        let key = match by {
            By::Month => "months",
            By::Reason => "reasons",
            By::Function => "functions",
            By::Country => "countries",
            By::Challenger => "challenger",
        };
        body.insert(
            key.into(),
            serde_json::to_value(breakdown(events, by)).expect("rows serialise"),
        );
    }
    body
}

/// Which occupations the matching events cut and how exposed they are to AI.
pub async fn exposure(State(s): State<AppState>, RawQuery(q): RawQuery) -> ApiResult {
    let x = s.exposure.clone();
    facts_answer(&s, q.as_deref(), "exposure", |events| {
        exposure_report(
            events,
            Occupations::builtin(),
            x.aioe.as_ref(),
            x.missing.clone(),
        )
    })
    .await
}

/// The totals of a statistics answer: a breakdown row without its group.
#[derive(Debug, Serialize)]
struct Totals {
    events: u64,
    jobs_min: u64,
    jobs_max: u64,
    ai_events: u64,
    ai_jobs_min: u64,
    ai_share: f64,
    ai_employer_events: u64,
    ai_employer_jobs_min: u64,
    ai_employer_share: f64,
    ai_reported_events: u64,
    ai_reported_jobs_min: u64,
    ai_reported_share: f64,
}

impl From<StatRow> for Totals {
    fn from(r: StatRow) -> Totals {
        Totals {
            events: r.events,
            jobs_min: r.jobs_min,
            jobs_max: r.jobs_max,
            ai_events: r.ai_events,
            ai_jobs_min: r.ai_jobs_min,
            ai_share: r.ai_share,
            ai_employer_events: r.ai_employer_events,
            ai_employer_jobs_min: r.ai_employer_jobs_min,
            ai_employer_share: r.ai_employer_share,
            ai_reported_events: r.ai_reported_events,
            ai_reported_jobs_min: r.ai_reported_jobs_min,
            ai_reported_share: r.ai_reported_share,
        }
    }
}

pub async fn search(State(s): State<AppState>, RawQuery(q): RawQuery) -> ApiResult {
    let p = Params::parse(q.as_deref(), &["q", "limit"])?;
    let query = p
        .parsed("q", TextQuery::new, "some words")?
        .ok_or_else(|| ApiError::bad("parameter q is required: the words to search for"))?;
    let hits = s.store.search(&query, p.limit(20, 100)?).await?;
    let hits: Vec<_> = hits
        .iter()
        .map(|h| {
            let d = &h.document;
            json!({
                "document": d.id,
                "doc": d.doc_id,
                "kind": d.kind.as_str(),
                "title": d.title,
                "url": d.url,
                "outlet": d.source,
                "published": d.published,
                "snippet": h.snippet.parts,
                "events": h.events,
            })
        })
        .collect();
    json_ok(&json!({ "query": query.words().collect::<Vec<_>>(), "hits": hits }))
}

/// The most documents one request may carry.
const MAX_POSTED: usize = 1000;

pub async fn post_documents(
    State(s): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> ApiResult {
    let Some(token) = s.config.token.as_deref() else {
        return Err(ApiError::WritingOff);
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    if !same_secret(given, token) {
        return Err(ApiError::Unauthorized);
    }
    let body = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::TooLarge {
                limit: s.config.max_body,
            }
        } else {
            ApiError::bad(format!("the body could not be read: {e}"))
        }
    })?;
    let value: serde_json::Value = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad(format!("the body is not JSON: {e}")))?;
    let items = match value {
        serde_json::Value::Array(items) => items,
        one => vec![one],
    };
    if items.is_empty() || items.len() > MAX_POSTED {
        return Err(ApiError::bad(format!(
            "send a document or an array of 1 to {MAX_POSTED} documents"
        )));
    }
    let mut results = vec![serde_json::Value::Null; items.len()];
    let mut docs: Vec<(usize, Document)> = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let read = Document::from_value(item)
            .map_err(|e| e.to_string())
            .and_then(|d| layoffwatch_ingest::fill_text(d).map_err(|e| e.to_string()));
        let read = read.and_then(|d| {
            if d.published_is_valid() {
                Ok(d)
            } else {
                Err(format!(
                    "field \"published\" is {:?}; use an ISO date or date-time of a real day, \
                     e.g. 2024-05-01 or 2024-05-01T09:30:00Z",
                    d.published.as_deref().unwrap_or_default()
                ))
            }
        });
        match read {
            Ok(d) => docs.push((i, d)),
            Err(e) => results[i] = json!({ "status": "error", "error": e }),
        }
    }
    // A document the extractor fails on (a bug) gets an error result; the
    // others are stored.
    let mut batch: Vec<(NewDocument, Vec<NewEvent>)> = Vec::new();
    let mut stored: Vec<(usize, &Document)> = Vec::new();
    let hashes: Vec<String> = docs
        .iter()
        .map(|(_, d)| layoffwatch_ingest::content_hash(d.text.as_deref().unwrap_or_default()))
        .collect();
    for ((i, d), hash) in docs.iter().zip(&hashes) {
        match s.extractor.extract_isolated(d) {
            Ok(events) => {
                let doc = NewDocument {
                    document: d,
                    text: d.text.as_deref().unwrap_or_default(),
                    content_hash: hash,
                    kind: SourceKind::News,
                    origin: Some("api"),
                };
                batch.push((
                    doc,
                    NewEvent::keyed(events, |c| s.extractor.employer_key(c)),
                ));
                stored.push((*i, d));
            }
            Err(e) => {
                results[*i] = json!({ "id": d.id, "status": "error", "error": e.to_string() })
            }
        }
    }
    let outcomes = s.store.insert_documents(&batch).await?;
    // Kept answers are checked against the counts: count again now, so
    // that the next request sees what was just stored.
    s.recount().await?;
    for ((i, d), outcome) in stored.into_iter().zip(outcomes) {
        results[i] = match outcome {
            InsertOutcome::Stored { events, merged } => {
                json!({ "id": d.id, "status": "stored", "events": events, "merged": merged })
            }
            InsertOutcome::AlreadyStored => json!({ "id": d.id, "status": "already_stored" }),
        };
    }
    if docs.is_empty() {
        let body = json!({
            "error": { "code": "bad_request", "message": "no document could be read; see results" },
            "results": results,
        });
        return Ok((StatusCode::BAD_REQUEST, axum::Json(body)).into_response());
    }
    Ok(axum::Json(json!({ "results": results })).into_response())
}

/// Compares a given secret with the configured one in time that does not
/// depend on where they first differ.
fn same_secret(given: &str, expected: &str) -> bool {
    use sha2::{Digest, Sha256};
    let (a, b) = (Sha256::digest(given), Sha256::digest(expected));
    a.iter()
        .zip(b.iter())
        .fold(0u8, |acc, (x, y)| acc | (x ^ y))
        == 0
}

pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], crate::OPENAPI).into_response()
}

pub async fn no_route(uri: Uri) -> Response {
    ApiError::NoRoute {
        path: uri.path().chars().take(200).collect(),
    }
    .into_response()
}

pub async fn method_not_allowed() -> Response {
    error_response(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "this route does not take that method; /api/openapi.json lists the routes",
    )
}

pub fn panicked(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    error_response(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
        "the server failed on this request; the log has the details",
    )
}
