/// What went wrong talking to the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    #[error("opening database {location}: {source}")]
    Open {
        location: String,
        #[source]
        source: sqlx::Error,
    },
    #[error("creating the database folder {path}: {source}")]
    CreateDir {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("migrating database {location}: {source}")]
    Migrate {
        location: String,
        #[source]
        source: sqlx::migrate::MigrateError,
    },
    #[error("database query failed: {0}")]
    Query(#[from] sqlx::Error),
    #[error("the stored events' columns are not valid JSON: {0}")]
    CorruptColumns(#[source] serde_json::Error),
    #[error("stored event {id} is not valid event JSON: {source}")]
    CorruptEvent {
        id: i64,
        #[source]
        source: serde_json::Error,
    },
}
