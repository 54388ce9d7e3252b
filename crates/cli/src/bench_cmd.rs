//! `layoffwatch bench-data`: a large synthetic database for benchmarks of
//! the store and the API (`scripts/bench_api.sh`). The events are made up
//! but go through the real ingest path: documents, full-text index, merging.

use crate::settings::{runtime, DbArgs};
use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use layoffwatch_model::{Document, Event, Evidence, Field, Function, Headcount, Reason};
use layoffwatch_store::{EventStore, NewDocument, NewEvent, SourceKind};
use std::process::ExitCode;

/// Fill a database with synthetic layoff events, for benchmarks only.
///
/// Example: layoffwatch bench-data --events 1000000 --db /tmp/bench.db
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// How many documents (one event each) to add
    #[arg(long, default_value_t = 100_000)]
    events: u64,
    /// How many distinct employers the events spread over
    #[arg(long, default_value_t = 100_000)]
    companies: u64,
    /// Seed of the generator (the same seed gives the same database)
    #[arg(long, default_value_t = 1)]
    seed: u64,
    #[command(flatten)]
    db: DbArgs,
}

/// A small deterministic generator (xorshift64*), enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const SYLLABLES: &[&str] = &[
    "al", "bor", "cen", "dra", "el", "fin", "gar", "hel", "ion", "jun", "kor", "lum", "mar", "nov",
    "or", "pra", "quin", "ros", "sol", "tar", "ul", "ver", "wen", "xan", "yor", "zen",
];
const SUFFIXES: &[&str] = &[
    "Systems",
    "Labs",
    "Foods",
    "Motors",
    "Bank",
    "Health",
    "Media",
    "Logistics",
];
const PLACES: &[&str] = &[
    "US-CA", "US-TX", "US-NY", "US-WA", "GB", "DE", "IN", "CA", "FR", "US-OH",
];

fn company_name(i: u64) -> String {
    let mut n = i;
    let mut name = String::new();
    for _ in 0..3 {
        name.push_str(SYLLABLES[(n % SYLLABLES.len() as u64) as usize]);
        n /= SYLLABLES.len() as u64;
    }
    let mut chars = name.chars();
    let first = chars.next().map(|c| c.to_ascii_uppercase()).unwrap_or('X');
    format!(
        "{first}{}{} {}",
        chars.as_str(),
        n,
        SUFFIXES[(i % SUFFIXES.len() as u64) as usize]
    )
}

fn synthetic(rng: &mut Rng, i: u64, companies: u64) -> (Document, Event) {
    let company = company_name(rng.below(companies));
    let year = 2015 + rng.below(12);
    let date = format!("{year}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28));
    let size = 10 + rng.below(5000);
    let ai = rng.below(10) == 0;
    let verb = if ai {
        "automation and AI tools"
    } else {
        "weaker demand"
    };
    let text = format!(
        "{company} will cut {size} jobs, the company said on {date}, citing {verb}. \
         The cuts affect its {} teams.",
        if rng.below(2) == 0 {
            "sales"
        } else {
            "engineering"
        }
    );
    let mut e = Event::new(company.clone());
    e.announced = Some(date.clone());
    e.headcount = Some(Headcount {
        min: Some(size),
        max: Some(size),
        approximate: false,
        text: format!("{size} jobs"),
    });
    e.ai_attributed = ai;
    e.reasons = vec![if ai {
        Reason::AiAutomation
    } else {
        *rng.pick(&[
            Reason::CostCutting,
            Reason::EconomicConditions,
            Reason::Restructuring,
        ])
    }];
    let (function, role) = *rng.pick(&[
        (Function::Sales, "sales representative"),
        (Function::Engineering, "software engineer"),
        (Function::Operations, "warehouse worker"),
        (Function::CustomerSupport, "customer service agent"),
    ]);
    e.functions = vec![function];
    e.roles = vec![role.to_string()];
    e.locations = vec![rng.pick(PLACES).to_string()];
    let cut = text.find(" will cut").unwrap_or(0) + 1;
    e.evidence = vec![
        Evidence {
            field: Field::Company,
            start: 0,
            end: company.len(),
        },
        Evidence {
            field: Field::Event,
            start: cut,
            end: cut + 8,
        },
    ];
    let doc = Document {
        id: format!("synthetic-{i}"),
        text: Some(text),
        html: None,
        published: Some(date),
        url: Some(format!("https://example.org/news/{i}")),
        title: Some(format!("{company} to cut {size} jobs")),
        source: Some("synthetic".into()),
    };
    (doc, e)
}

pub fn run(a: Args) -> Result<ExitCode> {
    let rt = runtime()?;
    let store = rt.block_on(a.db.open())?;
    let extractor = layoffwatch_extract::Extractor::new();
    let start = rt.block_on(store.counts())?.documents;
    let mut rng = Rng(a.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let bar = ProgressBar::new(a.events).with_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} documents, {per_sec}, eta {eta}")
            .expect("the template is valid"),
    );
    let mut i = 0;
    while i < a.events {
        let n = (a.events - i).min(2000);
        let items: Vec<(Document, Event)> = (0..n)
            .map(|k| synthetic(&mut rng, start + i + k, a.companies))
            .collect();
        let hashes: Vec<String> = items
            .iter()
            .map(|(d, _)| layoffwatch_ingest::content_hash(d.text.as_deref().unwrap_or("")))
            .collect();
        let batch: Vec<(NewDocument, Vec<NewEvent>)> = items
            .iter()
            .zip(&hashes)
            .map(|((d, e), h)| {
                (
                    NewDocument {
                        document: d,
                        text: d.text.as_deref().unwrap_or(""),
                        content_hash: h,
                        kind: SourceKind::News,
                        origin: Some("bench-data"),
                    },
                    vec![NewEvent {
                        employer_key: extractor.employer_key(&e.company),
                        event: e.clone(),
                    }],
                )
            })
            .collect();
        rt.block_on(store.insert_documents(&batch))
            .context("storing synthetic documents")?;
        i += n;
        bar.set_position(i);
    }
    bar.finish();
    let c = rt.block_on(store.counts())?;
    eprintln!(
        "the database holds {} documents, {} mentions, {} events",
        c.documents, c.events, c.canonical_events
    );
    Ok(ExitCode::SUCCESS)
}
