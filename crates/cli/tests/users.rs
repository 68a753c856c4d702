//! `policyscope users` on a folder project and on PostgreSQL: passwords from
//! stdin only, roles, disabling, API tokens, and refusals with a reason.

use std::ffi::OsString;

use assert_cmd::Command;
use serde_json::Value;

fn policyscope(global: &[OsString]) -> Command {
    let mut cmd = Command::cargo_bin("policyscope").unwrap();
    cmd.args(global);
    cmd
}

/// Runs `users …` with `stdin`; returns (success, stdout, stderr).
fn users(global: &[OsString], args: &[&str], stdin: &str) -> (bool, String, String) {
    let out = policyscope(global).arg("users").args(args).write_stdin(stdin).output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn listed(global: &[OsString]) -> Vec<Value> {
    let out = policyscope(global).args(["--json", "users", "list"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice::<Value>(&out.stdout).unwrap().as_array().unwrap().clone()
}

fn users_command_behaves(global: &[OsString]) {
    let (ok, _, err) = users(global, &["add", "Ann", "--role", "admin"], "too short\n");
    assert!(!ok && err.contains("at least 10 characters"), "{err}");
    let (ok, _, err) = users(global, &["add", "Ann", "--role", "admin"], "");
    assert!(!ok && err.contains("no password on stdin"), "{err}");
    let (ok, _, err) = users(global, &["add", "auto:bot", "--role", "coder"], "long enough password\n");
    assert!(!ok && err.contains("reserved"), "{err}");
    let (ok, _, err) = users(global, &["add", "Ann", "--role", "admin"], "long enough password\n");
    assert!(ok, "{err}");
    let (ok, _, err) =
        users(global, &["add", "Bo", "--role", "coder", "--password-stdin"], "another long password\n");
    assert!(ok, "{err}");
    let (ok, _, err) = users(global, &["add", "Bo", "--role", "viewer"], "another long password\n");
    assert!(!ok && err.contains("exists already"), "{err}");
    let (ok, _, err) = users(global, &["set-role", "Bo", "root"], "");
    assert!(!ok && err.contains("unknown role"), "{err}");
    assert!(users(global, &["set-role", "Bo", "viewer"], "").0);
    assert!(users(global, &["disable", "Bo"], "").0);
    let (ok, _, err) = users(global, &["disable", "Cy"], "");
    assert!(!ok && err.contains("no user named `Cy`"), "{err}");
    let (ok, token, err) = users(global, &["token", "Ann", "--label", "ci"], "");
    assert!(ok, "{err}");
    assert_eq!(token.trim().len(), 64, "{token}");

    let list = listed(global);
    let summary: Vec<(String, String, bool)> = list
        .iter()
        .map(|u| {
            (u["name"].as_str().unwrap().into(), u["role"].as_str().unwrap().into(), u["disabled"] == true)
        })
        .collect();
    assert_eq!(summary, [("Ann".into(), "admin".into(), false), ("Bo".into(), "viewer".into(), true)]);
    let text = serde_json::to_string(&list).unwrap();
    assert!(!text.contains("argon2") && !text.contains(token.trim()), "secrets listed: {text}");
}

#[test]
fn users_work_on_a_folder_project() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p");
    policyscope(&[]).arg("init").arg(&project).assert().success();
    users_command_behaves(&["--project".into(), project.into_os_string()]);
}

#[test]
fn users_work_on_postgres() {
    let dir = tempfile::tempdir().unwrap();
    let url = policyscope_testkit::fresh_postgres_database();
    let global: Vec<OsString> =
        vec!["--database".into(), url.into(), "--data".into(), dir.path().join("data").into_os_string()];
    policyscope(&global).arg("init").assert().success();
    users_command_behaves(&global);
}
