//! How long the mapper takes to load (catalog, rules and the O*NET title
//! index) and to map 100,000 role phrases, as news would give them: plain
//! titles, plurals, status words in front, unknown modifiers and words that
//! name no occupation.
//!
//! Run: cargo bench -p layoffwatch-occupations
//! Targets (issue 20): load < 200 ms, 100,000 phrases < 2 s.

use layoffwatch_occupations::Occupations;
use std::time::Instant;

const HEADS: &[&str] = &[
    "recruiters",
    "software engineer",
    "warehouse workers",
    "cashier",
    "flight attendants",
    "call centre staff",
    "nurses",
    "data scientist",
    "teachers",
    "reporters",
    "machinists",
    "customer service agents",
    "product managers",
    "welders",
    "bank tellers",
    "employees",
    "content moderators",
    "truck drivers",
    "chatbot trainers",
    "solutions architects",
];
const FRONT: &[&str] = &[
    "",
    "senior ",
    "laid-off ",
    "contract ",
    "backend ",
    "hourly ",
    "regional ",
    "junior ",
    "supermarket ",
    "aerospace ",
];

fn main() {
    let start = Instant::now();
    let occ = Occupations::without_aliases().expect("the shipped tables load");
    let load = start.elapsed();
    let phrases: Vec<String> = (0..100_000)
        .map(|i| {
            let head = HEADS[i % HEADS.len()];
            let front = FRONT[(i / HEADS.len()) % FRONT.len()];
            format!("{front}{head}")
        })
        .collect();
    let start = Instant::now();
    let mut answered = 0usize;
    for p in &phrases {
        answered += usize::from(!occ.map(p).soc.is_empty());
    }
    let map = start.elapsed();
    println!(
        "titles indexed {}\nload {:.1} ms\nmap 100,000 phrases {:.3} s ({:.1} µs each, {answered} answered)",
        occ.mapper.titles_indexed(),
        load.as_secs_f64() * 1e3,
        map.as_secs_f64(),
        map.as_secs_f64() * 1e6 / phrases.len() as f64,
    );
}
