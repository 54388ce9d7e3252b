//! The AI Occupational Exposure measures (Felten, Raj & Seamans), read from a
//! folder the user gives: their repository states no licence, so they are
//! never shipped. They use 6-digit SOC 2010 codes; O*NET's SOC 2018 codes
//! that changed are matched through `data/soc2010.toml`.

use crate::catalog::Occupation;
use crate::OccupationsError;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

const CROSSWALK: &str = include_str!("../data/soc2010.toml");

pub const AIOE_SOURCE: &str = "AIOE (Felten, Raj & Seamans 2021) and Language Modeling AIOE (2023), matched by 6-digit SOC code";

/// The files read from the folder: overall AIOE, language-modelling AIOE.
pub const AIOE_FILES: [&str; 2] = [
    "aioe_occupation.csv",
    "aioe_language_modeling_occupation.csv",
];

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct AioeMeasures {
    pub aioe: f64,
    pub lm_aioe: Option<f64>,
}

#[derive(Debug)]
pub struct AioeTable {
    by_soc: HashMap<String, AioeMeasures>,
    crosswalk: HashMap<String, Vec<String>>,
    pub dir: PathBuf,
}

#[derive(Deserialize)]
struct CrosswalkFile {
    crosswalk: HashMap<String, Vec<String>>,
}

impl AioeTable {
    /// Reads the AIOE files of `dir`; says which are missing when any is.
    pub fn load(dir: &Path) -> Result<Self, OccupationsError> {
        let missing: Vec<&str> = AIOE_FILES
            .iter()
            .copied()
            .filter(|f| !dir.join(f).is_file())
            .collect();
        if !missing.is_empty() {
            return Err(OccupationsError::AioeMissing {
                dir: dir.to_path_buf(),
                missing: missing.join(", "),
            });
        }
        let overall = read_column(&dir.join(AIOE_FILES[0]))?;
        let lm = read_column(&dir.join(AIOE_FILES[1]))?;
        let by_soc = overall
            .into_iter()
            .map(|(soc, aioe)| {
                let lm_aioe = lm.get(&soc).copied();
                (soc, AioeMeasures { aioe, lm_aioe })
            })
            .collect();
        let crosswalk: CrosswalkFile =
            toml::from_str(CROSSWALK).map_err(|e| OccupationsError::Rules {
                file: "soc2010.toml",
                source: e,
            })?;
        Ok(AioeTable {
            by_soc,
            crosswalk: crosswalk.crosswalk,
            dir: dir.to_path_buf(),
        })
    }

    /// The measures of an occupation: by its own 6-digit code, else the mean
    /// over the SOC 2010 codes it came from.
    pub fn measures(&self, occupation: &Occupation) -> Option<AioeMeasures> {
        let soc = occupation.soc6();
        if let Some(m) = self.by_soc.get(soc) {
            return Some(*m);
        }
        let found: Vec<AioeMeasures> = self
            .crosswalk
            .get(soc)?
            .iter()
            .filter_map(|c| self.by_soc.get(c).copied())
            .collect();
        if found.is_empty() {
            return None;
        }
        let n = found.len() as f64;
        let lm: Vec<f64> = found.iter().filter_map(|m| m.lm_aioe).collect();
        Some(AioeMeasures {
            aioe: found.iter().map(|m| m.aioe).sum::<f64>() / n,
            lm_aioe: (!lm.is_empty()).then(|| lm.iter().sum::<f64>() / lm.len() as f64),
        })
    }

    /// Every SOC 2010 target of the crosswalk, for the test that they exist.
    pub fn crosswalk_targets(&self) -> impl Iterator<Item = &str> {
        self.crosswalk.values().flatten().map(String::as_str)
    }

    pub fn has_soc(&self, soc: &str) -> bool {
        self.by_soc.contains_key(soc)
    }
}

/// The SOC code (first column) and the measure (last column) of each row.
fn read_column(path: &Path) -> Result<HashMap<String, f64>, OccupationsError> {
    let err = |e: csv::Error| OccupationsError::Csv {
        file: path.to_path_buf(),
        source: e,
    };
    let mut reader = csv::Reader::from_path(path).map_err(err)?;
    let mut out = HashMap::new();
    for record in reader.records() {
        let record = record.map_err(err)?;
        let soc = record.get(0).unwrap_or_default().trim();
        let value = record
            .get(record.len().saturating_sub(1))
            .unwrap_or_default();
        if let (false, Ok(v)) = (soc.is_empty(), value.trim().parse::<f64>()) {
            out.insert(soc.to_string(), v);
        }
    }
    Ok(out)
}
