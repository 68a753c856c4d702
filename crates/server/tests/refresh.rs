//! What the app derives from the documents (search index, citation graph)
//! follows them without any request writing.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant, SystemTime};

use axum::http::StatusCode;
use common::{call, coded_project, json};
use policyscope_corpus::import::{import_paths, ImportOptions};
use policyscope_corpus::Project;
use policyscope_server::{app, AppState};

fn data_version(project: &Project) -> i64 {
    project.conn().query_row("PRAGMA data_version", [], |r| r.get(0)).unwrap()
}

/// Every file under `dir` with its size and modification time.
fn snapshot(dir: &Path) -> BTreeMap<String, (u64, SystemTime)> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let meta = entry.metadata().unwrap();
        if meta.is_file() {
            out.insert(
                entry.file_name().to_string_lossy().into_owned(),
                (meta.len(), meta.modified().unwrap()),
            );
        }
    }
    out
}

#[tokio::test]
async fn a_get_never_writes_the_database_or_the_index() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("p");
    let app = app(AppState::new(coded_project(&dir)).unwrap());
    // Another connection sees data_version move whenever the app's commits.
    let observer = Project::open(&dir).unwrap();
    let before = (data_version(&observer), snapshot(&dir.join("index")));
    assert!(!before.1.is_empty());
    for uri in [
        "/api/search?q=%E7%9F%A5%E8%AF%86%E4%BA%A7%E6%9D%83",
        "/api/documents",
        "/api/documents/1",
        "/api/graph",
        "/api/graph.svg",
        "/api/codes",
        "/api/codings",
        "/api/memos",
        "/api/coders",
        "/api/query/table",
        "/api/query/excerpts?code=IPR",
        "/api/figures/trends.svg",
        "/api/figures/cooccur.svg",
    ] {
        let (status, body) = call(&app, "GET", uri, None).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {}", String::from_utf8_lossy(&body));
    }
    // Give the background refresh time to run: it must find nothing to do.
    tokio::time::sleep(policyscope_server::refresh::CHECK_EVERY * 3).await;
    let after = (data_version(&observer), snapshot(&dir.join("index")));
    assert_eq!(before, after);
}

#[tokio::test]
async fn documents_imported_while_the_app_runs_reach_search_and_graph() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("p");
    let app = app(AppState::new(coded_project(&dir)).unwrap());
    let (_, found) = json(&app, "GET", "/api/search?q=%E8%90%BD%E5%AE%9E", None).await; // 落实
    assert_eq!(found["total"], 0);

    // The CLI (another connection) imports a document citing the plan.
    let new_doc = tmp.path().join("implementation-2022.md");
    std::fs::write(
        &new_doc,
        "# 关于落实《国家标准化发展规划》的通知\n\n2022年5月6日\n\n认真落实《国家标准化发展规划》，推动团体标准发展。\n",
    )
    .unwrap();
    let mut outside = Project::open(&dir).unwrap();
    let summary = import_paths(&mut outside, &[new_doc], &ImportOptions::default(), &mut |_| {});
    assert_eq!(summary.imported(), 1, "{:?}", summary.files);
    let id = outside.documents(false).unwrap().iter().map(|d| d.id).max().unwrap();

    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (_, found) = json(&app, "GET", "/api/search?q=%E8%90%BD%E5%AE%9E", None).await;
        if found["total"] == 1 {
            assert_eq!(found["hits"][0]["id"], id);
            break;
        }
        assert!(Instant::now() < deadline, "the new document never became searchable: {found}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let (status, graph) = json(&app, "GET", "/api/graph", None).await;
    assert_eq!(status, StatusCode::OK);
    let nodes = graph["nodes"].as_array().unwrap_or_else(|| panic!("no graph: {graph}"));
    assert!(nodes.iter().any(|n| n["doc_id"] == id), "{graph}");
}
