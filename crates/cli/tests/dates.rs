//! Every date flag is read as a date: an impossible or malformed value, or
//! a range that ends before it starts, stops the command with a message
//! saying why and a non-zero exit, instead of running as if it were valid.

mod common;

use std::path::PathBuf;

use common::{json, policyscope, repo};

fn examples_project() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("proj");
    policyscope(&p).arg("import").arg("--init").arg(repo().join("examples/corpus")).assert().success();
    (dir, p)
}

/// Runs the command, asserts it failed, and returns its stderr.
fn refused(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.output().unwrap();
    assert!(!out.status.success(), "accepted: {}", String::from_utf8_lossy(&out.stdout));
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn impossible_search_dates_are_refused_not_run() {
    let (_d, p) = examples_project();
    let e = refused(policyscope(&p).args(["search", "标准", "--from", "2021-13-45"]));
    assert!(e.contains("month 13 is not between 1 and 12"), "{e}");
    let e = refused(policyscope(&p).args(["search", "标准", "--from", "2021-02-30"]));
    assert!(e.contains("day 30 does not exist in 2021-02, which has 28 days"), "{e}");
    let e = refused(policyscope(&p).args(["search", "标准", "--from", "2022", "--to", "2021"]));
    assert!(e.contains("starts (2022) after it ends (2021)"), "{e}");
    // A valid partial date still works, `--to` reaching the end of its year.
    let hits = json(policyscope(&p).args(["search", "标准", "--to", "2099"]));
    assert!(!hits["hits"].as_array().unwrap().is_empty(), "{hits}");
}

#[test]
fn query_date_flags_are_refused_when_not_dates() {
    let (_d, p) = examples_project();
    policyscope(&p).args(["code", "run", "--codebook", "study"]).assert().success();
    for (args, why) in [
        (vec!["query", "table", "--from", "garbage"], "`garbage` is not a date"),
        (vec!["query", "trend", "--to", "2021-02-30"], "which has 28 days"),
        (vec!["query", "cooccur", "--since", "2024-13"], "month 13"),
        (vec!["query", "matrix", "--until", "yesterday"], "`yesterday` is not a date"),
        (vec!["query", "table", "--since", "2025", "--until", "2024"], "starts (2025) after it ends (2024)"),
    ] {
        let e = refused(policyscope(&p).args(&args));
        assert!(e.contains(why), "{args:?}: {e}");
    }
    // Codings made today pass `--since` a past date and not `--until` one.
    let count = |extra: &[&str]| -> u64 {
        let t = json(policyscope(&p).args(["query", "table"]).args(extra));
        t["codes"].as_array().unwrap().iter().map(|r| r["count"].as_u64().unwrap()).sum()
    };
    assert!(count(&["--since", "2000"]) > 0);
    assert_eq!(count(&["--until", "2000"]), 0);
}

#[test]
fn catalog_with_an_impossible_date_is_refused_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("catalog.tsv");
    std::fs::write(&catalog, "no\tdate\ttitle\n01\t2023-07\t甲办法\n02\t2021-02-30\t乙办法\n").unwrap();
    let e = refused(
        policyscope(&dir.path().join("proj"))
            .args(["import", "--init", "--catalog"])
            .arg(&catalog)
            .arg(repo().join("examples/corpus")),
    );
    assert!(e.contains("catalog.tsv") && e.contains("line 3: date `2021-02-30` is not a date"), "{e}");
}

#[test]
fn snowball_rules_with_an_impossible_date_name_the_line_and_column() {
    let (d, p) = examples_project();
    let rules = d.path().join("rules.toml");
    std::fs::write(&rules, "max_rounds = 2\n\n[[rule]]\naction = \"include\"\ndate_to = \"2024-13\"\n")
        .unwrap();
    let e = refused(policyscope(&p).args(["snowball", "--seed", "1", "--rules"]).arg(&rules));
    assert!(e.contains("line 5, column 11"), "{e}");
    assert!(e.contains("`2024-13` is not a date: month 13 is not between 1 and 12"), "{e}");
}
