//! Prints each employer candidate of the JSON Lines documents on stdin with
//! the ranker's score and features: `cargo run --example candidates < docs.jsonl`.
use layoffwatch_extract::ranker::FEATURES;
use layoffwatch_extract::{Extractor, Input};
use std::io::BufRead;

fn main() {
    let ex = Extractor::new();
    let model = layoffwatch_extract::ranker::Model::embedded();
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let text = v["text"].as_str().unwrap_or("");
        println!("== {}", v["id"]);
        for (name, x) in ex.employer_candidates(&Input {
            text,
            published: None,
            title: v["title"].as_str(),
        }) {
            let on: Vec<&str> = FEATURES
                .iter()
                .zip(&x)
                .filter(|(_, v)| **v != 0.0)
                .map(|(f, _)| *f)
                .collect();
            println!("{:.2} {name:?}: {}", model.score(&x), on.join(" "));
        }
    }
}
