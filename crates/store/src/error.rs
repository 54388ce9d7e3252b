/// What went wrong talking to the store. Each message carries its cause
/// inline (the cause is not also given as a source, so that a chain of
/// errors does not print it twice).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    #[error("opening database {location}: {cause}")]
    Open {
        location: String,
        cause: sqlx::Error,
    },
    #[error("creating the database folder {path}: {cause}")]
    CreateDir { path: String, cause: std::io::Error },
    #[error("migrating database {location}: {cause}")]
    Migrate {
        location: String,
        cause: sqlx::migrate::MigrateError,
    },
    #[error("database query failed: {0}")]
    Query(sqlx::Error),
    #[error("the stored events' columns are not valid JSON: {0}")]
    CorruptColumns(serde_json::Error),
    #[error("stored event {id} is not valid event JSON: {cause}")]
    CorruptEvent { id: i64, cause: serde_json::Error },
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> StoreError {
        StoreError::Query(e)
    }
}
