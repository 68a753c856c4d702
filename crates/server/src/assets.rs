//! The pages of the app: hand-written HTML, CSS and JavaScript compiled into
//! the binary, so the app needs no files and makes no external requests.

use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;

use crate::AppState;

const INDEX_HTML: &str = include_str!("assets/index.html");
const APP_JS: &str = include_str!("assets/app.js");
const APP_CSS: &str = include_str!("assets/app.css");
const CODES_JS: &str = include_str!("assets/codes.js");
const CODES_CSS: &str = include_str!("assets/codes.css");
const DOCUMENTS_JS: &str = include_str!("assets/documents.js");
const EVALUATE_JS: &str = include_str!("assets/evaluate.js");
const NIS_JS: &str = include_str!("assets/nis.js");
const SESSION_JS: &str = include_str!("assets/session.js");
const AUDIT_JS: &str = include_str!("assets/audit.js");

/// Headers every page gets: no caching (edits must show on reload) and a
/// content security policy that allows only the app's own script.
fn page(content_type: &'static str, body: &'static str) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-store"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'",
            ),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        body,
    )
}

/// `/`, `/app.js`, `/app.css` and the report's stylesheet.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(|| async { page("text/html; charset=utf-8", INDEX_HTML) }))
        .route("/app.js", get(|| async { page("text/javascript; charset=utf-8", APP_JS) }))
        .route("/app.css", get(|| async { page("text/css; charset=utf-8", APP_CSS) }))
        .route("/codes.js", get(|| async { page("text/javascript; charset=utf-8", CODES_JS) }))
        .route("/codes.css", get(|| async { page("text/css; charset=utf-8", CODES_CSS) }))
        .route("/documents.js", get(|| async { page("text/javascript; charset=utf-8", DOCUMENTS_JS) }))
        .route("/evaluate.js", get(|| async { page("text/javascript; charset=utf-8", EVALUATE_JS) }))
        .route("/nis.js", get(|| async { page("text/javascript; charset=utf-8", NIS_JS) }))
        .route("/session.js", get(|| async { page("text/javascript; charset=utf-8", SESSION_JS) }))
        .route("/audit.js", get(|| async { page("text/javascript; charset=utf-8", AUDIT_JS) }))
        .route(
            "/graph.js",
            get(|| async {
                page("text/javascript; charset=utf-8", policyscope_report::html::layout::GRAPH_JS)
            }),
        )
}
