//! The O*NET-SOC occupations and their GPTs-are-GPTs exposure ratings, from
//! the file shipped with the crate (MIT, see data/GPTS-ARE-GPTS-LICENSE).

use crate::words::{stem, words};
use crate::OccupationsError;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

const GPTS_ARE_GPTS: &str = include_str!("../data/gpts_are_gpts_occ_level.csv");

/// Where the ratings come from, for every report that shows them.
pub const GPTS_SOURCE: &str =
    "GPTs-are-GPTs (Eloundou, Manning, Mishkin & Rock 2023), occupation level, MIT licence";

/// Share of an occupation's tasks exposed to LLMs, rated by GPT-4 and by
/// human annotators. alpha = directly exposed (E1), beta = E1 + 0.5 E2,
/// gamma = E1 + E2, where E2 needs software built on top of the model.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GptsRatings {
    pub gpt4_alpha: f64,
    pub gpt4_beta: f64,
    pub gpt4_gamma: f64,
    pub human_alpha: f64,
    pub human_beta: f64,
    pub human_gamma: f64,
}

#[derive(Debug, Clone)]
pub struct Occupation {
    /// O*NET-SOC code, "43-4051.00".
    pub code: String,
    pub title: String,
    pub gpts: GptsRatings,
    /// The title's comparable words (before any ", Except ...").
    pub(crate) words: HashSet<String>,
    /// Their stems, for words of the same family.
    pub(crate) stems: HashSet<String>,
    /// The names the title lists: "Airline Pilots, Copilots, and Flight
    /// Engineers" names "airline pilot", "copilot" and "flight engineer".
    pub(crate) names: HashSet<String>,
}

impl Occupation {
    /// The 6-digit SOC code, "43-4051".
    pub fn soc6(&self) -> &str {
        &self.code[..7.min(self.code.len())]
    }

    /// The title without its exclusions (", Except ...").
    pub fn main_title(&self) -> &str {
        main_title(&self.title)
    }

    /// A detailed O*NET specialty ("29-1141.01") rather than the base occupation.
    pub fn is_specialty(&self) -> bool {
        !self.code.ends_with(".00")
    }
}

#[derive(Debug)]
pub struct Catalog {
    occupations: Vec<Occupation>,
    by_code: HashMap<String, usize>,
    /// The occupations whose title holds a word of each stem.
    by_stem: HashMap<String, Vec<usize>>,
}

#[derive(Deserialize)]
struct Row {
    #[serde(rename = "O*NET-SOC Code")]
    code: String,
    #[serde(rename = "Title")]
    title: String,
    dv_rating_alpha: f64,
    dv_rating_beta: f64,
    dv_rating_gamma: f64,
    human_rating_alpha: f64,
    human_rating_beta: f64,
    human_rating_gamma: f64,
}

impl Catalog {
    pub fn builtin() -> Result<Self, OccupationsError> {
        let mut reader = csv::Reader::from_reader(GPTS_ARE_GPTS.as_bytes());
        let mut occupations = Vec::new();
        for row in reader.deserialize::<Row>() {
            let row = row.map_err(|e| OccupationsError::Csv {
                file: "gpts_are_gpts_occ_level.csv".into(),
                source: e,
            })?;
            let main = main_title(&row.title);
            let title_words: HashSet<String> =
                words(main).into_iter().filter(|w| !is_filler(w)).collect();
            occupations.push(Occupation {
                stems: title_words.iter().map(|w| stem(w).to_string()).collect(),
                words: title_words,
                names: names(main),
                code: row.code,
                title: row.title,
                gpts: GptsRatings {
                    gpt4_alpha: row.dv_rating_alpha,
                    gpt4_beta: row.dv_rating_beta,
                    gpt4_gamma: row.dv_rating_gamma,
                    human_alpha: row.human_rating_alpha,
                    human_beta: row.human_rating_beta,
                    human_gamma: row.human_rating_gamma,
                },
            });
        }
        let by_code = occupations
            .iter()
            .enumerate()
            .map(|(i, o)| (o.code.clone(), i))
            .collect();
        let mut by_stem: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, o) in occupations.iter().enumerate() {
            for s in &o.stems {
                by_stem.entry(s.clone()).or_default().push(i);
            }
        }
        Ok(Catalog {
            occupations,
            by_code,
            by_stem,
        })
    }

    pub fn get(&self, code: &str) -> Option<&Occupation> {
        self.by_code.get(code).map(|&i| &self.occupations[i])
    }

    /// The occupations whose title holds a word of this stem.
    pub(crate) fn with_stem(&self, stem: &str) -> impl Iterator<Item = &Occupation> {
        self.by_stem
            .get(stem)
            .into_iter()
            .flatten()
            .map(|&i| &self.occupations[i])
    }

    pub fn iter(&self) -> impl Iterator<Item = &Occupation> {
        self.occupations.iter()
    }

    pub fn len(&self) -> usize {
        self.occupations.len()
    }

    pub fn is_empty(&self) -> bool {
        self.occupations.is_empty()
    }
}

/// The title without its exclusions: "Janitors and Cleaners, Except Maids
/// and Housekeeping Cleaners" is about janitors and cleaners.
fn main_title(title: &str) -> &str {
    let lower = title.to_ascii_lowercase();
    match lower.find(", except") {
        Some(i) => &title[..i],
        None => title,
    }
}

fn is_filler(word: &str) -> bool {
    matches!(
        word,
        "and" | "of" | "the" | "all" | "other" | "or" | "in" | "for" | "including"
    )
}

fn names(main: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    out.insert(words(main).join(" "));
    for part in main.split(',') {
        for piece in part.split(" and ") {
            let w: Vec<String> = words(piece).into_iter().filter(|w| !is_filler(w)).collect();
            if !w.is_empty() {
                out.insert(w.join(" "));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_file_holds_every_occupation_with_its_names() {
        let c = Catalog::builtin().unwrap();
        assert_eq!(c.len(), 923);
        let pilots = c.get("53-2011.00").unwrap();
        assert!(pilots.names.contains("airline pilot"), "{:?}", pilots.names);
        assert!(pilots.names.contains("flight engineer"));
        let janitors = c.get("37-2011.00").unwrap();
        assert!(janitors.names.contains("cleaner"));
        assert!(
            !janitors.words.contains("maid"),
            "the exclusion is not its words"
        );
        assert_eq!(janitors.soc6(), "37-2011");
        let csr = c.get("43-4051.00").unwrap();
        assert!(csr.gpts.gpt4_beta > 0.5 && csr.gpts.gpt4_beta <= 1.0);
    }
}
