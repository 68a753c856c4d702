//! The code-tree endpoints and the reviewer checks, called without a socket.

mod common;

use axum::http::StatusCode;
use common::{call, coded_project, json};
use policyscope_server::{app, AppState};
use serde_json::{json as j, Value};

fn setup() -> (tempfile::TempDir, axum::Router) {
    let tmp = tempfile::tempdir().unwrap();
    let project = coded_project(&tmp.path().join("p"));
    (tmp, app(AppState::new(project).unwrap()))
}

async fn codes(app: &axum::Router) -> Vec<Value> {
    let (status, v) = json(app, "GET", "/api/codes", None).await;
    assert_eq!(status, StatusCode::OK);
    v.as_array().unwrap().clone()
}

async fn code(app: &axum::Router, path: &str) -> Option<Value> {
    codes(app).await.into_iter().find(|c| c["path"] == path)
}

#[tokio::test]
async fn parents_roll_up_the_documents_and_passages_of_their_sub_codes() {
    let (_tmp, app) = setup();
    let all = codes(&app).await;
    let tool = all.iter().find(|c| c["path"] == "Tool").unwrap();
    assert!(!tool["codable"].as_bool().unwrap());
    let kids: Vec<&Value> = all.iter().filter(|c| c["parent_id"] == tool["id"]).collect();
    let kid_passages: u64 = kids.iter().map(|c| c["passages"].as_u64().unwrap()).sum();
    assert!(tool["documents"].as_u64().unwrap() > 0, "a folder is not `0 documents`: {tool}");
    assert!(tool["passages"].as_u64().unwrap() <= kid_passages && tool["passages"].as_u64().unwrap() > 0);
    let kid_proposed: u64 = kids.iter().map(|c| c["proposed"].as_u64().unwrap()).sum();
    assert_eq!(tool["proposed"].as_u64().unwrap(), kid_proposed);
    // The same number the queries give.
    let (_, table) = json(&app, "GET", "/api/query/table", None).await;
    let row = table["codes"].as_array().unwrap().iter().find(|r| r["path"] == "Tool").unwrap().clone();
    assert_eq!(row["count"], tool["documents"]);
}

#[tokio::test]
async fn codes_are_made_renamed_moved_merged_and_deleted_with_clear_errors() {
    let (_tmp, app) = setup();
    let tool = code(&app, "Tool").await.unwrap()["id"].as_i64().unwrap();
    let made = j!({"name": "数据安全", "parent_id": tool, "colour": "#AA3300", "by": "alice"});
    let (status, c) = json(&app, "POST", "/api/codes", Some(made.clone())).await;
    assert_eq!(status, StatusCode::OK, "{c}");
    assert_eq!((c["path"].as_str(), c["colour"].as_str()), (Some("Tool/数据安全"), Some("#aa3300")));
    let id = c["id"].as_i64().unwrap();
    let (status, e) = json(&app, "POST", "/api/codes", Some(made)).await;
    assert_eq!(status, StatusCode::CONFLICT, "{e}");
    let (status, e) =
        json(&app, "POST", "/api/codes", Some(j!({"name": "x", "parent_id": 9999, "by": "alice"}))).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{e}");
    let (status, e) =
        json(&app, "POST", "/api/codes", Some(j!({"name": "x", "colour": "red", "by": "alice"}))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{e}");

    // Rename and recolour in one edit; a move into itself is a 400 naming the cycle.
    let (status, c) = json(
        &app,
        "POST",
        &format!("/api/codes/{id}"),
        Some(j!({"name": "Data", "colour": "#00ff00", "by": "alice"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{c}");
    assert_eq!((c["path"].as_str(), c["colour"].as_str()), (Some("Tool/Data"), Some("#00ff00")));
    let (status, e) =
        json(&app, "POST", &format!("/api/codes/{tool}"), Some(j!({"move": {"to": id}, "by": "alice"})))
            .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(e["error"].as_str().unwrap().contains("cycle"), "{e}");
    let (status, _) = json(&app, "POST", &format!("/api/codes/{id}"), Some(j!({"by": "alice"}))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "an edit that changes nothing is refused");

    // Merge IPR into Data: its passages follow, the merge is a memo.
    let ipr = code(&app, "Tool/IPR").await.unwrap();
    let (status, out) =
        json(&app, "POST", &format!("/api/codes/{}/merge", ipr["id"]), Some(j!({"into": id, "by": "alice"})))
            .await;
    assert_eq!(status, StatusCode::OK, "{out}");
    assert_eq!(out["moved"], ipr["all_codings"]);
    assert!(out["memo"]["text"].as_str().unwrap().contains("Merged code `Tool/IPR` into `Tool/Data`"));
    assert_eq!(code(&app, "Tool/Data").await.unwrap()["passages"], ipr["passages"]);

    // Delete: 409 with the number of codings until the body says what becomes of them.
    let data = code(&app, "Tool/Data").await.unwrap();
    let n = data["all_codings"].as_u64().unwrap();
    assert!(n > 0);
    let url = format!("/api/codes/{id}/delete");
    let (status, e) = json(&app, "POST", &url, Some(j!({"by": "alice"}))).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(e["error"].as_str().unwrap().contains(&format!("{n} coding(s)")), "{e}");
    let (status, out) = json(&app, "POST", &url, Some(j!({"remove_codings": true, "by": "alice"}))).await;
    assert_eq!(status, StatusCode::OK, "{out}");
    assert_eq!(out["deleted"].as_u64(), Some(n));
    assert!(code(&app, "Tool/Data").await.is_none());

    let (status, history) = json(&app, "GET", "/api/codes/history", None).await;
    assert_eq!(status, StatusCode::OK);
    let actions: Vec<&str> =
        history.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["create", "rename", "recolour", "merge", "delete"]);
}

#[tokio::test]
async fn a_review_or_code_edit_without_a_person_is_refused_with_400() {
    let (_tmp, app) = setup();
    let (_, page) = json(&app, "GET", "/api/codings", None).await;
    let first = page["codings"][0]["id"].as_i64().unwrap();
    for name in ["", "  ", "reviewer", "Reviewer", "anonymous", "auto:study@1"] {
        let (status, e) =
            json(&app, "POST", &format!("/api/codings/{first}/accept"), Some(j!({"reviewer": name}))).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{name:?}: {e}");
        assert!(e["error"].as_str().unwrap().contains("cannot be a person's name"), "{e}");
        let (status, _) = json(&app, "POST", "/api/codes", Some(j!({"name": "X", "by": name}))).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{name:?}");
    }
    let (_, still) = json(&app, "GET", "/api/codings?status=proposed", None).await;
    assert!(still["codings"].as_array().unwrap().iter().any(|c| c["id"] == first), "nothing was recorded");
}

#[tokio::test]
async fn an_oversized_code_edit_body_is_refused_not_stored() {
    let (_tmp, app) = setup();
    let huge = "字".repeat(40_000);
    let (status, _) =
        call(&app, "POST", "/api/codes", Some(j!({"name": "X", "description": huge, "by": "alice"}))).await;
    assert!(status.is_client_error(), "{status}");
    let long = "字".repeat(policyscope_coding::MAX_DESCRIPTION + 1);
    let (status, e) =
        json(&app, "POST", "/api/codes", Some(j!({"name": "X", "description": long, "by": "alice"}))).await;
    assert!(status.is_client_error(), "{status} {e}");
    assert!(code(&app, "X").await.is_none());
}
