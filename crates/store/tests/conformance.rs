//! One suite, both backends: every test here runs against a fresh SQLite
//! file and a fresh PostgreSQL database (from the cluster that
//! `LAYOFFWATCH_TEST_PG` names; `scripts/test.sh` starts a throwaway one
//! and sets `LAYOFFWATCH_REQUIRE_PG=1`, so there a missing server fails).

use layoffwatch_model::{Document, Event, Function, Headcount, Reason};
use layoffwatch_store::{
    CompanyFilter, Cursor, EventFilter, EventSort, EventStore, FeedState, InsertOutcome,
    NewDocument, NewEvent, SourceKind, Store, StoreCounts, TextQuery,
};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A fresh, empty store of each backend that can run here.
async fn backends() -> Vec<(Store, Option<tempfile::TempDir>)> {
    let dir = tempfile::tempdir().unwrap();
    let sqlite = Store::open(dir.path().join("t.db").to_str().unwrap())
        .await
        .unwrap();
    let mut out = vec![(sqlite, Some(dir))];
    if let Some(url) = fresh_pg_database().await {
        out.push((Store::open(&url).await.unwrap(), None));
    }
    out
}

/// A new database on the test cluster, or None when no cluster is named
/// (a failure when one is required).
async fn fresh_pg_database() -> Option<String> {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let Ok(admin) = std::env::var("LAYOFFWATCH_TEST_PG") else {
        assert!(
            std::env::var_os("LAYOFFWATCH_REQUIRE_PG").is_none(),
            "LAYOFFWATCH_REQUIRE_PG is set but LAYOFFWATCH_TEST_PG names no server"
        );
        eprintln!("PostgreSQL skipped: set LAYOFFWATCH_TEST_PG to a superuser URL");
        return None;
    };
    let name = format!(
        "conformance_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    use sqlx::Connection;
    let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .unwrap();
    let base = admin.split('?').next().unwrap();
    let (server, _) = base.rsplit_once('/').unwrap();
    Some(format!("{server}/{name}"))
}

fn doc(id: &str, published: &str, title: &str, text: &str) -> Document {
    Document {
        id: id.into(),
        text: Some(text.into()),
        html: None,
        published: Some(published.into()),
        url: Some(format!("https://example.org/{id}")),
        title: Some(title.into()),
        source: Some("Example Wire".into()),
    }
}

fn event(company: &str, announced: &str, size: Option<u64>) -> NewEvent {
    let mut e = Event::new(company);
    e.announced = (!announced.is_empty()).then(|| announced.into());
    e.headcount = size.map(|n| Headcount {
        min: Some(n),
        max: Some(n),
        approximate: false,
        text: n.to_string(),
    });
    NewEvent {
        employer_key: company.to_lowercase(),
        event: e,
    }
}

fn new_doc<'a>(d: &'a Document, hash: &'a str) -> NewDocument<'a> {
    NewDocument {
        document: d,
        text: d.text.as_deref().unwrap(),
        content_hash: hash,
        kind: SourceKind::News,
        origin: Some("fixture.jsonl:1"),
    }
}

#[tokio::test]
async fn stores_once_per_content_merges_and_filters() {
    for (store, _dir) in backends().await {
        let b = store.backend();
        let a = doc("a", "2024-04-03", "Acme cuts", "Acme will cut 300 jobs.");
        let bb = doc("b", "2023-06-01", "Acme", "Acme cut 50 jobs.");
        let c = doc("c", "2024-04-03", "Acme", "Acme is cutting 300 jobs.");
        let mut cut = event("Acme Corp", "2024-04", Some(300));
        cut.event.reasons.push(Reason::CostCutting);
        let batch = [
            (
                new_doc(&a, "h1"),
                vec![cut, event("Globex", "2023-11-02", None)],
            ),
            (
                new_doc(&bb, "h2"),
                vec![event("Acme Corp", "2023", Some(50))],
            ),
            (
                new_doc(&c, "h3"),
                vec![event("Acme Corp", "2024-04-02", Some(300))],
            ),
        ];
        let out = store.insert_documents(&batch).await.unwrap();
        let stored = |events, merged| InsertOutcome::Stored { events, merged };
        assert_eq!(out, [stored(2, 0), stored(1, 0), stored(1, 1)], "{b}");
        let again = store.insert_documents(&batch[..1]).await.unwrap();
        assert_eq!(again, [InsertOutcome::AlreadyStored], "{b}");
        // The same text under another id is another source of its events.
        let syndicated = doc("a-copy", "2024-04-04", "Copy", "Acme will cut 300 jobs.");
        let copy = store
            .insert_documents(&[(new_doc(&syndicated, "h1"), vec![])])
            .await
            .unwrap();
        assert_eq!(copy, [InsertOutcome::AlreadyStored], "{b}");
        // A text twice in one batch: stored once, the second a further source.
        let (x, x2) = (
            doc("x", "2024-05-01", "X", "Initech will cut 20 jobs."),
            doc("x-copy", "2024-05-01", "X", "Initech will cut 20 jobs."),
        );
        let twice = store
            .insert_documents(&[
                (new_doc(&x, "hx"), vec![event("Initech", "", Some(20))]),
                (new_doc(&x2, "hx"), vec![event("Initech", "", Some(20))]),
            ])
            .await
            .unwrap();
        assert_eq!(twice, [stored(1, 0), InsertOutcome::AlreadyStored], "{b}");
        let initech = store
            .events(&EventFilter {
                employer_key: Some("initech".into()),
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(initech.len(), 1, "{b}");
        assert_eq!(initech[0].mentions.len(), 1, "{b}");
        assert_eq!(initech[0].copies[0].doc_id, "x-copy", "{b}");
        assert_eq!(
            store.counts().await.unwrap(),
            StoreCounts {
                documents: 4,
                events: 5,
                canonical_events: 4,
            },
            "{b}"
        );

        let store = &store;
        let filter = |f: EventFilter| async move { store.events(&f).await.unwrap() };
        let acme = filter(EventFilter {
            company: Some("ACME".into()),
            ..Default::default()
        })
        .await;
        assert_eq!(acme.len(), 2, "{b}");
        let merged = acme.iter().find(|e| e.mentions.len() == 2).expect(b);
        assert_eq!(merged.event.announced.as_deref(), Some("2024-04-02"), "{b}");
        // The mention that leads the group (the precise date) has no
        // reason; the other says why it joined.
        let reasons: Vec<&str> = merged
            .mentions
            .iter()
            .filter_map(|m| m.merge_reason.as_deref())
            .collect();
        assert_eq!(reasons.len(), 1, "{b}");
        assert!(reasons[0].contains("sizes 300 and 300"), "{b}");
        assert_eq!(
            merged.mentions[0].document.origin.as_deref(),
            Some("fixture.jsonl:1")
        );
        assert_eq!(merged.copies.len(), 1, "{b}");
        assert_eq!(merged.copies[0].doc_id, "a-copy", "{b}");

        let count = |f: EventFilter| async move { store.events(&f).await.unwrap().len() };
        let since = |s: &str| EventFilter {
            since: Some(s.into()),
            ..Default::default()
        };
        let until = |s: &str| EventFilter {
            until: Some(s.into()),
            ..Default::default()
        };
        assert_eq!(
            count(since("2024-04-15")).await,
            0,
            "{b}: day precision now"
        );
        assert_eq!(count(since("2024-04-02")).await, 1, "{b}");
        assert_eq!(count(since("2024")).await, 1, "{b}");
        assert_eq!(count(until("2023-12")).await, 2, "{b}");
        assert_eq!(
            count(until("2023-06-30")).await,
            1,
            "{b}: a year-precise date is inside"
        );
        let big = EventFilter {
            min_headcount: Some(100),
            ..Default::default()
        };
        assert_eq!(filter(big).await[0].event.company, "Acme Corp", "{b}");
        let reason = EventFilter {
            reason: Some(Reason::CostCutting),
            ..Default::default()
        };
        assert_eq!(count(reason).await, 1, "{b}");
        let none = EventFilter {
            reason: Some(Reason::Restructuring),
            ..Default::default()
        };
        assert_eq!(count(none).await, 0, "{b}");
        let key = EventFilter {
            employer_key: Some("globex".into()),
            ..Default::default()
        };
        assert_eq!(count(key).await, 1, "{b}");
        let news = EventFilter {
            kind: Some(SourceKind::News),
            ..Default::default()
        };
        assert_eq!(count(news).await, 4, "{b}");
        let warn = EventFilter {
            kind: Some(SourceKind::Warn),
            ..Default::default()
        };
        assert_eq!(count(warn).await, 0, "{b}");
        let wildcard = EventFilter {
            company: Some("%".into()),
            ..Default::default()
        };
        assert_eq!(count(wildcard).await, 0, "{b}: LIKE wildcards are literal");

        let shown = store.event(merged.id).await.unwrap().unwrap();
        assert_eq!(shown, *merged, "{b}");
        let text = store
            .document_text(shown.mentions[0].document.id)
            .await
            .unwrap();
        assert_eq!(text.as_deref(), Some("Acme will cut 300 jobs."), "{b}");
        let document = store
            .document(shown.mentions[0].document.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(document.mentions.len(), 2, "{b}");
        assert_eq!(document.mentions[1].event.company, "Globex", "{b}");
        assert!(store.event(9999).await.unwrap().is_none(), "{b}");
        assert!(store.document(9999).await.unwrap().is_none(), "{b}");
    }
}

/// Many events of several companies, dates, sizes, reasons and functions.
async fn fill(store: &Store) -> Vec<Document> {
    let companies = ["Acme", "Globex", "Initech", "Umbrella", "Hooli"];
    let docs: Vec<Document> = (0..40)
        .map(|i| {
            let company = companies[i % companies.len()];
            doc(
                &format!("d{i}"),
                &format!("2024-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
                &format!("{company} news {i}"),
                &format!(
                    "{company} said on Tuesday it would cut {} jobs at its {} plant, \
                     blaming automation{}.",
                    10 * (i + 1),
                    ["Ohio", "Texas", "Berlin"][i % 3],
                    if i % 4 == 0 {
                        " and artificial intelligence"
                    } else {
                        ""
                    }
                ),
            )
        })
        .collect();
    let hashes: Vec<String> = (0..docs.len()).map(|i| format!("hash{i}")).collect();
    let batch: Vec<(NewDocument, Vec<NewEvent>)> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let company = companies[i % companies.len()];
            // Every fifth event has no date, every seventh no size; sizes
            // are unique, so no two events merge.
            let date = if i % 5 == 4 {
                String::new()
            } else {
                d.published.clone().unwrap()
            };
            let size = (i % 7 != 6).then_some(10 * (i as u64 + 1));
            let mut e = event(company, &date, size);
            e.event.ai_attributed = i % 4 == 0;
            if i % 3 == 0 {
                e.event.reasons.push(Reason::AiAutomation);
            }
            if i % 2 == 0 {
                e.event.functions.push(Function::Engineering);
            }
            e.event
                .locations
                .push(["US-OH", "US-TX", "DE"][i % 3].into());
            e.event.roles.push("assemblers".into());
            (new_doc(d, &hashes[i]), vec![e])
        })
        .collect();
    store.insert_documents(&batch).await.unwrap();
    docs
}

#[tokio::test]
async fn pages_follow_each_order_without_gaps_or_repeats() {
    for (store, _dir) in backends().await {
        let b = store.backend();
        fill(&store).await;
        for sort in EventSort::ALL {
            let all = store
                .events(&EventFilter {
                    sort,
                    ..Default::default()
                })
                .await
                .unwrap();
            let expected = if sort == EventSort::Oldest { 32 } else { 40 };
            assert_eq!(all.len(), expected, "{b} {sort:?}");
            let mut paged = Vec::new();
            let mut after = None;
            loop {
                let page = store
                    .events(&EventFilter {
                        sort,
                        after: after.clone(),
                        limit: Some(7),
                        ..Default::default()
                    })
                    .await
                    .unwrap();
                let Some(last) = page.last() else { break };
                after = Some(Cursor::after(last, sort));
                paged.extend(page.iter().map(|e| e.id));
            }
            let ids: Vec<i64> = all.iter().map(|e| e.id).collect();
            assert_eq!(paged, ids, "{b} {sort:?}");
            let keys: Vec<(String, i64)> = all
                .iter()
                .map(|e| {
                    let date = e.event.announced.clone().unwrap_or_default();
                    let size = e
                        .event
                        .headcount
                        .as_ref()
                        .and_then(|h| h.max)
                        .map_or(-1, |v| v as i64);
                    (date, size)
                })
                .collect();
            let ordered = keys.windows(2).all(|w| match sort {
                EventSort::Newest => w[0].0 >= w[1].0,
                EventSort::Oldest => w[0].0 <= w[1].0,
                EventSort::Largest => w[0].1 >= w[1].1,
            });
            assert!(ordered, "{b} {sort:?}: {keys:?}");
        }
    }
}

#[tokio::test]
async fn facts_and_company_totals_agree_with_the_events() {
    for (store, _dir) in backends().await {
        let b = store.backend();
        fill(&store).await;
        let filters = [
            EventFilter::default(),
            EventFilter {
                ai_attributed: Some(true),
                ..Default::default()
            },
            EventFilter {
                function: Some(Function::Engineering),
                since: Some("2024-06".into()),
                ..Default::default()
            },
            EventFilter {
                reason: Some(Reason::AiAutomation),
                min_headcount: Some(150),
                ..Default::default()
            },
        ];
        for f in &filters {
            let events = store.events(f).await.unwrap();
            let mut facts = store.event_facts(f).await.unwrap();
            assert!(!facts.is_empty(), "{b} {f:?}");
            let mut want: Vec<Event> = events.into_iter().map(|e| e.event).collect();
            let key = |e: &Event| (e.company.clone(), e.headcount.as_ref().and_then(|h| h.max));
            facts.sort_by_key(key);
            want.sort_by_key(key);
            assert_eq!(facts.len(), want.len(), "{b} {f:?}");
            for (got, want) in facts.iter().zip(&want) {
                assert_eq!(got.company, want.company, "{b}");
                assert_eq!(got.announced, want.announced, "{b}");
                assert_eq!(
                    got.headcount.as_ref().map(|h| (h.min, h.max)),
                    want.headcount.as_ref().map(|h| (h.min, h.max)),
                    "{b}"
                );
                assert_eq!(got.ai_attributed, want.ai_attributed, "{b}");
                assert_eq!(got.reasons, want.reasons, "{b}");
                assert_eq!(got.functions, want.functions, "{b}");
                assert_eq!(got.locations, want.locations, "{b}");
                assert_eq!(got.roles, want.roles, "{b}");
            }
        }
        let companies = store.companies(&CompanyFilter::default()).await.unwrap();
        assert_eq!(companies.len(), 5, "{b}");
        assert_eq!(companies.iter().map(|c| c.events).sum::<u64>(), 40, "{b}");
        let acme = &companies.iter().find(|c| c.employer_key == "acme").unwrap();
        let acme_events = store
            .events(&EventFilter {
                employer_key: Some("acme".into()),
                ..Default::default()
            })
            .await
            .unwrap();
        let jobs: u64 = acme_events
            .iter()
            .filter_map(|e| e.event.headcount.as_ref().and_then(|h| h.max))
            .sum();
        assert_eq!(
            (acme.company.as_str(), acme.jobs_max),
            ("Acme", jobs),
            "{b}"
        );
        let ai = acme_events.iter().filter(|e| e.event.ai_attributed).count() as u64;
        assert_eq!(acme.ai_events, ai, "{b}");
        let last = acme_events
            .iter()
            .filter_map(|e| e.event.announced.clone())
            .max();
        assert_eq!(acme.last, last, "{b}");
        assert!(acme.first < acme.last, "{b}");
        let prefixed = store
            .companies(&CompanyFilter {
                prefix: Some("IN".into()),
                limit: Some(3),
            })
            .await
            .unwrap();
        let keys: Vec<&str> = prefixed.iter().map(|c| c.employer_key.as_str()).collect();
        assert_eq!(keys, ["initech"], "{b}");
    }
}

#[tokio::test]
async fn full_text_finds_words_prefixes_and_filters_events() {
    for (store, _dir) in backends().await {
        let b = store.backend();
        fill(&store).await;
        let q = TextQuery::new("artificial intelligence").unwrap();
        let hits = store.search(&q, 100).await.unwrap();
        assert_eq!(hits.len(), 10, "{b}");
        for hit in &hits {
            assert_eq!(hit.events.len(), 1, "{b}");
            let marked: Vec<&str> = hit
                .snippet
                .parts
                .iter()
                .filter(|p| p.hit)
                .map(|p| p.text.as_str())
                .collect();
            assert!(
                marked
                    .iter()
                    .any(|w| w.eq_ignore_ascii_case("intelligence")),
                "{b}: {marked:?}"
            );
        }
        // Stemming and prefixes: "plants" finds "plant", "Glob*" finds
        // Globex, in titles too.
        let plants = TextQuery::new("plants").unwrap();
        assert_eq!(store.search(&plants, 100).await.unwrap().len(), 40, "{b}");
        let glob = TextQuery::new("glob* berlin").unwrap();
        let hits = store.search(&glob, 100).await.unwrap();
        assert!(!hits.is_empty(), "{b}");
        for hit in &hits {
            assert!(hit.document.title.as_deref().unwrap().starts_with("Globex"));
        }
        assert_eq!(store.search(&glob, 1).await.unwrap().len(), 1, "{b}");
        let filtered = store
            .events(&EventFilter {
                text: Some(q),
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(filtered.len(), 10, "{b}");
        assert!(filtered.iter().all(|e| e.event.ai_attributed), "{b}");
        let nothing = TextQuery::new("zeppelin").unwrap();
        assert!(store.search(&nothing, 10).await.unwrap().is_empty(), "{b}");
    }
}

#[tokio::test]
async fn feed_state_is_kept_and_replaced() {
    for (store, _dir) in backends().await {
        let b = store.backend();
        let url = "https://example.org/feed.xml";
        assert_eq!(store.feed_state(url).await.unwrap(), None, "{b}");
        let mut state = FeedState {
            url: url.into(),
            etag: Some("\"v1\"".into()),
            last_modified: None,
            checked_at: "2026-12-01T10:00:00Z".into(),
            status: "200: 3 new".into(),
        };
        store.save_feed_state(&state).await.unwrap();
        state.etag = None;
        state.last_modified = Some("Tue, 01 Dec 2026 10:00:00 GMT".into());
        store.save_feed_state(&state).await.unwrap();
        assert_eq!(store.feed_state(url).await.unwrap(), Some(state), "{b}");
    }
}

#[tokio::test]
async fn concurrent_writers_lose_and_duplicate_nothing() {
    for (store, _dir) in backends().await {
        let b = store.backend();
        // Eight writers, each storing the same 30 documents in batches of
        // 5, in a different order; one canonical event per company.
        let docs: Vec<Document> = (0..30)
            .map(|i| {
                doc(
                    &format!("d{i}"),
                    "2024-05-02",
                    "t",
                    &format!("Company{} cut 100 jobs.", i % 6),
                )
            })
            .collect();
        let mut writers = Vec::new();
        for w in 0..8usize {
            let store = store.clone();
            let docs = docs.clone();
            writers.push(tokio::spawn(async move {
                let mut order: Vec<usize> = (0..docs.len()).collect();
                order.rotate_left(w * 4 % docs.len());
                let hashes: Vec<String> = order.iter().map(|i| format!("h{i}")).collect();
                for chunk in order.iter().zip(&hashes).collect::<Vec<_>>().chunks(5) {
                    let batch: Vec<(NewDocument, Vec<NewEvent>)> = chunk
                        .iter()
                        .map(|(i, h)| {
                            let e = event(&format!("Company{}", *i % 6), "2024-05-02", Some(100));
                            (new_doc(&docs[**i], h), vec![e])
                        })
                        .collect();
                    store.insert_documents(&batch).await.unwrap();
                }
            }));
        }
        for w in writers {
            w.await.unwrap();
        }
        assert_eq!(
            store.counts().await.unwrap(),
            StoreCounts {
                documents: 30,
                events: 30,
                canonical_events: 6,
            },
            "{b}"
        );
        for e in store.events(&EventFilter::default()).await.unwrap() {
            assert_eq!(e.mentions.len(), 5, "{b}");
        }
    }
}
