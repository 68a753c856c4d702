//! A small coded project for the server tests.
#![allow(dead_code)] // each test binary uses part of it

use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use policyscope_coding::{run_codebook, Codebook, CodingStore, RunOptions};
use policyscope_corpus::import::{import_paths, ImportOptions};
use policyscope_corpus::Project;
use tower::ServiceExt;

/// Creates a project in `dir` from the fixture documents, auto-coded with the
/// fixture codebook and indexed for search.
pub fn coded_project(dir: &Path) -> Project {
    coded_project_at(&policyscope_store::Location::Folder(dir.to_path_buf()), dir)
}

/// [`coded_project`] at `location`: a folder, or a PostgreSQL database
/// whose derived artefacts go to `data`.
pub fn coded_project_at(location: &policyscope_store::Location, data: &Path) -> Project {
    let mut project = Project::init_at(location, data).unwrap();
    let docs = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/docs"));
    let summary = import_paths(&mut project, &[docs], &ImportOptions::default(), &mut |_| {});
    assert_eq!(summary.imported(), 2);
    let store = CodingStore::open(&project).unwrap();
    let book = Codebook::parse(include_str!("../fixtures/codebook.toml")).unwrap();
    run_codebook(&store, &book, RunOptions::default(), &mut |_, _| {}).unwrap();
    policyscope_search::sync_index(&project).unwrap();
    project
}

/// Sends one request to the app (no socket) and returns status and body.
pub async fn call(
    app: &axum::Router,
    method: &str,
    uri: &str,
    body: Option<serde_json::Value>,
) -> (StatusCode, Vec<u8>) {
    call_with(app, method, uri, &[], body).await
}

/// Sends one request with extra headers to the app (no socket); returns status and body.
pub async fn call_with(
    app: &axum::Router,
    method: &str,
    uri: &str,
    headers: &[(&str, &str)],
    body: Option<serde_json::Value>,
) -> (StatusCode, Vec<u8>) {
    let mut req = Request::builder().method(method).uri(uri);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let body = match body {
        Some(v) => {
            req = req.header("content-type", "application/json");
            Body::from(serde_json::to_vec(&v).unwrap())
        }
        None => Body::empty(),
    };
    let res = app.clone().oneshot(req.body(body).unwrap()).await.unwrap();
    let status = res.status();
    let bytes = axum::body::to_bytes(res.into_body(), 64 << 20).await.unwrap();
    (status, bytes.to_vec())
}

/// Like [`call`], parsing the body as JSON.
pub async fn json(
    app: &axum::Router,
    method: &str,
    uri: &str,
    body: Option<serde_json::Value>,
) -> (StatusCode, serde_json::Value) {
    let (status, bytes) = call(app, method, uri, body).await;
    (status, serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null))
}
