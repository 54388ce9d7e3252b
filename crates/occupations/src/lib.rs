//! Which jobs a layoff cuts, and how exposed they are to AI.
//!
//! Role phrases from the extractor ("recruiter", "call centre staff") map to
//! O*NET-SOC occupations through curated rules (`data/roles.toml`) and the
//! O*NET titles themselves. Each occupation carries the GPTs-are-GPTs
//! ratings, which ship with the crate under their MIT licence, and, when the
//! user points at their files, the AIOE measures, which carry no licence and
//! so are never shipped. A profile along three traits of AI-exposed work is
//! derived from titles by the rules of `data/traits.toml`.
#![forbid(unsafe_code)]

mod aioe;
mod catalog;
mod index;
mod mapper;
mod traits;
mod words;

pub use aioe::{AioeMeasures, AioeTable, AIOE_FILES, AIOE_SOURCE};
pub use catalog::{Catalog, GptsRatings, Occupation, GPTS_SOURCE};
pub use index::{Candidate, ONET_ATTRIBUTION};
pub use mapper::{Mapper, Mapping, MatchKind, MAX_CODES};
pub use traits::{TraitProfile, TraitScore, Traits};
pub use words::{singular, words};

use std::path::PathBuf;
use std::sync::OnceLock;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OccupationsError {
    #[error("reading {file}: {source}")]
    Csv {
        file: PathBuf,
        #[source]
        source: csv::Error,
    },
    #[error("the rule file {file} is not valid: {source}")]
    Rules {
        file: &'static str,
        #[source]
        source: toml::de::Error,
    },
    #[error("the rules name {0}, which is not an O*NET-SOC code of the occupation list")]
    UnknownCode(String),
    #[error(
        "no AIOE data in {dir}: {missing} not found. Download the AIOE data appendix \
         (github.com/AIOE-Data/AIOE) as CSV into that folder, or pass --exposure-data DIR"
    )]
    AioeMissing { dir: PathBuf, missing: String },
}

/// The occupation list, the role rules and the trait rules, compiled once.
#[derive(Debug)]
pub struct Occupations {
    pub catalog: Catalog,
    pub mapper: Mapper,
    pub traits: Traits,
}

impl Occupations {
    /// The tables shipped with the crate. They are checked by the tests, so
    /// this cannot fail in a released build.
    pub fn builtin() -> &'static Occupations {
        static CELL: OnceLock<Occupations> = OnceLock::new();
        CELL.get_or_init(|| {
            let catalog = Catalog::builtin().expect("the shipped occupation list parses");
            let mapper = Mapper::builtin(&catalog).expect("the shipped role rules parse");
            let traits = Traits::builtin().expect("the shipped trait rules parse");
            Occupations {
                catalog,
                mapper,
                traits,
            }
        })
    }

    /// The shipped tables with the curated aliases left out, to measure what
    /// the O*NET title index does alone.
    pub fn without_aliases() -> Result<Occupations, OccupationsError> {
        let catalog = Catalog::builtin()?;
        let mapper = Mapper::builtin(&catalog)?.without_aliases();
        Ok(Occupations {
            catalog,
            mapper,
            traits: Traits::builtin()?,
        })
    }

    pub fn map(&self, phrase: &str) -> Mapping {
        self.mapper.map(&self.catalog, phrase)
    }

    pub fn occupation(&self, code: &str) -> Option<&Occupation> {
        self.catalog.get(code)
    }
}
