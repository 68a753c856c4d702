//! A PostgreSQL server that goes away and comes back while the app serves:
//! requests meanwhile get a clear 503, requests afterwards succeed, and a
//! transaction cut by the restart leaves nothing behind.
//!
//! The test runs a server of its own (the shared test server must not stop
//! under other tests), through `scripts/pg-test-server.sh` with its own folder.

mod common;

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use common::{coded_project_at, json};
use policyscope_coding::{CodingStore, NewCoding, Status};
use policyscope_corpus::Project;
use policyscope_server::{app, AppState};
use policyscope_store::Location;
use serde_json::json as j;

/// A throw-away PostgreSQL server of this test; stopped and deleted when dropped.
struct OwnServer {
    dir: PathBuf,
    url: String,
}

impl OwnServer {
    fn start() -> OwnServer {
        let root = policyscope_testkit::repo_root();
        let dir = root.join(format!("target/pg-test-down-{}", std::process::id()));
        let mut server = OwnServer { dir, url: String::new() };
        server.url = server.script("start");
        assert!(
            server.url.starts_with("postgres://"),
            "scripts/pg-test-server.sh start printed {:?}",
            server.url
        );
        server
    }

    /// Runs `scripts/pg-test-server.sh COMMAND` on this server's folder; fails
    /// loudly (PostgreSQL missing, say) with the script's own words.
    fn script(&self, command: &str) -> String {
        let script = policyscope_testkit::repo_root().join("scripts/pg-test-server.sh");
        let out = Command::new("bash")
            .arg(&script)
            .arg(command)
            .env("POLICYSCOPE_PG_TEST_DIR", &self.dir)
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", script.display()));
        assert!(
            out.status.success(),
            "{} {command} failed: {} — run scripts/setup.sh (installs Debian's postgresql)",
            script.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }
}

impl Drop for OwnServer {
    fn drop(&mut self) {
        let _ = Command::new("bash")
            .arg(policyscope_testkit::repo_root().join("scripts/pg-test-server.sh"))
            .arg("stop")
            .env("POLICYSCOPE_PG_TEST_DIR", &self.dir)
            .output();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[test]
fn a_database_that_restarts_gives_503_meanwhile_and_loses_nothing_acknowledged() {
    let server = OwnServer::start();
    let admin = policyscope_store::Connection::connect_postgres(&server.url).unwrap();
    admin.execute_batch("CREATE DATABASE down").unwrap();
    drop(admin);
    let url = format!("{}down", server.url.trim_end_matches("postgres"));
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let location = Location::Postgres(url);
    let app = app(AppState::new(coded_project_at(&location, &data)).unwrap());
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();

    let (id, version) = runtime.block_on(async {
        let (status, page) = json(&app, "GET", "/api/codings?status=proposed", None).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        (page["codings"][0]["id"].as_i64().unwrap(), page["codings"][0]["version"].as_i64().unwrap())
    });

    // Another client is half-way through a transaction when the server stops.
    let other = Project::open_at(&location, &data).unwrap();
    let store = CodingStore::open(&other).unwrap();
    let proposal = store.coding(id).unwrap();
    let tx = other.conn().write_transaction().unwrap();
    let half = store
        .add_coding(&NewCoding {
            doc_id: proposal.doc_id,
            code_id: proposal.code_id,
            start: proposal.start,
            end: proposal.end,
            coder: "cut".into(),
            status: Status::Accepted,
            guid: None,
        })
        .unwrap();

    server.script("pause");
    let commit = tx.commit();
    assert!(
        matches!(commit, Err(policyscope_store::Error::Unavailable(_))),
        "a commit on a connection the restart cut is refused as unavailable: {commit:?}"
    );
    runtime.block_on(async {
        for (method, uri, body) in [
            ("GET", "/api/documents".to_string(), None),
            (
                "POST",
                format!("/api/codings/{id}/accept"),
                Some(j!({"reviewer": "alice", "version": version})),
            ),
        ] {
            let (status, answer) = json(&app, method, &uri, body).await;
            assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{method} {uri}: {answer}");
            let message = answer["error"].as_str().unwrap_or_default();
            assert!(message.contains("cannot be reached"), "a clear message: {answer}");
        }
    });

    server.script("resume");
    let started = Instant::now();
    runtime.block_on(async {
        let (status, answer) = json(&app, "GET", "/api/documents", None).await;
        assert_eq!(status, StatusCode::OK, "the first request after the restart succeeds: {answer}");
        let uri = format!("/api/codings/{id}/accept");
        let (status, c) = json(&app, "POST", &uri, Some(j!({"reviewer": "alice", "version": version}))).await;
        assert_eq!(status, StatusCode::OK, "the refused decision can be made now: {c}");
        assert_eq!(c["version"].as_i64(), Some(version + 1), "it was not half-applied before");
    });
    assert!(started.elapsed() < Duration::from_secs(30));

    // The other client reconnects too, and its cut transaction left nothing.
    let cut = store.coding(half.id);
    assert!(matches!(cut, Err(policyscope_coding::Error::NoSuchCoding(_))), "{cut:?}");
    let by_cut = store
        .codings(&policyscope_coding::CodingFilter { coder: Some("cut".into()), ..Default::default() })
        .unwrap();
    assert!(by_cut.is_empty(), "{by_cut:?}");
    let log = store.audit_log(&policyscope_coding::AuditFilter::default()).unwrap();
    assert_eq!(
        log.iter().map(|e| (e.user.as_str(), e.action.as_str())).collect::<Vec<_>>(),
        [("alice", "accept")]
    );
    drop(app);
    drop(runtime);
}
