//! Requests a user, a script or another web page could send: each is
//! answered 200 or with a JSON error (400, 403, 404, 421), never a 500 or a panic.

mod common;

use axum::http::StatusCode;
use common::{coded_project, json};
use policyscope_server::{app, AppState};
use proptest::prelude::*;
use serde_json::json as j;

fn setup() -> (tempfile::TempDir, axum::Router) {
    let tmp = tempfile::tempdir().unwrap();
    let project = coded_project(&tmp.path().join("p"));
    (tmp, app(AppState::new(project).unwrap()))
}

fn enc(s: &str) -> String {
    s.bytes().map(|b| format!("%{b:02X}")).collect()
}

/// Sends a request with the given headers; returns status and JSON body.
async fn send(
    app: &axum::Router,
    method: &str,
    uri: &str,
    headers: &[(&str, &str)],
    body: Option<serde_json::Value>,
) -> (StatusCode, serde_json::Value) {
    let (status, bytes) = common::call_with(app, method, uri, headers, body).await;
    (status, serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null))
}

fn error_text(v: &serde_json::Value) -> &str {
    v["error"].as_str().unwrap_or_else(|| panic!("not a JSON error: {v}"))
}

#[tokio::test]
async fn deeply_nested_query_answers_400_not_a_dead_server() {
    let (_tmp, app) = setup();
    for q in [
        format!("{}a{}", "(".repeat(2900), ")".repeat(2900)),
        format!("{}a", "-".repeat(240)),
        format!("{}a", "NOT ".repeat(234)),
    ] {
        let (status, v) = json(&app, "GET", &format!("/api/search?q={}", enc(&q)), None).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{v}");
        assert!(error_text(&v).starts_with("query"), "{v}");
    }
    // The server still answers.
    let (status, _) = json(&app, "GET", "/api/search?q=%E6%A0%87%E5%87%86", None).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn over_long_query_answers_400_with_the_limit_also_when_posted() {
    let (_tmp, app) = setup();
    let long = "标".repeat(1001);
    let (status, v) = json(&app, "GET", &format!("/api/search?q={}", enc(&long)), None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error_text(&v), "query is longer than 1000 characters");
    // Far longer than any URL may be: the POST form carries it.
    let huge = "标".repeat(20_000);
    let (status, v) = json(&app, "POST", "/api/search", Some(j!({ "q": huge }))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error_text(&v), "query is longer than 1000 characters");
    let (status, v) = json(&app, "POST", "/api/search", Some(j!({ "q": "知识产权", "limit": 5 }))).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["total"], 2);
}

#[tokio::test]
async fn huge_numbers_answer_400_not_500() {
    let (_tmp, app) = setup();
    for uri in [
        "/api/search?q=a&offset=18446744073709551500",
        "/api/search?q=a&offset=99999999999999999999999",
        "/api/search?q=a&limit=-1",
        "/api/codings?limit=abc",
        "/api/codings?offset=18446744073709551615&limit=18446744073709551615",
        "/api/query/excerpts?context=18446744073709551615",
    ] {
        let (status, v) = json(&app, "GET", uri, None).await;
        assert!(status == StatusCode::BAD_REQUEST || status == StatusCode::OK, "{uri}: {status} {v}");
        if status == StatusCode::BAD_REQUEST {
            error_text(&v);
        }
    }
    let (status, v) = json(&app, "GET", "/api/search?q=a&offset=18446744073709551500", None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(error_text(&v).contains("offset"), "{v}");
}

#[tokio::test]
async fn non_numeric_path_parameters_answer_json_400() {
    let (_tmp, app) = setup();
    let (status, v) = json(&app, "GET", "/api/documents/abc", None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(error_text(&v).contains("abc"), "{v}");
    for what in ["accept", "reject", "recode"] {
        let (status, v) =
            json(&app, "POST", &format!("/api/codings/x1/{what}"), Some(j!({"reviewer": "ann"}))).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{what}");
        error_text(&v);
    }
    // A malformed body, an unknown path and a wrong method get the same shape.
    let (status, v) = json(&app, "POST", "/api/codings", Some(j!({"doc_id": "one"}))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    error_text(&v);
    let (status, v) = json(&app, "GET", "/api/nothing-here", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    error_text(&v);
    let (status, v) = json(&app, "DELETE", "/api/documents", None).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    error_text(&v);
}

#[tokio::test]
async fn coding_or_memo_on_a_missing_document_answers_404() {
    let (_tmp, app) = setup();
    let (_, codes) = json(&app, "GET", "/api/codes", None).await;
    let code = codes.as_array().unwrap().iter().find(|c| c["codable"] == true).unwrap()["id"].clone();
    let (status, v) = json(
        &app,
        "POST",
        "/api/codings",
        Some(j!({"doc_id": 999, "code_id": code, "start": 0, "end": 2, "coder": "ann"})),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{v}");
    assert!(error_text(&v).contains("999"), "{v}");
    let (status, v) = json(
        &app,
        "POST",
        "/api/memos",
        Some(j!({"target": {"kind": "document", "id": 999}, "author": "ann", "text": "?"})),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{v}");
}

#[tokio::test]
async fn excerpts_resolve_a_code_short_name_like_the_cli() {
    let (_tmp, app) = setup();
    let (status, by_name) = json(&app, "GET", "/api/query/excerpts?code=IPR", None).await;
    assert_eq!(status, StatusCode::OK, "{by_name}");
    let (_, by_path) = json(&app, "GET", "/api/query/excerpts?code=Tool/IPR", None).await;
    assert_eq!(by_name, by_path);
    assert!(by_name.to_string().contains("知识产权"), "{by_name}");
    let (status, v) = json(&app, "GET", "/api/query/excerpts?code=NoSuchCode", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{v}");
    let (_, listed) = json(&app, "GET", "/api/codings?code=IPR", None).await;
    let (_, listed_by_path) = json(&app, "GET", "/api/codings?code=Tool/IPR", None).await;
    assert!(listed["total"].as_u64().unwrap() > 0, "{listed}");
    assert_eq!(listed, listed_by_path);
}

#[tokio::test]
async fn a_forged_host_is_refused_with_421() {
    let tmp = tempfile::tempdir().unwrap();
    let project = coded_project(&tmp.path().join("p"));
    let app = app(AppState::new(project).unwrap().listening_on("127.0.0.1:4321".parse().unwrap()));
    let (status, _) = send(&app, "GET", "/api/documents", &[("host", "127.0.0.1:4321")], None).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = send(&app, "GET", "/api/documents", &[("host", "localhost:4321")], None).await;
    assert_eq!(status, StatusCode::OK);
    for host in ["rebind.example:4321", "127.0.0.1:80", "localhost.evil.example:4321"] {
        let (status, v) = send(&app, "GET", "/api/documents", &[("host", host)], None).await;
        assert_eq!(status, StatusCode::MISDIRECTED_REQUEST, "{host}");
        assert!(error_text(&v).contains("127.0.0.1:4321"), "{v}");
    }
    let (status, _) = send(&app, "GET", "/", &[("host", "rebind.example:4321")], None).await;
    assert_eq!(status, StatusCode::MISDIRECTED_REQUEST, "pages too");
}

#[tokio::test]
async fn a_write_from_another_origin_is_refused_with_403() {
    let tmp = tempfile::tempdir().unwrap();
    let project = coded_project(&tmp.path().join("p"));
    let app = app(AppState::new(project).unwrap().listening_on("127.0.0.1:4321".parse().unwrap()));
    let host = ("host", "127.0.0.1:4321");
    let (_, page) = send(&app, "GET", "/api/codings?status=proposed", &[host], None).await;
    let id = page["codings"][0]["id"].as_i64().unwrap();
    let uri = format!("/api/codings/{id}/accept");
    let body = || Some(j!({"reviewer": "ann"}));
    for forged in [
        vec![host, ("origin", "http://evil.example")],
        vec![host, ("origin", "null")],
        vec![host, ("referer", "http://evil.example/page")],
        vec![host, ("sec-fetch-site", "cross-site")],
    ] {
        let (status, v) = send(&app, "POST", &uri, &forged, body()).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{forged:?}");
        error_text(&v);
    }
    let (_, c) = send(&app, "GET", "/api/codings?status=proposed", &[host], None).await;
    assert_eq!(c["codings"][0]["id"].as_i64(), Some(id), "nothing was accepted");
    let (status, c) = send(&app, "POST", &uri, &[host, ("origin", "http://127.0.0.1:4321")], body()).await;
    assert_eq!((status, c["status"].as_str()), (StatusCode::OK, Some("accepted")));
    // curl and scripts send no Origin and no Sec-Fetch-Site.
    let (status, _) = send(&app, "POST", &uri, &[host], body()).await;
    assert_eq!(status, StatusCode::OK);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn any_search_answers_200_or_400(
        q in prop_oneof![
            "\\PC{0,50}",
            "[()（）\"“” \\-a-zA-Z数据安全:ORANDNOT]{0,80}",
            "(title|type|docno|x|标题):[\\PC]{0,6}",
        ],
        offset in prop_oneof![0..1000usize, any::<usize>()],
    ) {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let (status, v) = runtime.block_on(async {
            let (_tmp, app) = shared_app();
            json(app, "GET", &format!("/api/search?q={}&offset={offset}", enc(&q)), None).await
        });
        prop_assert!(status == StatusCode::OK || status == StatusCode::BAD_REQUEST, "{q:?}: {status} {v}");
        if status == StatusCode::BAD_REQUEST {
            prop_assert!(v["error"].is_string(), "{v}");
        }
    }
}

/// One app for every case of the property test (building a project per case would be slow).
fn shared_app() -> &'static (tempfile::TempDir, axum::Router) {
    static APP: std::sync::OnceLock<(tempfile::TempDir, axum::Router)> = std::sync::OnceLock::new();
    APP.get_or_init(setup)
}
