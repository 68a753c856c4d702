//! Coding, review, queries and interchange through the command line.

mod common;

use std::path::{Path, PathBuf};

use common::{json, policyscope, repo};

fn examples_project() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("proj");
    policyscope(&p).arg("import").arg("--init").arg(repo().join("examples/corpus")).assert().success();
    (dir, p)
}

fn table_counts(p: &Path, extra: &[&str]) -> Vec<(String, u64)> {
    let t = json(policyscope(p).args(["query", "table"]).args(extra));
    t["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["path"].as_str().unwrap().to_string(), c["count"].as_u64().unwrap()))
        .collect()
}

#[test]
fn review_decisions_survive_a_rerun_and_reach_the_queries() {
    let (_d, p) = examples_project();
    policyscope(&p).args(["code", "run", "--codebook", "study"]).assert().success();
    let proposals = json(policyscope(&p).args(["code", "review", "list"]));
    let proposals = proposals.as_array().unwrap();
    assert!(proposals.len() >= 3, "{proposals:?}");
    let rejected = proposals[0]["id"].as_i64().unwrap().to_string();
    let accepted = proposals[1]["id"].as_i64().unwrap().to_string();
    policyscope(&p).args(["code", "review", "reject", &rejected, "--coder", "alice"]).assert().success();
    policyscope(&p).args(["code", "review", "accept", &accepted, "--coder", "alice"]).assert().success();
    // A coding added by hand on a phrase of the third example.
    policyscope(&p)
        .args([
            "code",
            "review",
            "add",
            "--doc",
            "3",
            "--code",
            "IPR",
            "--text",
            "推动专利技术转化为标准",
            "--coder",
            "alice",
        ])
        .assert()
        .success();
    // Re-running auto-coding (even forced) keeps every human decision.
    policyscope(&p).args(["code", "run", "--codebook", "study", "--force"]).assert().success();
    let all = json(policyscope(&p).args(["code", "review", "list", "--status", "all"]));
    let status_of = |id: &str| {
        all.as_array().unwrap().iter().find(|c| c["id"].as_i64().unwrap().to_string() == id).unwrap()
            ["status"]
            .clone()
    };
    assert_eq!(status_of(&rejected), "rejected");
    assert_eq!(status_of(&accepted), "accepted");
    let alice = json(policyscope(&p).args(["code", "review", "list", "--by", "alice", "--status", "all"]));
    let alice = alice.as_array().unwrap();
    assert!(alice.iter().any(|c| c["code_path"] == "Tool/IPR" && c["doc_id"] == 3), "{alice:?}");
    // Only alice's accepted codings: the accepted proposal and the added one.
    let accepted_only = table_counts(&p, &["--status", "accepted"]);
    // (Folders, whose paths have no `/`, count their sub-codes' documents again.)
    let leaves = accepted_only.iter().filter(|(path, _)| path.contains('/'));
    assert_eq!(leaves.map(|(_, n)| n).sum::<u64>(), 2, "{accepted_only:?}");
    // Table 4's shape, with the rejected coding gone from the default view.
    let table = json(policyscope(&p).args(["query", "table"]));
    for code in table["codes"].as_array().unwrap() {
        assert_eq!(code["count"].as_u64().unwrap() as usize, code["documents"].as_array().unwrap().len());
        assert!(code["passages"].as_u64().unwrap() >= code["count"].as_u64().unwrap());
    }
    // The matrix as CSV for R/pandas: a header and one row per document.
    let out = policyscope(&p).args(["query", "matrix", "--csv"]).output().unwrap();
    assert!(out.status.success());
    let csv = String::from_utf8(out.stdout).unwrap();
    assert_eq!(csv.lines().count(), 1 + 6, "{csv}");
}

#[test]
fn qdpx_round_trip_through_the_cli_is_byte_identical() {
    let (dir, p) = examples_project();
    policyscope(&p).args(["code", "run", "--codebook", "study"]).assert().success();
    let first = dir.path().join("a.qdpx");
    policyscope(&p).args(["export", "qdpx"]).arg(&first).assert().success();
    let q = dir.path().join("copy");
    policyscope(&q).arg("init").assert().success();
    let report = json(policyscope(&q).args(["import", "qdpx"]).arg(&first));
    assert_eq!(report["interchange"][0]["status"], "imported");
    let second = dir.path().join("b.qdpx");
    policyscope(&q).args(["export", "qdpx"]).arg(&second).assert().success();
    assert_eq!(std::fs::read(&first).unwrap(), std::fs::read(&second).unwrap());
    assert_eq!(table_counts(&p, &[]), table_counts(&q, &[]));
    // The imported texts are searchable.
    let hits = json(policyscope(&q).args(["search", "\"团体标准\""]));
    assert_eq!(hits["total"], 3);
}
