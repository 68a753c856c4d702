//! The team server under load, on both back ends: eight coders (four with
//! API tokens, four signed in with session and CSRF token) make coding
//! changes at once through the HTTP API of a server on a loopback socket,
//! with deliberate conflicts on shared proposals (409) and attempts on each
//! other's codings (403). Afterwards every acknowledged change is in the
//! database exactly once, every refused one left no trace, and the audit log
//! holds one entry per acknowledged change and nothing else.
//!
//! The load generator and the check are those of `bench/team-load`
//! (`examples/team_load`), which runs the same load at full size against a
//! `policyscope serve` process.

mod common;

#[path = "../examples/team_load/check.rs"]
mod check;
#[path = "../examples/team_load/http.rs"]
mod http;
#[path = "../examples/team_load/load.rs"]
mod load;
#[path = "../examples/team_load/sim.rs"]
mod sim;

use std::time::{Duration, Instant};

use policyscope_accounts::{Accounts, Password, Role, UserName};
use policyscope_coding::{AuditFilter, CodingStore};
use policyscope_corpus::Project;
use policyscope_store::Location;

const CODERS: usize = 8;
const CHANGES: usize = 100;

/// Builds a coded project at `location` with eight coders, serves it on a
/// loopback port, runs the load and checks it; returns the run's figures.
fn load_and_check(postgres: bool) -> check::Summary {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("p");
    let location = if postgres {
        Location::Postgres(policyscope_testkit::fresh_postgres_database())
    } else {
        Location::Folder(data.clone())
    };
    let project = common::coded_project_at(&location, &data);
    let accounts = Accounts::open(&project).unwrap();
    let password = "correct horse battery";
    let mut coders = Vec::new();
    for i in 0..CODERS {
        let name = format!("coder{i}");
        accounts
            .add_user(&UserName::new(&name).unwrap(), Role::Coder, &Password::new(password).unwrap())
            .unwrap();
        let auth = if i % 2 == 0 {
            load::Auth::Token(accounts.new_api_token(&name, "load test").unwrap())
        } else {
            load::Auth::Password(password.to_string())
        };
        coders.push(load::Coder { name, auth });
    }
    drop(project);

    let server = policyscope_server::Server::bind_at(&location, &data, "127.0.0.1:0").unwrap();
    let addr = server.local_addr();
    // The server runs until the test process ends.
    std::thread::spawn(move || server.run());

    let plan = load::Plan {
        addr,
        coders: coders.clone(),
        changes: CHANGES,
        time_limit: Duration::from_secs(45),
        shared: 6,
        seed: 7,
    };
    let started = Instant::now();
    let record = load::run(&plan).unwrap_or_else(|e| panic!("the load could not run: {e}"));
    let codings = load::all_codings(&mut load::client_for(addr, &coders[0]).unwrap()).unwrap();
    // What `policyscope audit --json` prints, read by another client.
    let audit: Vec<serde_json::Value> = {
        let project = Project::open_at(&location, &data).unwrap();
        let entries = CodingStore::open(&project).unwrap().audit_log(&AuditFilter::default()).unwrap();
        entries.iter().map(|e| serde_json::to_value(e).unwrap()).collect()
    };
    let problems = check::verify(&record, &codings, &audit);
    let summary = check::summary(&record);
    eprintln!(
        "{}: {:.1} s, {}",
        if postgres { "postgres" } else { "sqlite" },
        started.elapsed().as_secs_f64(),
        serde_json::to_string(&summary).unwrap()
    );
    assert!(problems.is_empty(), "the load's changes and the database disagree:\n{}", problems.join("\n"));
    assert!(!summary.stopped_by_time_limit, "the load did not finish in time: {summary:?}");
    assert_eq!(summary.attempts, CODERS * CHANGES);
    assert!(summary.conflicts > 0 && summary.forbidden > 0, "no conflicts or no refusals: {summary:?}");
    assert_eq!(summary.acked + summary.conflicts + summary.forbidden, summary.attempts, "{summary:?}");
    summary
}

#[test]
fn every_acknowledged_change_of_eight_coders_is_kept_once_and_audited_on_sqlite() {
    load_and_check(false);
}

#[test]
fn every_acknowledged_change_of_eight_coders_is_kept_once_and_audited_on_postgres() {
    load_and_check(true);
}
