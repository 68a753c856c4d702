use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

/// Errors of the web app; each becomes a JSON `{"error": …}` response.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Nothing with that id (404).
    #[error("{0}")]
    NotFound(String),
    /// The request cannot be served as asked (400).
    #[error("{0}")]
    BadRequest(String),
    /// The request is addressed to another host name (421): see [`crate::guard`].
    #[error("{0}")]
    Misdirected(String),
    /// The request body is larger than the app accepts (413).
    #[error("{0}")]
    TooLarge(String),
    /// The path exists, but not for this method (405).
    #[error("this method is not allowed here")]
    MethodNotAllowed,
    /// The request proves no signed-in user (401): see [`crate::auth`].
    #[error("{0}")]
    Unauthorized(String),
    /// Too many failed sign-ins (429).
    #[error("{0}")]
    TooManyRequests(String),
    /// Accounts refused or failed.
    #[error(transparent)]
    Accounts(#[from] policyscope_accounts::Error),
    /// A state-changing request from a page of another origin (403).
    #[error("{0}")]
    Forbidden(String),
    /// The project store failed.
    #[error(transparent)]
    Corpus(#[from] policyscope_corpus::Error),
    /// The coding stage refused or failed.
    #[error(transparent)]
    Coding(#[from] policyscope_coding::Error),
    /// Search failed.
    #[error(transparent)]
    Search(#[from] policyscope_search::Error),
    /// Bringing the citations up to date failed.
    #[error(transparent)]
    Cite(#[from] policyscope_cite::Error),
    /// Building a figure or report failed.
    #[error(transparent)]
    Report(#[from] policyscope_report::Error),
    /// Binding or serving failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// A worker thread failed.
    #[error("internal error: {0}")]
    Internal(String),
    /// Every database connection stayed busy while the request waited (503).
    #[error("the server is busy: every database connection is in use; retry in a moment")]
    Busy,
}

/// Result with the server [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    fn status(&self) -> StatusCode {
        match self {
            Error::NotFound(_)
            | Error::Corpus(policyscope_corpus::Error::NoSuchDocument(_))
            | Error::Coding(policyscope_coding::Error::Corpus(policyscope_corpus::Error::NoSuchDocument(
                _,
            ))) => StatusCode::NOT_FOUND,
            Error::BadRequest(_)
            | Error::Corpus(
                policyscope_corpus::Error::TranslationLink { .. }
                | policyscope_corpus::Error::InvalidMetadata(_),
            ) => StatusCode::BAD_REQUEST,
            Error::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Error::Search(e) if e.is_bad_request() => StatusCode::BAD_REQUEST,
            Error::Misdirected(_) => StatusCode::MISDIRECTED_REQUEST,
            Error::Forbidden(_) => StatusCode::FORBIDDEN,
            Error::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            Error::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            Error::Accounts(policyscope_accounts::Error::NoSuchUser(_)) => StatusCode::NOT_FOUND,
            Error::Accounts(policyscope_accounts::Error::UserExists(_)) => StatusCode::CONFLICT,
            Error::Accounts(
                policyscope_accounts::Error::BadName { .. }
                | policyscope_accounts::Error::UnknownRole(_)
                | policyscope_accounts::Error::WeakPassword(_),
            ) => StatusCode::BAD_REQUEST,
            Error::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Error::Coding(
                policyscope_coding::Error::NoSuchCode(_)
                | policyscope_coding::Error::NoSuchCoding(_)
                | policyscope_coding::Error::NoSuchMemo(_),
            ) => StatusCode::NOT_FOUND,
            Error::Coding(
                policyscope_coding::Error::NotCodable(_)
                | policyscope_coding::Error::BadSpan { .. }
                | policyscope_coding::Error::Invalid(_)
                | policyscope_coding::Error::NotAPersonName { .. },
            ) => StatusCode::BAD_REQUEST,
            Error::Coding(
                policyscope_coding::Error::Conflict(_)
                | policyscope_coding::Error::DeleteNeedsDecision { .. },
            ) => StatusCode::CONFLICT,
            Error::Busy => StatusCode::SERVICE_UNAVAILABLE,
            Error::Coding(policyscope_coding::Error::Stale { .. }) => StatusCode::CONFLICT,
            _ if self.database_unavailable() => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Whether the database server could not be reached (down, restarting):
    /// nothing was written and the request may be retried.
    fn database_unavailable(&self) -> bool {
        // A transparent wrapper hides the store's error from the source chain.
        if let Error::Accounts(policyscope_accounts::Error::Store(policyscope_store::Error::Unavailable(_))) =
            self
        {
            return true;
        }
        let mut cause = std::error::Error::source(self);
        while let Some(e) = cause {
            if matches!(e.downcast_ref(), Some(policyscope_store::Error::Unavailable(_))) {
                return true;
            }
            cause = e.source();
        }
        false
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        // A refused stale change says who changed the row, and how it is now,
        // so the app can show both and reload it.
        if let Error::Coding(policyscope_coding::Error::Stale { changed_by, changed_at, current, .. }) = &self
        {
            let body = serde_json::json!({
                "error": self.to_string(),
                "changed_by": changed_by,
                "changed_at": changed_at,
                "current": current,
            });
            return (self.status(), Json(body)).into_response();
        }
        (self.status(), Json(serde_json::json!({ "error": self.to_string() }))).into_response()
    }
}
