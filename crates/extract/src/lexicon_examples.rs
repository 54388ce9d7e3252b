//! Every lexicon entry's own examples: `fires` sentences must give what the
//! entry promises, `silent` ones must not.

use crate::lexicon::{
    ContextFile, FunctionFile, ReasonFile, RoleFile, TriggerFile, CONTEXT, FUNCTIONS, REASONS,
    ROLES, TRIGGERS,
};
use crate::{Extractor, Input};
use chrono::NaiveDate;
use layoffwatch_model::Event;

fn run(ex: &Extractor, text: &str) -> Vec<Event> {
    let published = NaiveDate::from_ymd_opt(2024, 4, 3);
    ex.extract(&Input {
        text,
        published,
        title: None,
    })
}

#[test]
fn trigger_examples_fire_and_stay_silent() {
    let ex = Extractor::new();
    let file: TriggerFile = toml::from_str(TRIGGERS).unwrap();
    let mut failures = Vec::new();
    for t in &file.trigger {
        for s in &t.examples.fires {
            if run(&ex, s).is_empty() {
                failures.push(format!("should fire: {s}"));
            }
        }
        for s in &t.examples.silent {
            if !run(&ex, s).is_empty() {
                failures.push(format!("should stay silent: {s}"));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn reason_examples_give_their_code() {
    let ex = Extractor::new();
    let file: ReasonFile = toml::from_str(REASONS).unwrap();
    let mut failures = Vec::new();
    for r in &file.reason {
        for s in &r.examples.fires {
            let events = run(&ex, s);
            if !events.iter().any(|e| e.reasons.contains(&r.code)) {
                failures.push(format!(
                    "{}: {s} gave {:?}",
                    r.code,
                    events.iter().map(|e| &e.reasons).collect::<Vec<_>>()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn function_examples_give_their_code() {
    let ex = Extractor::new();
    let file: FunctionFile = toml::from_str(FUNCTIONS).unwrap();
    let mut failures = Vec::new();
    for f in &file.function {
        for s in &f.examples.fires {
            let events = run(&ex, s);
            if !events.iter().any(|e| e.functions.contains(&f.code)) {
                failures.push(format!(
                    "{}: {s} gave {:?}",
                    f.code,
                    events.iter().map(|e| &e.functions).collect::<Vec<_>>()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn role_examples_give_their_roles() {
    let ex = Extractor::new();
    let file: RoleFile = toml::from_str(ROLES).unwrap();
    let mut failures = Vec::new();
    for r in &file.example {
        let events = run(&ex, &r.text);
        let mut found: Vec<&String> = events.iter().flat_map(|e| &e.roles).collect();
        found.dedup();
        if found != r.roles.iter().collect::<Vec<_>>() {
            failures.push(format!("{}: want {:?}, got {found:?}", r.text, r.roles));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn context_examples_fire_and_stay_silent() {
    let ex = Extractor::new();
    let file: ContextFile = toml::from_str(CONTEXT).unwrap();
    let mut failures = Vec::new();
    for kind in [&file.hypothetical, &file.aim, &file.denial, &file.status] {
        for s in &kind.examples.fires {
            if run(&ex, s).is_empty() {
                failures.push(format!("should fire: {s}"));
            }
        }
        for s in &kind.examples.silent {
            if !run(&ex, s).is_empty() {
                failures.push(format!("should stay silent: {s}"));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
