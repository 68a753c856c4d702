//! The JSON API. Every page of the app uses only these endpoints; the list
//! served at `GET /api` is the documentation (kept next to the routes so
//! the two cannot drift apart).

pub mod audit;
pub mod codes;
pub mod coding;
pub mod documents;
pub mod evaluate;
pub mod figures;
pub mod frame;
pub mod query;
pub mod search;
pub mod upload;

use axum::routing::{get, post};
use axum::{Json, Router};

use crate::AppState;

/// Method, path and what it does, for every endpoint.
pub const ENDPOINTS: &[(&str, &str, &str)] = &[
    ("GET", "/api", "This list."),
    (
        "POST",
        "/api/login",
        "Sign in {name, password}: sets the session cookie and answers {user, role, csrf}; a wrong name or password is 401, five failures a minute per name or address 429 with Retry-After.",
    ),
    ("POST", "/api/logout", "Sign out: ends the session and clears its cookie (204)."),
    (
        "GET",
        "/api/session",
        "Who is signed in: {user (null without accounts), role, csrf (to send as X-CSRF-Token with every change), accounts}.",
    ),
    ("GET", "/api/users", "The users {id, name, role, disabled, created_at} (admins only)."),
    ("GET", "/api/documents", "Current documents with metadata and counts of codings and proposals."),
    (
        "GET",
        "/api/documents/{id}",
        "One document: meta, label, original and translations, text (offsets are code points), display (segments tiling the text: text, heading with level, hidden markup), codings (all statuses), memos.",
    ),
    (
        "POST",
        "/api/documents/upload",
        "Import files (multipart form data; a folder's files keep their relative names) with the importer of `policyscope import`; answers its per-file report {files: [{path, status, id|reason, encoding, warnings}], imported, unchanged, failed, skipped}. Bodies over 256 MB are refused with 413.",
    ),
    (
        "POST",
        "/api/documents/{id}",
        "Edit metadata {title, date, doc_type, docno, issuer, title_en, catalog_no}; fields left out stay, fields sent empty are emptied (not the title). Answers the metadata.",
    ),
    (
        "POST",
        "/api/documents/{id}/translation-of",
        "Link a translation to its original {original: id}, or unlink it {original: null}.",
    ),
    (
        "GET",
        "/api/search?q=&from=&to=&type=&limit=&offset=",
        "Full-text search; snippets with highlight ranges. Queries: at most 1000 characters, 100 terms, 32 levels of parentheses and negations.",
    ),
    ("POST", "/api/search", "The same search with the parameters as a JSON body {q, from, to, type, limit, offset}."),
    (
        "GET",
        "/api/codes",
        "The codebook in tree order with colours and counts (documents, passages and proposals roll up from sub-codes).",
    ),
    ("POST", "/api/codes", "Make a code {name, parent_id, colour, description, by}; 409 if its parent has one of that name."),
    (
        "POST",
        "/api/codes/{id}",
        "Edit a code {by, name?, move?: {to: ID|null}, colour? (\"\" removes it), description?}; a move into itself is 400.",
    ),
    ("POST", "/api/codes/{id}/merge", "Merge the code {into, by}: its codings, sub-codes and memos move; recorded as a memo."),
    (
        "POST",
        "/api/codes/{id}/delete",
        "Delete the code {by, move_to?|remove_codings?}; with codings and neither, 409 saying how many.",
    ),
    ("GET", "/api/codes/history?code=", "Every change made to the code tree by hand (of one code, by id)."),
    (
        "GET",
        "/api/codings?status=&doc=&code=&order=&limit=&offset=",
        "Codings with context (default: not rejected), each with its model score if a model proposed it; order=uncertainty puts the proposals a model was least sure of first (|score − 0.5| ascending), order=confidence those of the most confident rules.",
    ),
    ("POST", "/api/codings", "Add a coding {doc_id, code_id, start, end, coder}; it is accepted."),
    (
        "POST",
        "/api/codings/{id}/accept",
        "Accept a coding {reviewer, version}: with the version it was loaded at, a coding changed since is 409 {error, changed_by, changed_at, current}.",
    ),
    ("POST", "/api/codings/{id}/reject", "Reject a coding {reviewer, version} (409 as for accept)."),
    (
        "POST",
        "/api/codings/{id}/recode",
        "Recode {reviewer, code_id, version}: rejects it and adds the new coding (returned); 409 as for accept.",
    ),
    (
        "POST",
        "/api/codings/{id}/delete",
        "Delete a coding {reviewer, version} with its reviews and memos (a mistake; review rejects instead).",
    ),
    ("GET", "/api/memos?kind=&id=", "Memos, optionally of one target (project, document, code, coding)."),
    ("POST", "/api/memos", "Add a memo {target: {kind, id}, author, text}."),
    ("POST", "/api/memos/{id}", "Edit a memo {author, text, version}."),
    ("POST", "/api/memos/{id}/delete", "Delete a memo {author, version}."),
    (
        "GET",
        "/api/audit?since=&user=&limit=",
        "Admins: the audit log, oldest first — every coding, review, memo and code-tree change with who, when, and the row before and after.",
    ),
    (
        "GET",
        "/api/evaluate?coder=&codebook=&unit=&decided=",
        "A codebook (builtin:NAME or one run in the project; default the project's only one) measured against a person: per code TP, FP, FN, precision, recall, F1, kappa, per-rule kept hits, 5 false positives and negatives; computed in memory, nothing is written.",
    ),
    ("GET", "/api/evaluations", "Evaluations stored by `policyscope code evaluate` (latest of each codebook, coder, unit, scope)."),
    ("GET", "/api/models", "The latest learnt model of each code, with provenance and cross-validated figures."),
    ("GET", "/api/graph", "The citation graph among the documents (nodes with year, round, seed; edges)."),
    ("GET", "/api/graph.svg", "The citation graph drawn layered by year; nodes link to #/doc/{id}."),
    ("GET", "/api/coders", "Everyone who coded or reviewed."),
    (
        "GET",
        "/api/query/{table|matrix|cooccur|trend|excerpts}?coder=&status=&code=&from=&to=&binary=&context=&include_translations=",
        "Coding queries as in `policyscope query` (default: codings not rejected, every coder; an original and its translations count as one document unless include_translations=true).",
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
    ("GET", "/api/frame", "The analytical frame: NIS elements, modes, stages, actor gazetteer, relations, chokepoints, with each table's origin and the frame hash."),
    (
        "GET",
        "/api/mentions?kind=actor|standard|body|technology|stage&doc=&entity=&limit=",
        "Mentions found by `policyscope mentions run`: {total, mentions: [{doc: {id, source_path, title, date}, kind, entity, entity_name, text, start, end, sentence, rule}]} (offsets are code points; at most 5000).",
    ),
    (
        "GET",
        "/api/roles?actor=&doc=&limit=",
        "Role statements: {total, roles: [{doc, actor, actor_name, actor_text, verb, pattern, partners, object, start, end, …}]}; an unknown actor is a 400.",
    ),
    (
        "GET",
        "/api/frame/{nis|actors|standards|technologies}?…",
        "The NIS views of `policyscope query nis|actors|standards|technologies` (nis and actors take the query filters).",
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
        .route(
            "/api/documents/upload",
            post(upload::upload).layer(axum::extract::DefaultBodyLimit::max(upload::MAX_UPLOAD_BYTES)),
        )
        .route("/api/documents/{id}", get(documents::show).post(documents::edit))
        .route("/api/documents/{id}/translation-of", post(documents::link_translation))
        .route("/api/search", get(search::search).post(search::search_post))
        .merge(codes::routes())
        .route("/api/codings", get(coding::list).post(coding::add))
        .route("/api/codings/{id}/accept", post(coding::accept))
        .route("/api/codings/{id}/reject", post(coding::reject))
        .route("/api/codings/{id}/recode", post(coding::recode))
        .route("/api/codings/{id}/delete", post(coding::delete))
        .route("/api/memos", get(coding::memos).post(coding::add_memo))
        .route("/api/memos/{id}", post(coding::edit_memo))
        .route("/api/memos/{id}/delete", post(coding::delete_memo))
        .route("/api/audit", get(audit::list))
        .route("/api/evaluate", get(evaluate::run))
        .route("/api/evaluations", get(evaluate::stored))
        .route("/api/models", get(evaluate::models))
        .route("/api/graph", get(figures::graph))
        .route("/api/graph.svg", get(figures::graph_svg))
        .route("/api/coders", get(query::coders))
        .route("/api/frame", get(frame::show))
        .route("/api/frame/{view}", get(frame::view))
        .route("/api/mentions", get(frame::mentions))
        .route("/api/roles", get(frame::roles))
        .route("/api/query/{kind}", get(query::run))
        .route("/api/figures/trends.svg", get(figures::trends_svg))
        .route("/api/figures/cooccur.svg", get(figures::cooccur_svg))
}
