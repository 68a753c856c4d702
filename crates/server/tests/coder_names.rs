//! The web app records decisions only under a person's name: the machine's
//! coder names (`auto:…`, `model:…`) are refused.

mod common;

use axum::http::StatusCode;
use common::{coded_project, json};
use policyscope_coding::{CodingStore, Status};
use policyscope_server::{app, AppState};
use serde_json::json as j;

#[tokio::test]
async fn machine_coder_names_are_refused_as_reviewer_coder_and_author() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("p");
    let app = app(AppState::new(coded_project(&dir)).unwrap());
    let (_, page) = json(&app, "GET", "/api/codings?status=proposed", None).await;
    let first = &page["codings"][0];
    let (id, doc_id) = (first["id"].as_i64().unwrap(), first["doc_id"].as_i64().unwrap());
    let code_id = first["code_id"].as_i64().unwrap();
    for name in ["auto:study@1", "model:gpt", "AUTO:x"] {
        let (status, body) =
            json(&app, "POST", &format!("/api/codings/{id}/accept"), Some(j!({"reviewer": name}))).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{name}: {body}");
        assert!(body["error"].as_str().unwrap_or("").contains("reserved for the machine"), "{body}");
        let new = j!({"doc_id": doc_id, "code_id": code_id, "start": 0, "end": 2, "coder": name});
        let (status, _) = json(&app, "POST", "/api/codings", Some(new)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{name}");
        let memo = j!({"target": {"kind": "coding", "id": id}, "author": name, "text": "x"});
        let (status, _) = json(&app, "POST", "/api/memos", Some(memo)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{name}");
    }
    let project = policyscope_corpus::Project::open(&dir).unwrap();
    assert_eq!(CodingStore::open(&project).unwrap().coding(id).unwrap().status, Status::Proposed);
    let (status, _) =
        json(&app, "POST", &format!("/api/codings/{id}/accept"), Some(j!({"reviewer": "alice"}))).await;
    assert_eq!(status, StatusCode::OK, "a person's name is still accepted");
}
