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
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        (self.status(), Json(serde_json::json!({ "error": self.to_string() }))).into_response()
    }
}
