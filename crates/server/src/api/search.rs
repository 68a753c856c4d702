//! `GET /api/search?q=…` and `POST /api/search`: full-text search with
//! highlighted snippets. The POST form takes the same fields as a JSON body,
//! for queries too long for a URL.

use axum::extract::State;
use axum::Json;
use policyscope_search::{SearchRequest, SearchResults};
use serde::Deserialize;

use crate::extract::{JsonBody, Query};
use crate::{AppState, Error, Result};

/// Parameters of a search.
#[derive(Debug, Deserialize)]
pub struct SearchQuery {
    /// The query (words, "phrases", AND/OR/NOT, title:, type:, docno:).
    pub q: String,
    /// Dated on or after (`YYYY[-MM[-DD]]`).
    pub from: Option<String>,
    /// Dated on or before.
    pub to: Option<String>,
    /// Document type.
    #[serde(rename = "type")]
    pub doc_type: Option<String>,
    /// Hits per page (default 20, at most 200).
    pub limit: Option<usize>,
    /// Hits to skip (at most [`policyscope_search::MAX_OFFSET`]).
    pub offset: Option<usize>,
}

/// Runs a search given in the query string.
pub async fn search(
    State(state): State<AppState>,
    Query(q): Query<SearchQuery>,
) -> Result<Json<SearchResults>> {
    run(state, q).await
}

/// Runs a search given as a JSON body.
pub async fn search_post(
    State(state): State<AppState>,
    JsonBody(q): JsonBody<SearchQuery>,
) -> Result<Json<SearchResults>> {
    run(state, q).await
}

/// Searches the index as last refreshed: a search never writes (the index
/// follows the documents through [`crate::refresh`]).
async fn run(state: AppState, q: SearchQuery) -> Result<Json<SearchResults>> {
    if q.q.trim().is_empty() {
        return Err(Error::BadRequest("empty query".into()));
    }
    let empty_to_none = |s: Option<String>| s.filter(|v| !v.trim().is_empty());
    let dates = super::query::date_range(&q.from, &q.to)?;
    let mut req = SearchRequest::new(&q.q);
    req.from = dates.from;
    req.to = dates.to;
    req.doc_type = empty_to_none(q.doc_type);
    req.limit = q.limit.unwrap_or(20).clamp(1, 200);
    req.offset = q.offset.unwrap_or(0);
    Ok(Json(state.search(req).await?))
}
