use layoffwatch_merge::month_of;
use layoffwatch_store::{CanonicalEvent, SourceKind};
use serde::Serialize;
use std::collections::BTreeMap;

/// How the tracker and the news cover each other in one month.
#[derive(Debug, Default, Clone, Serialize, PartialEq)]
pub struct CoverageRow {
    pub month: String,
    pub tracker_rows: u64,
    pub tracker_with_news: u64,
    pub news_events: u64,
    pub news_not_in_tracker: u64,
    pub warn_linked_to_news: u64,
}

/// One row per month ("(undated)" for events without a date), then
/// the totals as month "all".
pub fn coverage_rows(events: &[CanonicalEvent]) -> Vec<CoverageRow> {
    let mut rows: BTreeMap<String, CoverageRow> = BTreeMap::new();
    let mut total = CoverageRow {
        month: "all".into(),
        ..Default::default()
    };
    for e in events {
        let month = e
            .event
            .announced
            .as_deref()
            .and_then(month_of)
            .unwrap_or_else(|| "(undated)".into());
        let tracker = e.count_kind(SourceKind::Tracker) as u64;
        let news = e.count_kind(SourceKind::News) > 0;
        let warn = e.count_kind(SourceKind::Warn) as u64;
        let r = rows.entry(month.clone()).or_insert_with(|| CoverageRow {
            month,
            ..Default::default()
        });
        for r in [r, &mut total] {
            r.tracker_rows += tracker;
            if news {
                r.tracker_with_news += tracker;
                r.news_events += 1;
                r.news_not_in_tracker += u64::from(tracker == 0);
                r.warn_linked_to_news += warn;
            }
        }
    }
    let mut out: Vec<CoverageRow> = rows.into_values().collect();
    out.push(total);
    out
}
