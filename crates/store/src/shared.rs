//! What both backends share: turning rows into model values and model
//! values into column values, the merge decision, and the WHERE clause of
//! an event query (written once, in each backend's dialect).

use crate::{
    CanonicalEvent, CompanySummary, Cursor, DocumentRef, EventFilter, EventSort, SourceKind,
    StoreError, StoredEvent,
};
use layoffwatch_merge::Canonical;
use layoffwatch_model::Event;
use sqlx::{ColumnIndex, Database, Decode, Encode, QueryBuilder, Row, Type};
use std::collections::HashMap;

/// A row type whose columns decode into the plain values the store uses.
pub(crate) trait PlainRow: Row
where
    for<'a> &'a str: ColumnIndex<Self>,
    usize: ColumnIndex<Self>,
{
    fn text(&self, column: &str) -> Result<String, StoreError>;
    fn opt_text(&self, column: &str) -> Result<Option<String>, StoreError>;
    fn int(&self, column: &str) -> Result<i64, StoreError>;
    fn opt_int(&self, column: &str) -> Result<Option<i64>, StoreError>;
}

impl<R> PlainRow for R
where
    R: Row,
    for<'a> &'a str: ColumnIndex<R>,
    usize: ColumnIndex<R>,
    for<'r> String: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> i64: Decode<'r, R::Database> + Type<R::Database>,
{
    fn text(&self, column: &str) -> Result<String, StoreError> {
        Ok(self.try_get(column)?)
    }
    fn opt_text(&self, column: &str) -> Result<Option<String>, StoreError> {
        Ok(self.try_get(column)?)
    }
    fn int(&self, column: &str) -> Result<i64, StoreError> {
        Ok(self.try_get(column)?)
    }
    fn opt_int(&self, column: &str) -> Result<Option<i64>, StoreError> {
        Ok(self.try_get(column)?)
    }
}

/// The source columns of a row (`document_id`, `doc_id`, `url`, `title`,
/// `source`, `published`, `kind`).
pub(crate) fn document_ref<R>(row: &R, origin: Option<String>) -> Result<DocumentRef, StoreError>
where
    R: PlainRow,
    for<'a> &'a str: ColumnIndex<R>,
    usize: ColumnIndex<R>,
{
    let kind = row.text("kind")?;
    Ok(DocumentRef {
        id: row.int("document_id")?,
        doc_id: row.text("doc_id")?,
        url: row.opt_text("url")?,
        title: row.opt_text("title")?,
        source: row.opt_text("source")?,
        published: row.opt_text("published")?,
        kind: SourceKind::parse(&kind).unwrap_or(SourceKind::News),
        origin,
    })
}

/// A mention from the columns of [`MENTION_COLUMNS`].
pub(crate) fn mention<R>(row: &R) -> Result<StoredEvent, StoreError>
where
    R: PlainRow,
    for<'a> &'a str: ColumnIndex<R>,
    usize: ColumnIndex<R>,
{
    let id = row.int("id")?;
    let event: Event = serde_json::from_str(&row.text("event")?)
        .map_err(|cause| StoreError::CorruptEvent { id, cause })?;
    Ok(StoredEvent {
        id,
        event,
        ordinal: row.int("ordinal")?,
        canonical_id: row.opt_int("canonical_id")?,
        merge_reason: row.opt_text("merge_reason")?,
        document: document_ref(row, row.opt_text("origin")?)?,
    })
}

/// A company total from the columns of a companies query, in order: key,
/// company, events, jobs min, jobs max, AI events, first, last.
pub(crate) fn company_summary<R>(r: &R) -> Result<CompanySummary, StoreError>
where
    R: Row,
    usize: ColumnIndex<R>,
    for<'q> String: Decode<'q, R::Database> + Type<R::Database>,
    for<'q> i64: Decode<'q, R::Database> + Type<R::Database>,
{
    Ok(CompanySummary {
        employer_key: r.try_get(0)?,
        company: r.try_get(1)?,
        events: r.try_get::<i64, _>(2)? as u64,
        jobs_min: r.try_get::<i64, _>(3)? as u64,
        jobs_max: r.try_get::<i64, _>(4)? as u64,
        ai_events: r.try_get::<i64, _>(5)? as u64,
        first: r.try_get(6)?,
        last: r.try_get(7)?,
    })
}

/// The columns of a mention, joined with its document; filters follow.
pub(crate) const MENTION_COLUMNS: &str = "SELECT e.id, e.ordinal, e.event, e.document_id, \
     e.canonical_id, e.merge_reason, d.doc_id, d.url, d.title, d.source, d.published, d.kind, \
     d.origin FROM events e JOIN documents d ON d.id = e.document_id";

/// Canonical events with their merged state; filters follow.
pub(crate) const STATE_COLUMNS: &str =
    "SELECT c.id, s.state FROM canonical_events c JOIN canonical_state s ON s.id = c.id";

/// The further sources of documents; the list of ids follows.
pub(crate) const COPY_COLUMNS: &str =
    "SELECT s.document_id, s.doc_id, s.url, s.title, s.source, s.published, d.kind \
     FROM document_sources s JOIN documents d ON d.id = s.document_id WHERE s.document_id IN (";

/// The statement that writes a canonical event, new or changed, in each
/// backend's placeholders (`values`, bound in the column order below);
/// `overriding` is what PostgreSQL needs to take a given id.
pub(crate) fn upsert_canonical_sql(overriding: &str, values: &str) -> String {
    format!(
        "INSERT INTO canonical_events (employer_key, company, announced, headcount_min, \
         headcount_max, percent, ai_attributed, reasons, functions, kinds, conflict, mentions, \
         locations, roles, ai_source, id){overriding} VALUES ({values}) \
         ON CONFLICT (id) DO UPDATE SET employer_key = excluded.employer_key, \
         company = excluded.company, announced = excluded.announced, \
         headcount_min = excluded.headcount_min, headcount_max = excluded.headcount_max, \
         percent = excluded.percent, ai_attributed = excluded.ai_attributed, \
         reasons = excluded.reasons, functions = excluded.functions, kinds = excluded.kinds, \
         conflict = excluded.conflict, mentions = excluded.mentions, \
         locations = excluded.locations, roles = excluded.roles, ai_source = excluded.ai_source \
         RETURNING id"
    )
}

pub(crate) fn canonical_state(id: i64, json: &str) -> Result<Canonical, StoreError> {
    serde_json::from_str(json).map_err(|cause| StoreError::CorruptEvent { id, cause })
}

/// Canonical events (id, state) completed with their mentions (by canonical
/// id) and the further sources of their documents (by document id).
pub(crate) fn assemble(
    states: Vec<(i64, Canonical)>,
    mut mentions: HashMap<i64, Vec<StoredEvent>>,
    copies: &HashMap<i64, Vec<DocumentRef>>,
) -> Vec<CanonicalEvent> {
    states
        .into_iter()
        .map(|(id, state)| {
            let mentions = mentions.remove(&id).unwrap_or_default();
            let copies = mentions
                .iter()
                .filter_map(|m| copies.get(&m.document.id))
                .flatten()
                .cloned()
                .collect();
            CanonicalEvent {
                id,
                event: state.event,
                conflict: state.conflict,
                ai_conflict: state.ai_conflict,
                mentions,
                copies,
            }
        })
        .collect()
}

/// A stored mention as regrouping reads it: event row id, event JSON,
/// document row id, source kind, document content hash, place in document.
pub(crate) type MemberRow = (
    i64,
    String,
    i64,
    String,
    String,
    i64,
    Option<i64>,
    Option<String>,
);

/// The mentions of one employer regrouped (see `layoffwatch_merge::cluster`),
/// as changes to what is stored: canonical events to write (new or changed
/// state), ids to delete, and mentions whose (canonical id, reason) changed;
/// `groups` pairs every mention with its canonical id.
pub(crate) struct Regrouped {
    pub write: Vec<(i64, Canonical)>,
    pub delete: Vec<i64>,
    pub assign: Vec<(i64, i64, Option<String>)>,
    pub groups: Vec<(i64, i64)>,
}

/// Regroups the mentions of employer `key` (`rows`, with the canonical id
/// and reason each has now) against its stored canonical events (`stored`:
/// id and state JSON). A canonical event's id derives from the key and its
/// anchor mention, so ids too are the same whatever order the sources came
/// in, and stay put while the anchor does. Only what changed is rewritten.
pub(crate) fn regroup(
    key: &str,
    rows: Vec<MemberRow>,
    stored: Vec<(i64, String)>,
) -> Result<Regrouped, StoreError> {
    let mut now = Vec::with_capacity(rows.len());
    let mut members = Vec::with_capacity(rows.len());
    for (id, json, document, kind, hash, ordinal, canonical, reason) in rows {
        let event =
            serde_json::from_str(&json).map_err(|cause| StoreError::CorruptEvent { id, cause })?;
        let kind = SourceKind::parse(&kind).unwrap_or(SourceKind::News);
        now.push((id, canonical, reason));
        members.push(layoffwatch_merge::Member {
            event,
            document,
            kind,
            stable: format!("{hash}:{ordinal:06}"),
        });
    }
    let stored: HashMap<i64, String> = stored.into_iter().collect();
    let mut out = Regrouped {
        write: Vec::new(),
        delete: Vec::new(),
        assign: Vec::new(),
        groups: Vec::with_capacity(members.len()),
    };
    let mut kept = std::collections::HashSet::new();
    for g in layoffwatch_merge::cluster(&members) {
        let cid = stable_id(key, g.anchor(&members));
        for (i, reason) in g.members {
            let (event, canonical, old_reason) = &now[i];
            out.groups.push((*event, cid));
            if *canonical != Some(cid) || *old_reason != reason {
                out.assign.push((*event, cid, reason));
            }
        }
        let state = CanonicalColumns::of(&g.canonical).state;
        if stored.get(&cid) != Some(&state) {
            out.write.push((cid, g.canonical));
        }
        kept.insert(cid);
    }
    out.delete = stored.into_keys().filter(|id| !kept.contains(id)).collect();
    out.delete.sort_unstable();
    Ok(out)
}

/// Fills `merged` of each stored document's outcome: how many of its new
/// mentions (`mine`: outcome index, event row id) joined a cut stored
/// before it, that is one holding a mention with a smaller row id than the
/// document's first. `groups` maps every regrouped mention to its
/// canonical id.
pub(crate) fn count_merged(
    outcomes: &mut [crate::InsertOutcome],
    mine: &[(usize, i64)],
    groups: &HashMap<i64, i64>,
) {
    let mut first_of_group: HashMap<i64, i64> = HashMap::new();
    for (event, canonical) in groups {
        let e = first_of_group.entry(*canonical).or_insert(*event);
        *e = (*e).min(*event);
    }
    let mut first_of_document: HashMap<usize, i64> = HashMap::new();
    for (outcome, event) in mine {
        let e = first_of_document.entry(*outcome).or_insert(*event);
        *e = (*e).min(*event);
    }
    for (outcome, event) in mine {
        let Some(canonical) = groups.get(event) else {
            continue;
        };
        let earlier = first_of_group[canonical] < first_of_document[outcome];
        if let Some(crate::InsertOutcome::Stored { merged, .. }) = outcomes.get_mut(*outcome) {
            *merged += usize::from(earlier);
        }
    }
}

/// A positive id below 2^53 (exact in JavaScript) from an employer key and
/// an anchor's stable key.
pub(crate) fn stable_id(key: &str, anchor: &str) -> i64 {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(format!("{key}\n{anchor}").as_bytes());
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&digest[..8]);
    let v = (u64::from_be_bytes(bytes) & ((1u64 << 53) - 1)).max(1);
    i64::try_from(v).expect("below 2^53")
}

/// The filter columns of an event (a mention or a canonical event).
#[derive(Debug)]
pub(crate) struct EventColumns {
    pub company: String,
    pub announced: Option<String>,
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub percent: Option<f64>,
    pub ai: bool,
    pub ai_source: Option<&'static str>,
    pub reasons: String,
    pub functions: String,
    pub locations: String,
    pub roles: String,
}

impl EventColumns {
    pub fn of(e: &Event) -> EventColumns {
        let size = e.headcount.as_ref();
        EventColumns {
            company: e.company.clone(),
            announced: e.announced.clone(),
            min: size.and_then(|h| h.min).map(|v| v as i64),
            max: size.and_then(|h| h.max).map(|v| v as i64),
            percent: e.percent,
            ai: e.ai_attributed,
            ai_source: e.ai_source.map(|a| a.as_str()),
            reasons: serde_json::to_string(&e.reasons).expect("codes serialise"),
            functions: serde_json::to_string(&e.functions).expect("codes serialise"),
            locations: serde_json::to_string(&e.locations).expect("codes serialise"),
            roles: serde_json::to_string(&e.roles).expect("roles serialise"),
        }
    }
}

/// The columns of a canonical event besides those of its event.
#[derive(Debug)]
pub(crate) struct CanonicalColumns {
    pub event: EventColumns,
    pub kinds: String,
    pub conflict: bool,
    pub mentions: i64,
    pub state: String,
}

impl CanonicalColumns {
    pub fn of(state: &Canonical) -> CanonicalColumns {
        CanonicalColumns {
            event: EventColumns::of(&state.event),
            kinds: serde_json::to_string(&state.kinds).expect("kinds serialise"),
            conflict: state.conflict,
            mentions: state.documents.len() as i64,
            state: serde_json::to_string(state).expect("canonical events always serialise"),
        }
    }
}

/// The columns `event_facts` reads, in order: announced, headcount min and
/// max, AI attribution, reasons, functions, locations, company, roles, who
/// ties the event to AI.
pub(crate) type Facts = (
    Option<String>,
    Option<u64>,
    Option<u64>,
    bool,
    Vec<layoffwatch_model::Reason>,
    Vec<layoffwatch_model::Function>,
    Vec<String>,
    String,
    Vec<String>,
    Option<layoffwatch_model::AiSource>,
);

/// The event of [`Facts`]: those fields set, the others empty.
pub(crate) fn facts_event(facts: Facts) -> Event {
    let (announced, min, max, ai, reasons, functions, locations, company, roles, ai_source) = facts;
    let mut e = Event::new(company);
    e.announced = announced;
    e.headcount = (min.is_some() || max.is_some()).then(|| layoffwatch_model::Headcount {
        min,
        max,
        approximate: false,
        text: String::new(),
    });
    e.ai_attributed = ai;
    e.ai_source = ai_source;
    e.reasons = reasons;
    e.functions = functions;
    e.locations = locations;
    e.roles = roles;
    e
}

/// Whether an event query must come in the filter's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Order {
    Sorted,
    /// Any order: a table scan, much faster than walking an index over a
    /// whole large table.
    Any,
}

/// The SQL that differs between the backends in an event filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    /// Case-insensitive LIKE.
    fn ilike(self) -> &'static str {
        match self {
            Dialect::Sqlite => " LIKE ",
            Dialect::Postgres => " ILIKE ",
        }
    }

    /// The text before and after a bound code to test that a JSON array
    /// column holds it.
    fn holds(self, column: &str) -> (String, &'static str) {
        match self {
            Dialect::Sqlite => (
                format!(" AND EXISTS (SELECT 1 FROM json_each({column}) WHERE value = "),
                ")",
            ),
            Dialect::Postgres => (
                format!(" AND {column} @> jsonb_build_array(CAST("),
                " AS text))",
            ),
        }
    }

    fn least(self) -> &'static str {
        match self {
            Dialect::Sqlite => "min",
            Dialect::Postgres => "least",
        }
    }

    /// Canonical ids of events whose documents match a text query; the
    /// query follows, then ")".
    fn text_match(self) -> &'static str {
        match self {
            Dialect::Sqlite => {
                " AND c.id IN (SELECT e.canonical_id FROM events e WHERE e.document_id IN \
                 (SELECT rowid FROM documents_fts WHERE documents_fts MATCH "
            }
            Dialect::Postgres => {
                " AND c.id IN (SELECT e.canonical_id FROM events e WHERE e.document_id IN \
                 (SELECT id FROM documents WHERE search @@ to_tsquery('english', "
            }
        }
    }

    fn text_query(self, text: &crate::TextQuery) -> String {
        match self {
            Dialect::Sqlite => text.fts5(),
            Dialect::Postgres => text.tsquery(),
        }
    }

    fn text_match_end(self) -> &'static str {
        match self {
            Dialect::Sqlite => "))",
            Dialect::Postgres => ")))",
        }
    }
}

/// The WHERE, ORDER BY and LIMIT of an event query over `canonical_events c`.
pub(crate) fn push_filter<'a, DB>(
    q: &mut QueryBuilder<'a, DB>,
    filter: &EventFilter,
    order: Order,
    dialect: Dialect,
) where
    DB: Database,
    String: Encode<'a, DB> + Type<DB>,
    &'static str: Encode<'a, DB> + Type<DB>,
    i64: Encode<'a, DB> + Type<DB>,
    bool: Encode<'a, DB> + Type<DB>,
{
    q.push(" WHERE 1 = 1");
    if let Some(company) = &filter.company {
        q.push(" AND c.company")
            .push(dialect.ilike())
            .push_bind(format!("%{}%", escape_like(company)))
            .push(" ESCAPE '\\'");
    }
    if let Some(key) = &filter.employer_key {
        q.push(" AND c.employer_key = ").push_bind(key.clone());
    }
    let codes = [
        ("c.kinds", filter.kind.map(|k| k.as_str())),
        ("c.reasons", filter.reason.map(|r| r.as_str())),
        ("c.functions", filter.function.map(|f| f.as_str())),
    ];
    for (column, code) in codes {
        if let Some(code) = code {
            let (before, after) = dialect.holds(column);
            q.push(before).push_bind(code).push(after);
        }
    }
    // Dates compare at the coarser of the two precisions, so an event
    // announced "2024-04" is inside --since 2024-04-15. The first, wider
    // test of each bound lets the database scan a range of the date index.
    if let Some(b) = &filter.since {
        q.push(" AND c.sort_date >= ")
            .push_bind(b[..b.len().min(4)].to_string());
    }
    if let Some(b) = &filter.until {
        q.push(" AND c.sort_date <= ").push_bind(format!("{b}~"));
    }
    let least = dialect.least();
    for (bound, op) in [(&filter.since, ">="), (&filter.until, "<=")] {
        if let Some(b) = bound {
            q.push(format!(
                " AND c.announced IS NOT NULL AND substr(c.announced, 1, {least}(length(c.announced), length("
            ))
            .push_bind(b.clone())
            .push(format!("))) {op} substr("))
            .push_bind(b.clone())
            .push(format!(", 1, {least}(length(c.announced), length("))
            .push_bind(b.clone())
            .push(")))");
        }
    }
    if let Some(ai) = filter.ai_attributed {
        q.push(" AND c.ai_attributed = ").push_bind(ai);
    }
    if let Some(source) = filter.ai_source {
        q.push(" AND c.ai_source = ")
            .push_bind(source.as_str().to_string());
    }
    if let Some(n) = filter.min_headcount {
        q.push(" AND (c.headcount_max >= ")
            .push_bind(n.min(i64::MAX as u64) as i64)
            .push(" OR (c.headcount_max IS NULL AND c.headcount_min IS NOT NULL))");
    }
    if let Some(text) = &filter.text {
        q.push(dialect.text_match())
            .push_bind(dialect.text_query(text))
            .push(dialect.text_match_end());
    }
    let (key, id) = match (filter.sort, &filter.after) {
        (EventSort::Newest | EventSort::Oldest, Some(Cursor::Date { date, id })) => {
            (Some(Key::Date(date.clone())), *id)
        }
        (EventSort::Largest, Some(Cursor::Size { size, id })) => (Some(Key::Size(*size)), *id),
        // A cursor of another order starts from the top.
        _ => (None, 0),
    };
    if let Some(key) = key {
        let (column, op) = match filter.sort {
            EventSort::Newest => ("c.sort_date", "<"),
            EventSort::Oldest => ("c.sort_date", ">"),
            EventSort::Largest => ("c.sort_size", "<"),
        };
        q.push(format!(" AND ({column}, c.id) {op} ("));
        match key {
            Key::Date(d) => q.push_bind(d),
            Key::Size(s) => q.push_bind(s),
        };
        q.push(", ").push_bind(id).push(")");
    }
    if filter.sort == EventSort::Oldest {
        q.push(" AND c.sort_date <> ''");
    }
    if order == Order::Sorted || filter.limit.is_some() {
        q.push(match filter.sort {
            EventSort::Newest => " ORDER BY c.sort_date DESC, c.id DESC",
            EventSort::Oldest => " ORDER BY c.sort_date, c.id",
            EventSort::Largest => " ORDER BY c.sort_size DESC, c.id DESC",
        });
    }
    if let Some(limit) = filter.limit {
        q.push(" LIMIT ")
            .push_bind(limit.min(i64::MAX as u64) as i64);
    }
}

enum Key {
    Date(String),
    Size(i64),
}

/// The query of [`crate::EventStore::companies`], the same SQL for both
/// backends. Each employer is shown under the name most of its events
/// carry (ties: the first in byte order), looked up only for the
/// employers on the page.
pub(crate) fn companies_query<'a, DB>(filter: &crate::CompanyFilter) -> QueryBuilder<'a, DB>
where
    DB: Database,
    String: Encode<'a, DB> + Type<DB>,
    i64: Encode<'a, DB> + Type<DB>,
{
    let mut q = QueryBuilder::new(
        "SELECT g.employer_key, (SELECT n.company FROM canonical_events n \
         WHERE n.employer_key = g.employer_key GROUP BY n.company \
         ORDER BY count(*) DESC, min(n.company) LIMIT 1), \
         g.events, g.jobs_min, g.jobs_max, g.ai_events, g.first, g.last FROM (\
         SELECT c.employer_key, count(*) AS events, \
         CAST(sum(coalesce(c.headcount_min, 0)) AS BIGINT) AS jobs_min, \
         CAST(sum(coalesce(c.headcount_max, c.headcount_min, 0)) AS BIGINT) AS jobs_max, \
         CAST(sum(CASE WHEN c.ai_attributed THEN 1 ELSE 0 END) AS BIGINT) AS ai_events, \
         min(c.announced) AS first, nullif(max(c.sort_date), '') AS last \
         FROM canonical_events c",
    );
    if let Some(prefix) = &filter.prefix {
        q.push(" WHERE c.employer_key LIKE ")
            .push_bind(format!("{}%", escape_like(&prefix.to_lowercase())))
            .push(" ESCAPE '\\'");
    }
    q.push(" GROUP BY c.employer_key ORDER BY count(*) DESC, c.employer_key LIMIT ")
        .push_bind(filter.limit.unwrap_or(u64::MAX >> 1).min(i64::MAX as u64) as i64)
        .push(") g ORDER BY g.events DESC, g.employer_key");
    q
}

pub(crate) fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}
