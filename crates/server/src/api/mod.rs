//! The JSON API. Every page of the app uses only these endpoints; the list
//! served at `GET /api` is the documentation (kept next to the routes so
//! the two cannot drift apart).

pub mod coding;
pub mod documents;
pub mod figures;
pub mod query;
pub mod search;

use axum::routing::{get, post};
use axum::{Json, Router};

use crate::AppState;

/// Method, path and what it does, for every endpoint.
pub const ENDPOINTS: &[(&str, &str, &str)] = &[
    ("GET", "/api", "This list."),
    ("GET", "/api/documents", "Current documents with metadata and counts of codings and proposals."),
    (
        "GET",
        "/api/documents/{id}",
        "One document: meta, text (offsets are code points), codings (all statuses), memos.",
    ),
    (
        "GET",
        "/api/search?q=&from=&to=&type=&limit=&offset=",
        "Full-text search; snippets with highlight ranges. Queries: at most 1000 characters, 100 terms, 32 levels of parentheses and negations.",
    ),
    ("POST", "/api/search", "The same search with the parameters as a JSON body {q, from, to, type, limit, offset}."),
    ("GET", "/api/codes", "The codebook in tree order with colours and counts."),
    (
        "GET",
        "/api/codings?status=&doc=&code=&limit=&offset=",
        "Codings with context (default: not rejected).",
    ),
    ("POST", "/api/codings", "Add a coding {doc_id, code_id, start, end, coder}; it is accepted."),
    ("POST", "/api/codings/{id}/accept", "Accept a coding {reviewer}."),
    ("POST", "/api/codings/{id}/reject", "Reject a coding {reviewer}."),
    (
        "POST",
        "/api/codings/{id}/recode",
        "Recode {reviewer, code_id}: rejects it and adds the new coding (returned).",
    ),
    ("GET", "/api/memos?kind=&id=", "Memos, optionally of one target (project, document, code, coding)."),
    ("POST", "/api/memos", "Add a memo {target: {kind, id}, author, text}."),
    ("GET", "/api/graph", "The citation graph among the documents (nodes with year, round, seed; edges)."),
    ("GET", "/api/graph.svg", "The citation graph drawn layered by year; nodes link to #/doc/{id}."),
    ("GET", "/api/coders", "Everyone who coded or reviewed."),
    (
        "GET",
        "/api/query/{table|matrix|cooccur|trend|excerpts}?coder=&status=&code=&from=&to=&binary=&context=",
        "Coding queries as in `policyscope query` (default: codings not rejected, every coder).",
    ),
    (
        "GET",
        "/api/figures/trends.svg?coder=&status=&…",
        "Documents per year for each code (SVG; query filters).",
    ),
    (
        "GET",
        "/api/figures/cooccur.svg?by=document|passage&…",
        "Code co-occurrence heat map (SVG; query filters).",
    ),
];

async fn index() -> Json<serde_json::Value> {
    Json(serde_json::Value::Array(
        ENDPOINTS
            .iter()
            .map(|(m, p, d)| serde_json::json!({ "method": m, "path": p, "description": d }))
            .collect(),
    ))
}

/// The API routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api", get(index))
        .route("/api/documents", get(documents::list))
        .route("/api/documents/{id}", get(documents::show))
        .route("/api/search", get(search::search).post(search::search_post))
        .route("/api/codes", get(coding::codes))
        .route("/api/codings", get(coding::list).post(coding::add))
        .route("/api/codings/{id}/accept", post(coding::accept))
        .route("/api/codings/{id}/reject", post(coding::reject))
        .route("/api/codings/{id}/recode", post(coding::recode))
        .route("/api/memos", get(coding::memos).post(coding::add_memo))
        .route("/api/graph", get(figures::graph))
        .route("/api/graph.svg", get(figures::graph_svg))
        .route("/api/coders", get(query::coders))
        .route("/api/query/{kind}", get(query::run))
        .route("/api/figures/trends.svg", get(figures::trends_svg))
        .route("/api/figures/cooccur.svg", get(figures::cooccur_svg))
}
