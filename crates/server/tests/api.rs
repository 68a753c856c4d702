//! The JSON API and pages, called without a socket.

mod common;

use axum::http::StatusCode;
use common::{call, coded_project, json};
use policyscope_coding::{CodingFilter, CodingStore, Status};
use policyscope_server::{app, AppState};
use serde_json::json as j;

fn setup() -> (tempfile::TempDir, axum::Router) {
    let tmp = tempfile::tempdir().unwrap();
    let project = coded_project(&tmp.path().join("p"));
    (tmp, app(AppState::new(project).unwrap()))
}

#[tokio::test]
async fn pages_are_served_without_caching_and_with_a_strict_policy() {
    let (_tmp, app) = setup();
    for path in ["/", "/app.js", "/app.css", "/graph.js"] {
        let res = tower::ServiceExt::oneshot(
            app.clone(),
            axum::http::Request::get(path).body(axum::body::Body::empty()).unwrap(),
        )
        .await
        .unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert_eq!(res.headers()["cache-control"], "no-store");
        assert!(res.headers()["content-security-policy"].to_str().unwrap().contains("script-src 'self'"));
    }
    let (_, body) = call(&app, "GET", "/", None).await;
    let html = String::from_utf8(body).unwrap();
    assert!(html.contains("<script src=\"/app.js\">"));
    // The API documents itself.
    let (status, list) = json(&app, "GET", "/api", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(list.as_array().unwrap().iter().any(|e| e["path"] == "/api/codings/{id}/accept"));
}

#[tokio::test]
async fn documents_list_and_show_with_codings() {
    let (_tmp, app) = setup();
    let (status, docs) = json(&app, "GET", "/api/documents", None).await;
    assert_eq!(status, StatusCode::OK);
    let docs = docs.as_array().unwrap();
    assert_eq!(docs.len(), 2);
    let notice = docs.iter().find(|d| d["title"].as_str().unwrap().contains("script")).unwrap();
    assert!(notice["proposed"].as_u64().unwrap() >= 3, "{notice}");
    let id = notice["id"].as_i64().unwrap();
    let (status, doc) = json(&app, "GET", &format!("/api/documents/{id}"), None).await;
    assert_eq!(status, StatusCode::OK);
    // The text is returned as it is; the page inserts it as text.
    assert!(doc["text"].as_str().unwrap().contains("<script>alert(\"x\")</script>"));
    let text: Vec<char> = doc["text"].as_str().unwrap().chars().collect();
    let codings = doc["codings"].as_array().unwrap();
    let ipr = codings.iter().find(|c| c["code_path"] == "Tool/IPR").unwrap();
    let (s, e) = (ipr["start"].as_u64().unwrap() as usize, ipr["end"].as_u64().unwrap() as usize);
    let coded: String = text[s..e].iter().collect();
    assert!(coded.contains("知识产权"), "offsets are code points: {coded}");
    let (status, err) = json(&app, "GET", "/api/documents/999", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(err["error"].as_str().unwrap().contains("999"));
}

#[tokio::test]
async fn search_returns_hits_with_highlights() {
    let (_tmp, app) = setup();
    let (status, r) = json(&app, "GET", "/api/search?q=%E7%9F%A5%E8%AF%86%E4%BA%A7%E6%9D%83", None).await; // 知识产权
    assert_eq!(status, StatusCode::OK, "{r}");
    assert_eq!(r["total"], 2);
    let snip = &r["hits"][0]["snippets"][0];
    let text: Vec<char> = snip["text"].as_str().unwrap().chars().collect();
    let [s, e] = [
        snip["highlights"][0][0].as_u64().unwrap() as usize,
        snip["highlights"][0][1].as_u64().unwrap() as usize,
    ];
    assert_eq!(text[s..e].iter().collect::<String>(), "知识产权");
    let (status, _) = json(&app, "GET", "/api/search?q=", None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn review_decisions_are_saved_in_the_project() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("p");
    let project = coded_project(&dir);
    let app = app(AppState::new(project).unwrap());
    let (_, page) = json(&app, "GET", "/api/codings?status=proposed", None).await;
    let list = page["codings"].as_array().unwrap();
    assert!(list.len() >= 4);
    assert_eq!(page["total"].as_u64().unwrap() as usize, list.len());
    let first = &list[0];
    assert!(first["text"].as_str().unwrap().chars().count() > 0 && first["doc_title"].is_string());
    let (a, r, rc) =
        (list[0]["id"].as_i64().unwrap(), list[1]["id"].as_i64().unwrap(), list[2]["id"].as_i64().unwrap());

    let (status, c) =
        json(&app, "POST", &format!("/api/codings/{a}/accept"), Some(j!({"reviewer": "alice"}))).await;
    assert_eq!((status, c["status"].as_str()), (StatusCode::OK, Some("accepted")));
    let (status, c) =
        json(&app, "POST", &format!("/api/codings/{r}/reject"), Some(j!({"reviewer": "alice"}))).await;
    assert_eq!((status, c["status"].as_str()), (StatusCode::OK, Some("rejected")));
    let (_, codes) = json(&app, "GET", "/api/codes", None).await;
    // A codable code other than the recoded coding's own.
    let bri = codes
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["codable"] == true && c["id"] != list[2]["code_id"])
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let (status, new) = json(
        &app,
        "POST",
        &format!("/api/codings/{rc}/recode"),
        Some(j!({"reviewer": "alice", "code_id": bri})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{new}");
    assert_eq!(new["code_id"].as_i64(), Some(bri));
    let doc_id = list[0]["doc_id"].as_i64().unwrap();
    let (status, added) = json(
        &app,
        "POST",
        "/api/codings",
        Some(j!({"doc_id": doc_id, "code_id": bri, "start": 2, "end": 6, "coder": "alice"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{added}");
    let (status, memo) = json(
        &app,
        "POST",
        "/api/memos",
        Some(j!({"target": {"kind": "coding", "id": a}, "author": "alice", "text": "clear case"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{memo}");

    // Bad requests are refused with a reason.
    let (status, _) =
        json(&app, "POST", &format!("/api/codings/{a}/accept"), Some(j!({"reviewer": " "}))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = json(&app, "POST", "/api/codings/99999/reject", Some(j!({"reviewer": "bob"}))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = json(
        &app,
        "POST",
        "/api/codings",
        Some(j!({"doc_id": doc_id, "code_id": bri, "start": 5, "end": 100000, "coder": "alice"})),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // A second connection (another tab, the CLI) sees every change.
    let other = policyscope_corpus::Project::open(&dir).unwrap();
    let store = CodingStore::open(&other).unwrap();
    assert_eq!(store.coding(a).unwrap().status, Status::Accepted);
    assert_eq!(store.coding(r).unwrap().status, Status::Rejected);
    assert_eq!(store.coding(rc).unwrap().status, Status::Rejected);
    let alice = store.codings(&CodingFilter { coder: Some("alice".into()), ..Default::default() }).unwrap();
    assert!(alice.iter().any(|c| c.start == 2 && c.end == 6 && c.code_id == bri));
    assert_eq!(store.memos(None).unwrap().len(), 1);
}

#[tokio::test]
async fn queries_and_figures_follow_the_codings() {
    let (_tmp, app) = setup();
    let (status, t) = json(&app, "GET", "/api/query/table", None).await;
    assert_eq!(status, StatusCode::OK, "{t}");
    let ipr = t["codes"].as_array().unwrap().iter().find(|r| r["path"] == "Tool/IPR").unwrap();
    assert_eq!(ipr["count"], 2, "both fixture documents mention 知识产权: {ipr}");
    // Filters narrow the selection: nobody has accepted anything yet.
    let (_, t) = json(&app, "GET", "/api/query/table?status=accepted", None).await;
    assert!(t["codes"].as_array().unwrap().iter().all(|r| r["count"] == 0));
    for kind in ["matrix", "cooccur", "trend", "excerpts"] {
        let (status, v) = json(&app, "GET", &format!("/api/query/{kind}?coder=auto:fixture"), None).await;
        assert_eq!(status, StatusCode::OK, "{kind}: {v}");
        assert!(!v.is_null());
    }
    let (status, _) = json(&app, "GET", "/api/query/nonsense", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = json(&app, "GET", "/api/query/table?status=maybe", None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    for path in ["/api/figures/trends.svg", "/api/figures/cooccur.svg?by=passage", "/api/graph.svg"] {
        let (status, body) = call(&app, "GET", path, None).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        let svg = String::from_utf8(body).unwrap();
        assert!(svg.starts_with("<svg"), "{path}");
        assert!(!svg.contains("<script"), "{path}: text is escaped");
    }
    // The notice cites nothing resolvable, the plan is cited by nobody: no graph edges here.
    let (status, g) = json(&app, "GET", "/api/graph", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(g.is_null() || g["edges"].as_array().is_some());
}
