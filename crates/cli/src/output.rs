//! Output formats for events: table, JSON, JSON Lines, CSV.

use layoffwatch_model::{AiSource, Headcount};
use layoffwatch_report::event_view;
use layoffwatch_store::CanonicalEvent;
use std::io::{self, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
    Jsonl,
    Csv,
}

/// True when an error is a closed pipe (`layoffwatch events | head`).
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

pub fn size_text(h: &Option<Headcount>) -> String {
    match h {
        None => String::new(),
        Some(h) => match (h.min, h.max) {
            (Some(a), Some(b)) if a == b => format!("{}{a}", if h.approximate { "~" } else { "" }),
            (Some(a), Some(b)) => format!("{a}-{b}"),
            (Some(a), None) => format!(">{a}"),
            (None, Some(b)) => format!("<={b}"),
            (None, None) => "?".into(),
        },
    }
}

/// Items as a comma-separated list.
pub fn join<T: ToString>(v: &[T]) -> String {
    v.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn write_events(
    events: &[CanonicalEvent],
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    match format {
        Format::Jsonl => {
            for e in events {
                serde_json::to_writer(&mut *out, &event_view(e, false))?;
                out.write_all(b"\n")?;
            }
        }
        Format::Json => {
            let rows: Vec<_> = events.iter().map(|e| event_view(e, false)).collect();
            serde_json::to_writer_pretty(&mut *out, &rows)?;
            out.write_all(b"\n")?;
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record([
                "id",
                "company",
                "units",
                "announced",
                "headcount_min",
                "headcount_max",
                "headcount_text",
                "percent",
                "reasons",
                "reasons_denied",
                "ai_attributed",
                "ai_source",
                "functions",
                "locations",
                "hiring_elsewhere",
                "sources",
                "kinds",
                "first_url",
            ])?;
            for e in events {
                let ev = &e.event;
                let h = ev.headcount.as_ref();
                w.write_record([
                    e.id.to_string(),
                    ev.company.clone(),
                    ev.units.join("; "),
                    ev.announced.clone().unwrap_or_default(),
                    h.and_then(|h| h.min)
                        .map(|v| v.to_string())
                        .unwrap_or_default(),
                    h.and_then(|h| h.max)
                        .map(|v| v.to_string())
                        .unwrap_or_default(),
                    h.map(|h| h.text.clone()).unwrap_or_default(),
                    ev.percent.map(|p| p.to_string()).unwrap_or_default(),
                    join(&ev.reasons).replace(", ", ";"),
                    join(&ev.reasons_denied).replace(", ", ";"),
                    ev.ai_attributed.to_string(),
                    ev.ai_source
                        .map(|s| s.as_str())
                        .unwrap_or_default()
                        .to_string(),
                    join(&ev.functions).replace(", ", ";"),
                    ev.locations.join(";"),
                    ev.hiring_elsewhere.to_string(),
                    (e.mentions.len() + e.copies.len()).to_string(),
                    kinds(e),
                    e.mentions
                        .iter()
                        .find_map(|m| m.document.url.clone())
                        .unwrap_or_default(),
                ])?;
            }
            w.flush()?;
        }
        Format::Table => {
            let headers = [
                "ID",
                "COMPANY",
                "UNITS",
                "ANNOUNCED",
                "SIZE",
                "%",
                "AI",
                "REASONS",
                "FUNCTIONS",
                "WHERE",
                "SOURCES",
            ];
            let rows: Vec<[String; 11]> = events
                .iter()
                .map(|e| {
                    let ev = &e.event;
                    [
                        e.id.to_string(),
                        ev.company.clone(),
                        clip(&ev.units.join(", "), 28),
                        ev.announced.clone().unwrap_or_else(|| "-".into()),
                        size_text(&ev.headcount),
                        ev.percent.map(|p| format!("{p}")).unwrap_or_default(),
                        match (ev.ai_source, ev.ai_attributed) {
                            (Some(AiSource::Employer), _) => "employer".into(),
                            (Some(AiSource::Reporting), _) => "reported".into(),
                            (Some(AiSource::Denied), _) => "denied".into(),
                            (None, true) => "yes".into(),
                            (None, false) => "".into(),
                        },
                        clip(&join(&ev.reasons), 34),
                        clip(&join(&ev.functions), 28),
                        clip(&ev.locations.join(", "), 14),
                        format!("{} ({})", e.mentions.len() + e.copies.len(), kinds(e)),
                    ]
                })
                .collect();
            let mut widths = headers.map(|h| h.chars().count());
            for r in &rows {
                for (w, c) in widths.iter_mut().zip(r) {
                    *w = (*w).max(c.chars().count());
                }
            }
            let line = |cells: &[String]| -> String {
                cells
                    .iter()
                    .zip(&widths)
                    .map(|(c, w)| format!("{c:<w$}", w = *w))
                    .collect::<Vec<_>>()
                    .join("  ")
                    .trim_end()
                    .to_string()
            };
            writeln!(out, "{}", line(&headers.map(String::from)))?;
            for r in &rows {
                writeln!(out, "{}", line(r))?;
            }
            writeln!(out, "{} event(s)", rows.len())?;
        }
    }
    Ok(())
}

/// The kinds of source of an event, as "news+tracker".
pub fn kinds(e: &CanonicalEvent) -> String {
    let mut k: Vec<&str> = e
        .mentions
        .iter()
        .map(|m| m.document.kind.as_str())
        .collect();
    k.sort_unstable();
    k.dedup();
    k.join("+")
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    }
}
