//! The extractor never panics and every evidence span lies inside the text
//! on character boundaries, whatever the input.

use layoffwatch_extract::{Extractor, Input};
use proptest::prelude::*;
use std::sync::LazyLock;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::new);

fn check(text: &str) {
    let published = chrono::NaiveDate::from_ymd_opt(2024, 4, 3);
    for e in EXTRACTOR.extract(&Input {
        text,
        published,
        title: None,
    }) {
        assert!(!e.company.is_empty());
        assert!(e
            .evidence
            .iter()
            .any(|ev| ev.field == layoffwatch_model::Field::Event));
        for ev in &e.evidence {
            assert!(
                ev.start <= ev.end && ev.end <= text.len(),
                "{ev:?} outside {}",
                text.len()
            );
            assert!(
                text.is_char_boundary(ev.start) && text.is_char_boundary(ev.end),
                "{ev:?}"
            );
        }
    }
}

const WORDS: &[&str] = &[
    "Acme",
    "Corp",
    "said",
    "will",
    "lay",
    "off",
    "cut",
    "1,300",
    "jobs",
    "workers",
    "in",
    "January",
    "last",
    "week",
    "about",
    "5%",
    "of",
    "its",
    "workforce",
    "plant",
    "close",
    "not",
    "related",
    "to",
    "AI",
    "“",
    "”",
    "é",
    "日本",
    ".",
    ",",
    "\n",
    "    ",
    "several",
    "hundred",
    "up",
    "to",
    "Mich.",
    "Inc's",
    "unit",
    "(",
    ")",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        check(&text);
    }

    #[test]
    fn layoff_like_word_salad_never_panics(idx in proptest::collection::vec(0..WORDS.len(), 0..120)) {
        let text = idx.iter().map(|&i| WORDS[i]).collect::<Vec<_>>().join(" ");
        check(&text);
    }
}

#[test]
fn pathological_inputs_finish() {
    check(&"Acme will cut jobs and ".repeat(50_000));
    check(
        &(0..100_000)
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(" "),
    );
    check(&"1,".repeat(100_000));
}
