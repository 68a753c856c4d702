//! Request extractors whose rejections are the API's JSON errors.
//!
//! axum's own `Query`, `Path` and `Json` answer a malformed parameter or body
//! with a plain-text 400 or 422; these wrap them so that every refusal the
//! app page sees has the `{"error": …}` shape it shows to the user.

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::Error;

/// Query-string parameters (`?limit=20`).
#[derive(Debug)]
pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Error> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(v)| Query(v))
            .map_err(|e| Error::BadRequest(e.body_text()))
    }
}

/// Path parameters (`/api/documents/{id}`).
#[derive(Debug)]
pub struct Path<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Path<T> {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Error> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(v)| Path(v))
            .map_err(|e| Error::BadRequest(e.body_text()))
    }
}

/// A JSON request body.
#[derive(Debug)]
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = Error;

    async fn from_request(req: Request, state: &S) -> Result<Self, Error> {
        axum::Json::<T>::from_request(req, state).await.map(|axum::Json(v)| JsonBody(v)).map_err(|e| {
            // A body over the limit is 413, not a malformed one.
            if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                Error::TooLarge(e.body_text())
            } else {
                Error::BadRequest(e.body_text())
            }
        })
    }
}
