//! Documents through the API: upload with the importer's per-file report,
//! metadata edits, translation links and their effect on Table 4, the
//! display segments of stored text, and errors a user can read.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{call, coded_project, json};
use policyscope_server::{app, AppState};
use serde_json::json as j;
use tower::ServiceExt;

fn setup() -> (tempfile::TempDir, axum::Router) {
    let tmp = tempfile::tempdir().unwrap();
    let project = coded_project(&tmp.path().join("p"));
    (tmp, app(AppState::new(project).unwrap()))
}

/// A multipart body of `(file name, bytes)` parts.
fn multipart(files: &[(&str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "----policyscope-test-boundary";
    let mut body = Vec::new();
    for (name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn upload(app: &axum::Router, files: &[(&str, &[u8])]) -> (StatusCode, serde_json::Value) {
    let (content_type, body) = multipart(files);
    let req = Request::post("/api/documents/upload")
        .header("content-type", content_type)
        .body(Body::from(body))
        .unwrap();
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let bytes = axum::body::to_bytes(res.into_body(), 1 << 20).await.unwrap();
    (status, serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null))
}

#[tokio::test]
async fn uploaded_files_are_imported_with_a_report_and_a_bad_file_fails_alone() {
    let (_tmp, app) = setup();
    let md = "# 数据标注管理办法\n\n第一条 为了规范数据标注活动，制定本办法。\n".as_bytes();
    let (status, r) = upload(
        &app,
        &[
            ("folder/数据标注管理办法(2024-03-01).md", md),
            ("empty.txt", b""),
            ("../escape.md", b"x"),
            ("notes.txt", "另一份文件的正文。".as_bytes()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{r}");
    let files = r["files"].as_array().unwrap();
    let by_name = |n: &str| files.iter().find(|f| f["path"] == n).cloned().unwrap_or_default();
    assert_eq!(by_name("folder/数据标注管理办法(2024-03-01).md")["status"], "imported", "{r}");
    assert_eq!(by_name("notes.txt")["status"], "imported");
    assert_eq!(by_name("empty.txt")["status"], "failed");
    assert!(by_name("../escape.md")["reason"].as_str().unwrap_or("").contains("leaves its folder"), "{r}");
    assert_eq!((r["imported"].as_u64(), r["failed"].as_u64()), (Some(2), Some(2)));
    // Listed at once, with the metadata the importer reads from the name.
    let (_, docs) = json(&app, "GET", "/api/documents", None).await;
    let new = docs
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["title"] == "数据标注管理办法")
        .cloned()
        .unwrap_or_default();
    assert_eq!(new["date"], "2024-03-01", "{docs}");
    // The same file again is unchanged, as with `policyscope import`.
    let (_, again) = upload(&app, &[("folder/数据标注管理办法(2024-03-01).md", md)]).await;
    assert_eq!(again["files"][0]["status"], "unchanged", "{again}");
    // Searchable without a restart.
    let (_, hits) = json(&app, "POST", "/api/search", Some(j!({"q": "数据标注"}))).await;
    assert_eq!(hits["total"], 1, "{hits}");
}

#[tokio::test]
async fn an_upload_over_the_body_limit_is_a_413_with_a_message() {
    let (_tmp, app) = setup();
    let big = vec![b'a'; policyscope_server::api::upload::MAX_UPLOAD_BYTES + 1024];
    let (status, r) = upload(&app, &[("big.txt", &big)]).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(r["error"].as_str().unwrap_or("").contains("larger than"), "{r}");
}

#[tokio::test]
async fn metadata_edits_are_stored_and_bad_dates_refused() {
    let (_tmp, app) = setup();
    let (_, docs) = json(&app, "GET", "/api/documents", None).await;
    let id = docs[0]["id"].as_i64().unwrap();
    let uri = format!("/api/documents/{id}");
    let (status, meta) = json(
        &app,
        "POST",
        &uri,
        Some(
            j!({"title": "新标题", "date": "2021年8月20日", "docno": "国发〔2021〕1号", "doc_type": "通知"}),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{meta}");
    assert_eq!((meta["title"].as_str(), meta["date"].as_str()), (Some("新标题"), Some("2021-08-20")));
    let (status, err) = json(&app, "POST", &uri, Some(j!({"date": "2021-02-30"}))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(err["error"].as_str().unwrap().starts_with("date:"), "{err}");
    let (status, _) = json(&app, "POST", &uri, Some(j!({"title": "  "}))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (_, doc) = json(&app, "GET", &uri, None).await;
    assert_eq!(doc["meta"]["title"], "新标题");
    // A field sent empty (the form's box cleared) is emptied; one left out stays.
    let (status, meta) = json(&app, "POST", &uri, Some(j!({"docno": "", "date": " "}))).await;
    assert_eq!(status, StatusCode::OK, "{meta}");
    assert!(meta["docno"].is_null() && meta["date"].is_null(), "{meta}");
    assert_eq!((meta["title"].as_str(), meta["doc_type"].as_str()), (Some("新标题"), Some("通知")));
}

#[tokio::test]
async fn linked_translation_is_shown_with_its_original_and_counted_once() {
    let (_tmp, app) = setup();
    let (_, docs) = json(&app, "GET", "/api/documents", None).await;
    let ids: Vec<i64> = docs.as_array().unwrap().iter().map(|d| d["id"].as_i64().unwrap()).collect();
    let (original, translation) = (ids[0], ids[1]);
    let count = |t: &serde_json::Value| -> u64 {
        t["codes"].as_array().unwrap().iter().map(|r| r["count"].as_u64().unwrap()).max().unwrap()
    };
    let (_, before) = json(&app, "GET", "/api/query/table", None).await;
    assert_eq!(count(&before), 2, "both documents share a code: {before}");
    let (status, _) = json(
        &app,
        "POST",
        &format!("/api/documents/{translation}/translation-of"),
        Some(j!({"original": original})),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (_, after) = json(&app, "GET", "/api/query/table", None).await;
    assert_eq!(count(&after), 1);
    let (_, separate) = json(&app, "GET", "/api/query/table?include_translations=true", None).await;
    assert_eq!(count(&separate), 2);
    let (_, page) = json(&app, "GET", &format!("/api/documents/{original}"), None).await;
    assert_eq!(page["translations"][0]["id"], translation);
    let (_, page) = json(&app, "GET", &format!("/api/documents/{translation}"), None).await;
    assert_eq!(page["original"]["id"], original);
    // A link to itself is refused with a reason.
    let (status, err) = json(
        &app,
        "POST",
        &format!("/api/documents/{original}/translation-of"),
        Some(j!({"original": original})),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(err["error"].as_str().unwrap().contains("itself"), "{err}");
}

#[tokio::test]
async fn document_view_carries_display_segments_that_tile_the_text() {
    let (_tmp, app) = setup();
    let (_, r) =
        upload(&app, &[("标题.md", "## 第一章 总则\n<!-- 来源 -->\n第一条 正文。".as_bytes())]).await;
    let id = r["files"][0]["id"].as_i64().unwrap();
    let (_, doc) = json(&app, "GET", &format!("/api/documents/{id}"), None).await;
    let segs = doc["display"].as_array().unwrap();
    assert_eq!(segs[0], j!({"start": 0, "end": 3, "kind": "hidden"}));
    assert_eq!(segs[1], j!({"start": 3, "end": 9, "kind": "heading", "level": 2}));
    assert!(segs.iter().any(|s| s["kind"] == "hidden" && s["start"] == 10), "{segs:?}");
    let len = doc["text"].as_str().unwrap().chars().count() as u64;
    assert_eq!(segs.last().unwrap()["end"].as_u64(), Some(len));
}

#[tokio::test]
async fn non_numeric_document_id_is_a_json_error() {
    let (_tmp, app) = setup();
    let (status, err) = json(&app, "GET", "/api/documents/abc", None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(err["error"].as_str().unwrap().contains("`abc` is not a document id"), "{err}");
    let (status, _) = call(&app, "GET", "/documents.js", None).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn an_over_long_search_url_gets_a_json_message() {
    let (_tmp, app) = setup();
    let q = "数".repeat(3000);
    let (status, err) = json(&app, "GET", &format!("/api/search?q={q}"), None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(err["error"].as_str().unwrap().contains("1000"), "{err}");
}
