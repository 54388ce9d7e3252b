use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use layoffwatch_store::StoreError;

/// An error answer: its status and a JSON body
/// `{"error": {"code": "...", "message": "..."}}` that says what to do.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ApiError {
    #[error("{message}")]
    BadRequest { message: String },
    #[error("{what} not found")]
    NotFound { what: String },
    #[error("no route {path}; /api/openapi.json lists the routes")]
    NoRoute { path: String },
    #[error(
        "writing is off: start `layoffwatch serve` with --token (or LAYOFFWATCH_TOKEN) to allow it"
    )]
    WritingOff,
    #[error("a valid token is needed: send `Authorization: Bearer TOKEN`")]
    Unauthorized,
    #[error("the body is larger than {limit} bytes; send fewer documents per request")]
    TooLarge { limit: usize },
    #[error("the request took longer than {seconds} s; narrow the query")]
    Timeout { seconds: u64 },
    #[error("the database failed: {0}")]
    Store(#[from] StoreError),
}

impl ApiError {
    pub fn bad(message: impl Into<String>) -> ApiError {
        ApiError::BadRequest {
            message: message.into(),
        }
    }

    pub fn not_found(what: impl Into<String>) -> ApiError {
        ApiError::NotFound { what: what.into() }
    }

    fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            ApiError::BadRequest { .. } => (StatusCode::BAD_REQUEST, "bad_request"),
            ApiError::NotFound { .. } => (StatusCode::NOT_FOUND, "not_found"),
            ApiError::NoRoute { .. } => (StatusCode::NOT_FOUND, "no_route"),
            ApiError::WritingOff => (StatusCode::FORBIDDEN, "writing_off"),
            ApiError::Unauthorized => (StatusCode::UNAUTHORIZED, "unauthorized"),
            ApiError::TooLarge { .. } => (StatusCode::PAYLOAD_TOO_LARGE, "too_large"),
            ApiError::Timeout { .. } => (StatusCode::SERVICE_UNAVAILABLE, "timeout"),
            ApiError::Store(_) => (StatusCode::INTERNAL_SERVER_ERROR, "store"),
        }
    }
}

/// The JSON body of an error answer with this status, code and message.
pub fn error_response(status: StatusCode, code: &str, message: &str) -> Response {
    let body = serde_json::json!({ "error": { "code": code, "message": message } });
    (status, Json(body)).into_response()
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        if status.is_server_error() {
            tracing::error!("{self}");
        }
        error_response(status, code, &self.to_string())
    }
}
