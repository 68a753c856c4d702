//! Helpers shared by the command-line tests: the repository root, a
//! `policyscope` command on a project, and its `--json` output.
#![allow(dead_code)] // each test binary uses a different subset

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// The repository root (of the checkout under test).
pub fn repo() -> PathBuf {
    policyscope_testkit::repo_root()
}

/// `policyscope --project PROJECT --quiet`.
pub fn policyscope(project: &Path) -> Command {
    let mut cmd = Command::cargo_bin("policyscope").unwrap();
    cmd.arg("--project").arg(project).arg("--quiet");
    cmd
}

/// Runs the command with `--json`, asserts success and parses stdout.
pub fn json(cmd: &mut Command) -> Value {
    let out = cmd.arg("--json").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}
