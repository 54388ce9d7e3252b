//! Where the database lives: `--db`, else `LAYOFFWATCH_DB`, else the user's
//! data directory. A `postgres://` URL names a PostgreSQL database instead
//! of an SQLite file.

use anyhow::{Context, Result};
use clap::Args;
use layoffwatch_store::Store;
use std::path::PathBuf;

#[derive(Debug, Clone, Args)]
pub struct DbArgs {
    /// SQLite database file, or a PostgreSQL URL such as
    /// postgres://user:password@host:5432/layoffwatch (a database shared by a
    /// team or by concurrent ingests; tables are created on first use)
    /// [default: the user's data directory,
    /// e.g. ~/.local/share/layoffwatch/layoffwatch.db]
    #[arg(long, env = "LAYOFFWATCH_DB", value_name = "PATH|URL")]
    pub db: Option<String>,
}

impl DbArgs {
    /// The database's location: a file path or a `postgres://` URL.
    pub fn location(&self) -> Result<String> {
        if let Some(p) = &self.db {
            return Ok(p.clone());
        }
        let dir = dirs::data_dir().context(
            "no data directory is known for this user; pass --db PATH or set LAYOFFWATCH_DB",
        )?;
        Ok(dir
            .join("layoffwatch")
            .join("layoffwatch.db")
            .display()
            .to_string())
    }

    /// Opens the database, creating it (and its folder) when it does not
    /// exist: for the commands that write (`ingest`, `import`, `watch`,
    /// `serve --create`).
    pub async fn open(&self) -> Result<Store> {
        self.open_at(self.location()?).await
    }

    /// Opens a database that must already exist: for the commands that only
    /// read, so a mistyped path is an error instead of a new empty database.
    pub async fn open_existing(&self) -> Result<Store> {
        let location = self.location()?;
        if !Store::is_postgres_url(&location) && !std::path::Path::new(&location).is_file() {
            anyhow::bail!(
                "there is no database at {location}; create one with `layoffwatch ingest \
                 FILES` (or `import`, `watch`), or point --db / LAYOFFWATCH_DB at an \
                 existing one"
            );
        }
        self.open_at(location).await
    }

    async fn open_at(&self, location: String) -> Result<Store> {
        Store::open(&location).await.with_context(|| {
            if Store::is_postgres_url(&location) {
                "opening the PostgreSQL database (is the server running, and may this user \
                 create tables there?)"
                    .to_string()
            } else {
                format!("opening the database {location}")
            }
        })
    }
}

pub fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")
}

/// Where the AI-exposure files that layoffwatch may not ship (AIOE) live.
#[derive(Debug, Clone, Args)]
pub struct ExposureDataArgs {
    /// Folder with aioe_occupation.csv and aioe_language_modeling_occupation.csv
    /// (the AIOE data appendix as CSV) [default: exposure/ in the user's data
    /// directory, e.g. ~/.local/share/layoffwatch/exposure]. Without them only
    /// the GPTs-are-GPTs measures, which ship with layoffwatch, are shown.
    #[arg(long, env = "LAYOFFWATCH_EXPOSURE_DATA", value_name = "DIR")]
    pub exposure_data: Option<PathBuf>,
}

impl ExposureDataArgs {
    /// The AIOE table when its files are there, else what is missing and
    /// how to add it.
    pub fn load(&self) -> (Option<layoffwatch_occupations::AioeTable>, Vec<String>) {
        let dir = match &self.exposure_data {
            Some(d) => d.clone(),
            None => match dirs::data_dir() {
                Some(d) => d.join("layoffwatch").join("exposure"),
                None => {
                    return (
                        None,
                        vec!["AIOE: no data directory is known; pass --exposure-data DIR".into()],
                    )
                }
            },
        };
        match layoffwatch_occupations::AioeTable::load(&dir) {
            Ok(t) => (Some(t), Vec::new()),
            Err(e) => (None, vec![format!("AIOE measures left out: {e}")]),
        }
    }
}
