//! Merging cost per mention as the number of mentions grows: 10,000,
//! 100,000 and 1,000,000 synthetic mentions, grouped the way the store groups
//! them (candidates looked up by employer key, then `best` and `absorb`).
//!
//! Run: cargo bench -p layoffwatch-merge
//! Each employer gets a few waves a year and several reports of each wave,
//! so the number of candidates per mention stays like real news however
//! many employers there are.

use layoffwatch_merge::{absorb, best, Canonical, SourceKind};
use layoffwatch_model::{Event, Headcount};
use std::collections::HashMap;
use std::time::Instant;

/// A small deterministic generator (xorshift), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn mention(rng: &mut Rng, employers: u64) -> (String, Event) {
    let employer = rng.next() % employers;
    let wave = rng.next() % 6;
    let mut e = Event::new(format!("Employer {employer}"));
    e.announced = Some(format!(
        "{}-{:02}",
        2020 + wave / 2,
        1 + (wave % 2) * 6 + rng.next() % 2
    ));
    let size = 100 * (1 + wave);
    e.headcount = Some(Headcount {
        min: Some(size),
        max: Some(size + rng.next() % 50),
        approximate: true,
        text: "about".into(),
    });
    (format!("employer {employer}"), e)
}

fn main() {
    for n in [10_000u64, 100_000, 1_000_000] {
        let employers = n / 20;
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let mentions: Vec<(String, Event)> = (0..n).map(|_| mention(&mut rng, employers)).collect();
        let mut index: HashMap<String, Vec<Canonical>> = HashMap::new();
        let mut merged = 0u64;
        let start = Instant::now();
        for (doc, (key, event)) in mentions.iter().enumerate() {
            let doc = doc as i64;
            let group = index.entry(key.clone()).or_default();
            match best(group.iter(), event, doc, SourceKind::News) {
                Some((i, fit)) => {
                    absorb(&mut group[i], event, doc, SourceKind::News, &fit);
                    merged += 1;
                }
                None => group.push(Canonical::new(event, doc, SourceKind::News)),
            }
        }
        let elapsed = start.elapsed();
        let canon: usize = index.values().map(Vec::len).sum();
        println!(
            "{n:>9} mentions: {:>8.0} ns/mention, {merged} merged into {canon} canonical events ({:.2} s)",
            elapsed.as_nanos() as f64 / n as f64,
            elapsed.as_secs_f64()
        );
    }
}
