//! Hostile input and a hostile terminal: the binary answers with a message
//! and a non-zero exit, never a panic.

mod common;

use std::process::Stdio;

use common::{policyscope, repo};

/// A project with one imported document.
fn project() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("proj");
    policyscope(&p).arg("init").assert().success();
    policyscope(&p)
        .arg("import")
        .arg(repo().join("examples/corpus/03-星河市科技创新促进条例.md"))
        .assert()
        .success();
    (dir, p)
}

#[test]
fn hostile_queries_exit_nonzero_with_a_message_not_a_panic() {
    let (_dir, p) = project();
    for q in [
        format!("{}科技{}", "(".repeat(2900), ")".repeat(2900)),
        format!("{}科技", "-".repeat(240)),
        format!("{}科技", "NOT ".repeat(234)),
        "科".repeat(1001),
        "\"unclosed".to_string(),
        "foo:bar".to_string(),
        ")".to_string(),
    ] {
        let out = policyscope(&p).arg("search").arg("--").arg(&q).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{q:.40}: {stderr}");
        assert!(stderr.starts_with("error: query"), "{q:.40}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn huge_numeric_options_are_refused_with_a_message() {
    let (_dir, p) = project();
    for (flag, value) in
        [("--offset", "18446744073709551500"), ("--limit", "18446744073709551615"), ("--snippets", "100000")]
    {
        let out = policyscope(&p).args(["search", "科技", flag, value]).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{flag}: {stderr}");
        assert!(stderr.contains(flag.trim_start_matches('-')) && stderr.contains("at most"), "{stderr}");
    }
}

/// Runs the binary with stderr going into a pipe whose reader is already
/// gone, so every write to stderr fails (EPIPE).
fn with_closed_stderr(args: &[&str], project: &std::path::Path) -> std::process::Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    std::process::Command::new(env!("CARGO_BIN_EXE_policyscope"))
        .arg("--project")
        .arg(project)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::from(writer))
        .output()
        .unwrap()
}

#[test]
fn a_closed_stderr_does_not_turn_a_message_into_a_panic() {
    let (_dir, p) = project();
    // A failure is still a plain failure (a panic would exit with 101).
    let out = with_closed_stderr(&["search", "(unclosed"], &p);
    assert_eq!(out.status.code(), Some(1));
    // A success that tells people something on stderr is still a success, with its output.
    let out = with_closed_stderr(&["search", "科技"], &p);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("星河市科技创新促进条例"));
    let out = with_closed_stderr(&["docs", "show", "999"], &p);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_huge_excerpt_context_is_bounded_by_the_line_not_an_overflow() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("proj");
    policyscope(&p).arg("init").assert().success();
    policyscope(&p).arg("import").arg(repo().join("examples/corpus")).assert().success();
    policyscope(&p).args(["code", "run", "--codebook", "builtin:study"]).assert().success();
    let out = policyscope(&p)
        .args(["query", "excerpts", "Tool", "--context", "18446744073709551615", "--json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let excerpts: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &excerpts.as_array().unwrap()[0];
    // The context stops at the passage's line.
    assert!(!first["after"].as_str().unwrap().contains('\n'), "{first}");
}
