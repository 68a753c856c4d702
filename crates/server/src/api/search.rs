//! `GET /api/search?q=…`: full-text search with highlighted snippets.

use axum::extract::{Query, State};
use axum::Json;
use policyscope_search::{search as run_search, SearchRequest, SearchResults};
use serde::Deserialize;

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
    /// Hits to skip.
    pub offset: Option<usize>,
}

/// Runs a search; snippets carry code-point highlight ranges.
pub async fn search(
    State(state): State<AppState>,
    Query(q): Query<SearchQuery>,
) -> Result<Json<SearchResults>> {
    if q.q.trim().is_empty() {
        return Err(Error::BadRequest("empty query".into()));
    }
    let empty_to_none = |s: Option<String>| s.filter(|v| !v.trim().is_empty());
    let mut req = SearchRequest::new(&q.q);
    req.from = empty_to_none(q.from);
    req.to = empty_to_none(q.to);
    req.doc_type = empty_to_none(q.doc_type);
    req.limit = q.limit.unwrap_or(20).clamp(1, 200);
    req.offset = q.offset.unwrap_or(0);
    let results = state
        .with(move |p| {
            // Documents imported while the app runs become searchable at once.
            policyscope_search::sync_index(p)?;
            Ok(run_search(p, &req)?)
        })
        .await?;
    Ok(Json(results))
}
