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
    // Capitalised words that start with a letter of two or more bytes, and
    // clause edges and punctuation runs around names.
    "Škoda",
    "Ørsted",
    "Émile",
    "Ñúñez",
    "Äpfel",
    "İstanbul",
    "Łódź",
    "Œuvre",
    ", who",
    ", which",
    "said",
    "—",
    "…!!?",
    "«",
    "»",
    ":",
    "’s",
    "GmbH",
    "S.A.",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        check(&text);
    }

    /// Layoff sentences whose names start with non-ASCII capitals and end at
    /// clause edges ("…, said Émile Ñúñez.", "X Corp, who laid off ...").
    #[test]
    fn international_names_at_clause_edges_never_panic(
        name in "[ÀÉÎÕÜŠØÆĞŁŒÑÇ][a-zà-ÿ]{0,8}( [A-ZÉØŠ][a-zà-ÿ]{0,6})?",
        person in "[A-ZÉØŠÑ][a-zà-ÿ]{0,6} [ÉØŠÑÜ][a-zà-ÿ]{0,8}",
        edge in "(, who|, which|:| —|…|!!|\\?|,|;|\\.)",
        n in 1u32..100_000,
    ) {
        check(&format!("{name}{edge} will lay off {n} workers, said {person}."));
        check(&format!("{name} Corp{edge} laid off {n} workers"));
        check(&format!("{person}{edge} {name}"));
        check(&format!("{name}'s {name}{edge}"));
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
