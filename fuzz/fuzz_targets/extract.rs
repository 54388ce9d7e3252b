//! Arbitrary bytes, read as lossy UTF-8 text with an optional title, never
//! make the extractor panic, and every evidence span it gives lies inside
//! the text on character boundaries.
#![no_main]

use layoffwatch_extract::{Extractor, Input};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::new);

fuzz_target!(|data: &[u8]| {
    let raw = String::from_utf8_lossy(data);
    // A first line starting with '#' is the title, so titles are fuzzed too.
    let (title, text) = match raw.strip_prefix('#').and_then(|r| r.split_once('\n')) {
        Some((t, rest)) => (Some(t), rest),
        None => (None, raw.as_ref()),
    };
    let input = Input {
        text,
        published: chrono::NaiveDate::from_ymd_opt(2024, 4, 3),
        title,
    };
    for e in EXTRACTOR.extract(&input) {
        for ev in &e.evidence {
            assert!(ev.start <= ev.end && ev.end <= text.len());
            assert!(text.is_char_boundary(ev.start) && text.is_char_boundary(ev.end));
        }
    }
});
