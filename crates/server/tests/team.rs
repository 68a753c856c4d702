//! Several coders on one project through the JSON API, on both back ends:
//! everyone's work is kept, a change to a coding or memo someone changed
//! since it was loaded is refused naming who, and the audit log holds
//! exactly the changes that were made.

mod common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use common::{coded_project_at, json};
use policyscope_coding::CodingStore;
use policyscope_corpus::import::{import_paths, ImportOptions};
use policyscope_corpus::Project;
use policyscope_server::{app, AppState};
use policyscope_store::Location;
use serde_json::{json as j, Value};

/// A served project on one back end, with what a second client needs to
/// open it alongside the app.
struct Team {
    _tmp: tempfile::TempDir,
    app: axum::Router,
    location: Location,
    data: PathBuf,
}

impl Team {
    fn on(postgres: bool) -> Team {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("p");
        let location = if postgres {
            Location::Postgres(policyscope_testkit::fresh_postgres_database())
        } else {
            Location::Folder(data.clone())
        };
        let project = coded_project_at(&location, &data);
        let app = app(AppState::new(project).unwrap());
        Team { _tmp: tmp, app, location, data }
    }

    /// Runs `f` with another client's connection to the same project. The
    /// database client blocks, so it runs (and is dropped) off the async workers.
    fn other_client<T>(&self, f: impl FnOnce(&mut Project) -> T) -> T {
        tokio::task::block_in_place(|| f(&mut Project::open_at(&self.location, &self.data).unwrap()))
    }

    async fn post(&self, uri: &str, body: Value) -> (StatusCode, Value) {
        json(&self.app, "POST", uri, Some(body)).await
    }

    /// A document, its length and a codable code.
    async fn target(&self) -> (i64, i64, i64) {
        let (_, docs) = json(&self.app, "GET", "/api/documents", None).await;
        let doc = docs.as_array().unwrap()[0]["id"].as_i64().unwrap();
        let (_, d) = json(&self.app, "GET", &format!("/api/documents/{doc}"), None).await;
        let len = d["text"].as_str().unwrap().chars().count() as i64;
        let (_, codes) = json(&self.app, "GET", "/api/codes", None).await;
        let code =
            codes.as_array().unwrap().iter().find(|c| c["codable"] == true).unwrap()["id"].as_i64().unwrap();
        (doc, len, code)
    }

    /// The first auto-coding still awaiting review.
    async fn proposal(&self) -> Value {
        let (_, page) = json(&self.app, "GET", "/api/codings?status=proposed", None).await;
        page["codings"][0].clone()
    }

    async fn audit(&self, query: &str) -> Vec<Value> {
        let (status, log) = json(&self.app, "GET", &format!("/api/audit{query}"), None).await;
        assert_eq!(status, StatusCode::OK, "{log}");
        log.as_array().unwrap().clone()
    }
}

/// Runs one scenario on SQLite and on PostgreSQL.
macro_rules! on_both_back_ends {
    ($scenario:ident, $sqlite:ident, $postgres:ident) => {
        #[test]
        fn $sqlite() {
            run(&Team::on(false), $scenario);
        }

        #[test]
        fn $postgres() {
            run(&Team::on(true), $scenario);
        }
    };
}

/// Runs a scenario on a runtime of four workers, so requests run side by
/// side; the team (and its database clients) is made and dropped outside it.
fn run<'t, F: std::future::Future<Output = ()>>(team: &'t Team, scenario: impl FnOnce(&'t Team) -> F) {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(4).enable_all().build().unwrap();
    runtime.block_on(scenario(team));
}

const CODERS: [&str; 4] = ["alice", "bob", "carol", "dan"];
const PASSAGES: i64 = 15;

/// Four coders code the same passages of one document at once.
async fn coders_at_once_keep_all_their_work(team: &Team) {
    let (doc, len, code) = team.target().await;
    assert!(len > PASSAGES + 2);
    let mut tasks = Vec::new();
    for coder in CODERS {
        let app = team.app.clone();
        tasks.push(tokio::spawn(async move {
            let mut refused = Vec::new();
            for start in 0..PASSAGES {
                let body =
                    j!({"doc_id": doc, "code_id": code, "start": start, "end": start + 2, "coder": coder});
                let (status, c) = json(&app, "POST", "/api/codings", Some(body)).await;
                if status != StatusCode::OK {
                    refused.push(format!("{status} {c}"));
                }
            }
            refused
        }));
    }
    for task in tasks {
        let refused = task.await.unwrap();
        assert!(refused.is_empty(), "a coder's insert was refused: {refused:?}");
    }
    for coder in CODERS {
        let filter = policyscope_coding::CodingFilter {
            doc_id: Some(doc),
            coder: Some(coder.to_string()),
            ..policyscope_coding::CodingFilter::not_rejected()
        };
        let spans: Vec<(i64, i64)> = team.other_client(|p| {
            CodingStore::open(p).unwrap().codings(&filter).unwrap().iter().map(|c| (c.start, c.end)).collect()
        });
        let expected: Vec<(i64, i64)> = (0..PASSAGES).map(|s| (s, s + 2)).collect();
        assert_eq!(spans, expected, "{coder}'s codings");
        let log = team.audit(&format!("?user={coder}")).await;
        assert_eq!(log.len() as i64, PASSAGES, "{coder}'s audit entries: {log:?}");
        assert!(log.iter().all(|e| e["action"] == "code" && e["after"]["coder"] == coder), "{log:?}");
    }
}
on_both_back_ends!(
    coders_at_once_keep_all_their_work,
    coders_coding_one_document_at_once_all_keep_their_work_on_sqlite,
    coders_coding_one_document_at_once_all_keep_their_work_on_postgres
);

/// Alice decides on a coding Bob changed after she loaded it.
async fn a_stale_decision_is_refused_naming_who_changed_it(team: &Team) {
    let loaded = team.proposal().await;
    let (id, version) = (loaded["id"].as_i64().unwrap(), loaded["version"].as_i64().unwrap());
    let (status, c) =
        team.post(&format!("/api/codings/{id}/accept"), j!({"reviewer": "bob", "version": version})).await;
    assert_eq!(status, StatusCode::OK, "{c}");
    assert_eq!((c["version"].as_i64(), c["updated_by"].as_str()), (Some(version + 1), Some("bob")));

    let (status, refused) =
        team.post(&format!("/api/codings/{id}/reject"), j!({"reviewer": "alice", "version": version})).await;
    assert_eq!(status, StatusCode::CONFLICT, "{refused}");
    assert_eq!(refused["changed_by"], "bob", "{refused}");
    assert!(refused["error"].as_str().unwrap().contains("bob"), "{refused}");
    assert_eq!(refused["current"]["status"], "accepted", "the answer carries the coding as it is now");
    assert!(refused["changed_at"].as_str().is_some_and(|t| t.ends_with('Z')), "{refused}");
    let now = team.other_client(|p| CodingStore::open(p).unwrap().coding(id).unwrap());
    assert_eq!((now.status.as_str(), now.version), ("accepted", version + 1), "Bob's decision stands");

    // Reloaded, Alice's decision goes through.
    let (status, c) = team
        .post(&format!("/api/codings/{id}/reject"), j!({"reviewer": "alice", "version": version + 1}))
        .await;
    assert_eq!((status, c["status"].as_str()), (StatusCode::OK, Some("rejected")), "{c}");
    let log: Vec<(String, String)> = team
        .audit("")
        .await
        .iter()
        .filter(|e| e["target_kind"] == "coding" && e["target_id"] == id)
        .map(|e| (e["user"].as_str().unwrap().to_string(), e["action"].as_str().unwrap().to_string()))
        .collect();
    let expected = [("bob", "accept"), ("alice", "reject")].map(|(u, a)| (u.to_string(), a.to_string()));
    assert_eq!(log, expected, "the refused change is not in the audit log");
}
on_both_back_ends!(
    a_stale_decision_is_refused_naming_who_changed_it,
    a_stale_decision_is_refused_with_409_naming_who_changed_it_on_sqlite,
    a_stale_decision_is_refused_with_409_naming_who_changed_it_on_postgres
);

/// Six reviewers decide on one coding at the same moment, all from the same version.
async fn racing_decisions_on_one_coding_let_exactly_one_through(team: &Team) {
    let loaded = team.proposal().await;
    let (id, version) = (loaded["id"].as_i64().unwrap(), loaded["version"].as_i64().unwrap());
    let reviewers = ["ann", "ben", "cat", "dev", "eve", "fay"];
    let mut tasks = Vec::new();
    for (i, reviewer) in reviewers.into_iter().enumerate() {
        let app = team.app.clone();
        let verdict = if i % 2 == 0 { "accept" } else { "reject" };
        tasks.push(tokio::spawn(async move {
            let uri = format!("/api/codings/{id}/{verdict}");
            let (status, body) =
                json(&app, "POST", &uri, Some(j!({"reviewer": reviewer, "version": version}))).await;
            (reviewer, status, body)
        }));
    }
    let mut winners = Vec::new();
    for task in tasks {
        let (reviewer, status, body) = task.await.unwrap();
        match status {
            StatusCode::OK => winners.push(reviewer),
            StatusCode::CONFLICT => assert!(body["changed_by"].is_string(), "{body}"),
            other => panic!("{reviewer}: {other} {body}"),
        }
    }
    assert_eq!(winners.len(), 1, "exactly one decision wins: {winners:?}");
    let (reviews, now) = team.other_client(|p| {
        let store = CodingStore::open(p).unwrap();
        (store.reviews(id).unwrap(), store.coding(id).unwrap())
    });
    assert_eq!(reviews.iter().map(|r| r.reviewer.as_str()).collect::<Vec<_>>(), winners, "one review row");
    assert_eq!(now.version, version + 1);
    let log = team.audit("").await;
    let entries: Vec<&Value> = log.iter().filter(|e| e["target_id"] == id).collect();
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0]["user"], winners[0]);
}
on_both_back_ends!(
    racing_decisions_on_one_coding_let_exactly_one_through,
    racing_decisions_on_one_coding_let_exactly_one_through_on_sqlite,
    racing_decisions_on_one_coding_let_exactly_one_through_on_postgres
);

/// Memos and codings written, edited and deleted by two people.
async fn the_audit_log_holds_every_change_and_only_those(team: &Team) {
    let (doc, _, code) = team.target().await;
    let (status, memo) = team
        .post(
            "/api/memos",
            j!({"target": {"kind": "document", "id": doc}, "author": "alice", "text": "first"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{memo}");
    let (m, v) = (memo["id"].as_i64().unwrap(), memo["version"].as_i64().unwrap());
    let (status, edited) =
        team.post(&format!("/api/memos/{m}"), j!({"author": "bob", "text": "second", "version": v})).await;
    assert_eq!((status, edited["text"].as_str()), (StatusCode::OK, Some("second")), "{edited}");
    let (status, refused) =
        team.post(&format!("/api/memos/{m}"), j!({"author": "alice", "text": "lost?", "version": v})).await;
    assert_eq!((status, refused["changed_by"].as_str()), (StatusCode::CONFLICT, Some("bob")), "{refused}");
    assert_eq!(refused["current"]["text"], "second");
    let (status, _) =
        team.post(&format!("/api/memos/{m}/delete"), j!({"author": "alice", "version": v + 1})).await;
    assert_eq!(status, StatusCode::OK);
    let (status, c) = team
        .post("/api/codings", j!({"doc_id": doc, "code_id": code, "start": 0, "end": 3, "coder": "alice"}))
        .await;
    assert_eq!(status, StatusCode::OK, "{c}");
    let (status, refused) =
        team.post(&format!("/api/codings/{}/delete", c["id"]), j!({"reviewer": "alice", "version": 0})).await;
    assert_eq!(status, StatusCode::CONFLICT, "a deletion from a stale version is refused: {refused}");
    let (status, _) = team
        .post(&format!("/api/codings/{}/delete", c["id"]), j!({"reviewer": "alice", "version": c["version"]}))
        .await;
    assert_eq!(status, StatusCode::OK);

    let log = team.audit("").await;
    let seen: Vec<(&str, &str, &str)> = log
        .iter()
        .map(|e| {
            (e["user"].as_str().unwrap(), e["action"].as_str().unwrap(), e["target_kind"].as_str().unwrap())
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("alice", "memo", "memo"),
            ("bob", "edit-memo", "memo"),
            ("alice", "delete-memo", "memo"),
            ("alice", "code", "coding"),
            ("alice", "delete", "coding"),
        ]
    );
    assert_eq!(
        (log[1]["before"]["text"].as_str(), log[1]["after"]["text"].as_str()),
        (Some("first"), Some("second"))
    );
    assert!(log[2]["after"].is_null() && log[4]["after"].is_null(), "a deletion has no after");
    assert_eq!(log[4]["before"]["id"], c["id"]);
    assert_eq!(team.audit("?user=bob").await.len(), 1);
    assert!(team.audit("?since=2999-01-01").await.is_empty());
}
on_both_back_ends!(
    the_audit_log_holds_every_change_and_only_those,
    the_audit_log_holds_every_change_and_only_those_on_sqlite,
    the_audit_log_holds_every_change_and_only_those_on_postgres
);

/// Another client imports a document while the app serves.
async fn a_document_imported_by_another_client_becomes_searchable(team: &Team) {
    let query = "/api/search?q=%E8%90%BD%E5%AE%9E"; // 落实
    let (_, found) = json(&team.app, "GET", query, None).await;
    assert_eq!(found["total"], 0, "{found}");
    let file = team.data.parent().unwrap().join("implementation-2022.md");
    std::fs::write(&file, "# 关于落实规划的通知\n\n2022年5月6日\n\n认真落实规划，推动团体标准发展。\n")
        .unwrap();
    let summary = team.other_client(|p| import_paths(p, &[file], &ImportOptions::default(), &mut |_| {}));
    assert_eq!(summary.imported(), 1, "{:?}", summary.files);
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (_, found) = json(&team.app, "GET", query, None).await;
        if found["total"] == 1 {
            break;
        }
        assert!(Instant::now() < deadline, "the new document never became searchable: {found}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
on_both_back_ends!(
    a_document_imported_by_another_client_becomes_searchable,
    a_document_imported_by_another_client_becomes_searchable_on_sqlite,
    a_document_imported_by_another_client_becomes_searchable_on_postgres
);
