//! A profile of an occupation along three traits of AI-exposed work, scored
//! from its title and SOC group by the rules of `data/traits.toml`.

use crate::catalog::Occupation;
use crate::words::words;
use crate::OccupationsError;
use serde::{Deserialize, Serialize};

const TRAITS: &str = include_str!("../data/traits.toml");

#[derive(Debug, Deserialize)]
struct TraitsFile {
    #[serde(rename = "trait")]
    traits: Vec<TraitRule>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct TraitRule {
    pub key: String,
    pub label: String,
    /// How the score is derived, in words, for the reports.
    pub how: String,
    word_score: f64,
    words: Vec<String>,
    group_score: f64,
    groups: Vec<String>,
}

#[derive(Debug)]
pub struct Traits {
    rules: Vec<TraitRule>,
    /// Each rule's words as comparable word sequences.
    phrases: Vec<Vec<Vec<String>>>,
}

/// One trait's score for one occupation, with the rule that gave it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TraitScore {
    pub key: String,
    pub score: f64,
    /// "title word 'clerk'", "SOC group 43-", or "no rule".
    pub rule: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TraitProfile {
    pub scores: Vec<TraitScore>,
}

impl Traits {
    pub fn builtin() -> Result<Self, OccupationsError> {
        let file: TraitsFile = toml::from_str(TRAITS).map_err(|e| OccupationsError::Rules {
            file: "traits.toml",
            source: e,
        })?;
        let phrases = file
            .traits
            .iter()
            .map(|t| t.words.iter().map(|w| words(w)).collect())
            .collect();
        Ok(Traits {
            rules: file.traits,
            phrases,
        })
    }

    pub fn rules(&self) -> &[TraitRule] {
        &self.rules
    }

    pub fn profile(&self, occupation: &Occupation) -> TraitProfile {
        let title = words(&occupation.title);
        let scores =
            self.rules
                .iter()
                .zip(&self.phrases)
                .map(|(rule, phrases)| {
                    let word = rule.words.iter().zip(phrases).find(|(_, p)| {
                        !p.is_empty() && title.windows(p.len()).any(|w| w == &p[..])
                    });
                    if let Some((w, _)) = word {
                        return TraitScore {
                            key: rule.key.clone(),
                            score: rule.word_score,
                            rule: format!("title word '{w}'"),
                        };
                    }
                    match rule
                        .groups
                        .iter()
                        .find(|g| occupation.code.starts_with(g.as_str()))
                    {
                        Some(g) => TraitScore {
                            key: rule.key.clone(),
                            score: rule.group_score,
                            rule: format!("SOC group {g}"),
                        },
                        None => TraitScore {
                            key: rule.key.clone(),
                            score: 0.0,
                            rule: "no rule".into(),
                        },
                    }
                })
                .collect();
        TraitProfile { scores }
    }
}
