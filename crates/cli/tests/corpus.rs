//! The corpus commands end to end: init, import, docs, search.

mod common;

use std::path::Path;

use assert_cmd::Command;

use common::{json, policyscope, repo};
use serde_json::Value;

#[test]
fn examples_import_list_show_and_search() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("proj");
    policyscope(&p).arg("init").assert().success();
    let summary = json(policyscope(&p).arg("import").arg(repo().join("examples/corpus")));
    assert_eq!(summary["imported"], 6);
    assert_eq!(summary["failed"], 0);
    let docs = json(policyscope(&p).args(["docs", "list"]));
    let docs = docs.as_array().unwrap();
    assert_eq!(docs.len(), 6);
    for key in ["id", "source_path", "title", "date", "docno", "language", "encoding"] {
        assert!(docs[0].get(key).is_some(), "missing {key}");
    }
    let gb = docs.iter().find(|d| d["title"] == "星河市数据开放管理办法").unwrap();
    assert_eq!(gb["encoding"], "gb18030");
    assert_eq!(gb["date"], "2021-09-01");
    let notice = docs.iter().find(|d| d["docno"] == "星政发〔2023〕7号").unwrap();
    assert_eq!(notice["date"], "2023-02-08");
    let en = docs.iter().find(|d| d["language"] == "en").unwrap();
    assert_eq!(en["title"], "Xinghe Municipal Notice on Open Data for Artificial Intelligence");

    // --project after the subcommand works too.
    let id = gb["id"].as_i64().unwrap();
    let out = Command::cargo_bin("policyscope")
        .unwrap()
        .args(["docs", "show", &id.to_string(), "--json", "--project"])
        .arg(&p)
        .output()
        .unwrap();
    let shown: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(shown["text"].as_str().unwrap().contains("公共数据开放"));

    let hits = json(policyscope(&p).args(["search", "\"团体标准\""]));
    assert_eq!(hits["total"], 3);
    let first = &hits["hits"][0];
    for key in ["id", "source_path", "title", "date", "score", "snippets"] {
        assert!(first.get(key).is_some(), "missing {key}");
    }
    // Unknown documents and bad queries fail with a non-zero exit code.
    policyscope(&p).args(["docs", "show", "999"]).assert().failure();
    policyscope(&p).args(["search", "(unbalanced"]).assert().failure();
}

#[test]
fn failures_are_named_and_make_the_exit_code_non_zero() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("proj");
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, b"\0\0\0binary").unwrap();
    let good = repo().join("examples/corpus/03-星河市科技创新促进条例.md");
    let out =
        policyscope(&p).arg("import").arg("--init").arg(&bad).arg(&good).arg("--json").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["imported"], 1);
    assert_eq!(v["failed"], 1);
    let failed = v["files"].as_array().unwrap().iter().find(|f| f["status"] == "failed").unwrap();
    assert!(failed["path"].as_str().unwrap().ends_with("bad.txt"));
    assert!(failed["reason"].as_str().unwrap().contains("binary"));
    // Not a project: a clear error.
    let out = policyscope(&dir.path().join("none")).args(["docs", "list"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a policyscope project"));
}

/// Acceptance over the real corpus: every law and study text imports, a second
/// import changes nothing, and the search checks hold.
#[test]
fn shared_corpus_imports_without_failures_and_searches() {
    let shared = policyscope_testkit::shared_dir();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("laws");
    let import = |p: &Path| {
        json(
            policyscope(p)
                .arg("import")
                .arg("--init")
                .arg(shared.join("corpus/laws"))
                .arg(shared.join("corpus/study"))
                .arg("--catalog")
                .arg(shared.join("domain/catalog.tsv")),
        )
    };
    let first = import(&p);
    assert_eq!(first["failed"], 0, "{}", first["files"]);
    assert!(first["imported"].as_u64().unwrap() >= 3284);
    let second = import(&p);
    assert_eq!(second["imported"], 0);
    assert_eq!(second["failed"], 0);
    assert_eq!(second["indexed"], 0);

    let hits = json(policyscope(&p).args(["search", "人工智能", "--limit", "500"]));
    let titles: Vec<&str> =
        hits["hits"].as_array().unwrap().iter().filter_map(|h| h["title"].as_str()).collect();
    assert!(titles.iter().any(|t| t.contains("深圳经济特区人工智能产业促进条例")), "{titles:?}");
    assert!(titles.contains(&"生成式人工智能服务管理暂行办法"), "{titles:?}");

    let hits =
        json(policyscope(&p).args(["search", "\"个人信息保护\"", "--from", "2021-01-01", "--limit", "2000"]));
    let hits = hits["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    for h in hits {
        let date = h["date"].as_str().unwrap_or("");
        assert!(date >= "2021-01-01", "{} dated {date}", h["title"]);
    }
}

/// A crash in the middle of an import (the process is killed) leaves a
/// consistent project, and a re-run completes it.
#[test]
fn killed_import_is_completed_by_a_rerun() {
    let folder = policyscope_testkit::shared("corpus/laws/行政法");
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("proj");
    policyscope(&p).arg("init").assert().success();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("policyscope"))
        .arg("--project")
        .arg(&p)
        .arg("--quiet")
        .arg("import")
        .arg(&folder)
        .spawn()
        .unwrap();
    // Kill it once some documents are in, well before the end.
    let db = p.join("policyscope.db");
    let started = std::time::Instant::now();
    loop {
        std::thread::sleep(std::time::Duration::from_millis(100));
        let n = rusqlite_count(&db);
        if n >= 20 || started.elapsed().as_secs() > 60 {
            break;
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let partial = rusqlite_count(&db);
    let rerun = json(policyscope(&p).arg("import").arg(&folder));
    assert_eq!(rerun["failed"], 0);
    let total = json(policyscope(&p).args(["docs", "list"])).as_array().unwrap().len();
    let files = std::fs::read_dir(&folder).unwrap().count();
    assert!(partial < total, "the kill came too late to test anything ({partial} of {total})");
    assert_eq!(total, files);
    // Every document is whole: its stored text has the length recorded for it.
    for d in json(policyscope(&p).args(["docs", "list"])).as_array().unwrap() {
        let id = d["id"].as_i64().unwrap().to_string();
        let shown = json(policyscope(&p).args(["docs", "show", &id]));
        let text = shown["text"].as_str().unwrap();
        assert_eq!(text.chars().count() as i64, d["char_count"].as_i64().unwrap());
    }
    // The search index holds every document exactly once.
    let hits = json(policyscope(&p).args(["search", "法", "--limit", "5000", "--snippets", "0"]));
    assert_eq!(hits["total"].as_u64().unwrap() as usize, total);
}

fn rusqlite_count(db: &Path) -> usize {
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("policyscope"))
        .arg("--project")
        .arg(db.parent().unwrap())
        .args(["--quiet", "docs", "list", "--json"])
        .output();
    match out {
        Ok(o) if o.status.success() => serde_json::from_slice::<Value>(&o.stdout)
            .ok()
            .and_then(|v| v.as_array().map(Vec::len))
            .unwrap_or(0),
        _ => 0,
    }
}
