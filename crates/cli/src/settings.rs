//! Where the database lives: `--db`, else `LAYOFFWATCH_DB`, else the user's
//! data directory.

use anyhow::{Context, Result};
use clap::Args;
use layoffwatch_store::SqliteStore;
use std::path::PathBuf;

#[derive(Debug, Clone, Args)]
pub struct DbArgs {
    /// Database file [default: the user's data directory,
    /// e.g. ~/.local/share/layoffwatch/layoffwatch.db]
    #[arg(long, env = "LAYOFFWATCH_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
}

impl DbArgs {
    pub fn path(&self) -> Result<PathBuf> {
        if let Some(p) = &self.db {
            return Ok(p.clone());
        }
        let dir = dirs::data_dir().context(
            "no data directory is known for this user; pass --db PATH or set LAYOFFWATCH_DB",
        )?;
        Ok(dir.join("layoffwatch").join("layoffwatch.db"))
    }

    pub async fn open(&self) -> Result<SqliteStore> {
        let path = self.path()?;
        SqliteStore::open(&path)
            .await
            .with_context(|| format!("opening the database {}", path.display()))
    }
}

pub fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")
}
