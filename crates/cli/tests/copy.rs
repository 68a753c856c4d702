//! `policyscope copy`: a project moved SQLite → PostgreSQL → SQLite comes
//! back unchanged, and a target that holds anything is refused untouched.
//! Needs the test PostgreSQL server (`policyscope_testkit`), failing when
//! there is none.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

/// `policyscope --quiet` on a project folder or a database (with a data
/// folder of its own).
fn on(project: &str, data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("policyscope").unwrap();
    cmd.env_remove("POLICYSCOPE_PROJECT").env_remove("POLICYSCOPE_DATABASE").env_remove("POLICYSCOPE_CODER");
    if project.starts_with("postgres://") {
        cmd.arg("--database").arg(project).arg("--data").arg(data);
    } else {
        cmd.arg("--project").arg(project);
    }
    cmd.arg("--quiet");
    cmd
}

fn ok(cmd: &mut Command) -> Vec<u8> {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{:?}: {}", cmd, String::from_utf8_lossy(&out.stderr));
    out.stdout
}

fn json(cmd: &mut Command) -> Value {
    serde_json::from_slice(&ok(cmd.arg("--json"))).expect("stdout is JSON")
}

fn copy(from: &str, to: &str) -> std::process::Output {
    let mut cmd = Command::cargo_bin("policyscope").unwrap();
    cmd.env_remove("POLICYSCOPE_DATABASE").args(["--quiet", "--json", "copy", "--from", from, "--to", to]);
    cmd.output().unwrap()
}

/// A project with two versions of a document, citations, a codebook run,
/// reviews, a memo, hand-made code changes and mentions.
fn study(dir: &Path) -> String {
    let docs = dir.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    for entry in std::fs::read_dir(common::repo().join("examples/corpus")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, docs.join(path.file_name().unwrap())).unwrap();
    }
    let project = dir.join("study").display().to_string();
    let none = dir.join("unused");
    ok(on(&project, &none).arg("import").arg("--init").arg(&docs));
    // A second version of one document.
    let changed = docs.join("03-星河市科技创新促进条例.md");
    let mut text = std::fs::read_to_string(&changed).unwrap();
    text.push_str("\n第五十条 本条例修订后自公布之日起施行。\n");
    std::fs::write(&changed, text).unwrap();
    ok(on(&project, &none).arg("import").arg(&docs));
    ok(on(&project, &none).args(["cite", "list", "--json"]));
    ok(on(&project, &none).args(["code", "run", "--codebook", "builtin:study"]));
    let proposals = json(on(&project, &none).args(["code", "review", "list", "--status", "all"]));
    let ids: Vec<String> = proposals
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["id"].as_i64())
        .map(|i| i.to_string())
        .collect();
    assert!(ids.len() >= 3, "the study codebook codes the examples: {proposals}");
    ok(on(&project, &none).args(["code", "review", "accept", &ids[0], "--coder", "alice"]));
    ok(on(&project, &none).args(["code", "review", "reject", &ids[1], "--coder", "bob"]));
    ok(on(&project, &none).args([
        "code",
        "review",
        "memo",
        "--coding",
        &ids[0],
        "边界情形：试点而非标准",
        "--coder",
        "alice",
    ]));
    ok(on(&project, &none).args(["codes", "add", "Scratch", "--coder", "alice"]));
    ok(on(&project, &none).args(["codes", "rename", "Scratch", "Draft", "--coder", "alice"]));
    ok(on(&project, &none).args(["mentions", "run"]));
    ok(on(&project, &none).args(["code", "evaluate", "--against", "alice"]));
    // Too few decisions to learn from here (the command says so and fails),
    // but the learnt models' tables are made: the copy must make them too.
    let learn = on(&project, &none).args(["code", "learn"]).output().unwrap();
    assert!(String::from_utf8_lossy(&learn.stderr).contains("not learnt"), "{learn:?}");
    ok(on(&project, &none)
        .args(["users", "add", "carol", "--role", "coder"])
        .write_stdin("a long enough passphrase\n"));
    project
}

/// Every row of every table of a project folder's database, by table.
fn tables(project: &str) -> BTreeMap<String, Vec<Vec<String>>> {
    let conn = rusqlite::Connection::open(Path::new(project).join("policyscope.db")).unwrap();
    let names: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut out = BTreeMap::new();
    for name in names {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{name}\" ORDER BY 1, 2")).unwrap();
        let width = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                (0..width).map(|i| r.get::<_, rusqlite::types::Value>(i).map(|v| format!("{v:?}"))).collect()
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        out.insert(name, rows);
    }
    out
}

/// What the three readers print, and the REFI-QDA export's bytes.
fn views(project: &str, data: &Path, qdpx: &Path) -> (Value, Value, Value, Vec<u8>) {
    let table = json(on(project, data).args(["query", "table"]));
    let cite = json(on(project, data).args(["cite", "list"]));
    let mentions = json(on(project, data).args(["mentions", "list"]));
    ok(on(project, data).args(["export", "qdpx"]).arg(qdpx));
    (table, cite, mentions, std::fs::read(qdpx).unwrap())
}

#[test]
fn a_project_copied_to_postgres_and_back_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let original = study(dir.path());
    let server = policyscope_testkit::fresh_postgres_database();
    let back = dir.path().join("back").display().to_string();

    let out = copy(&original, &server);
    assert!(out.status.success(), "copy to PostgreSQL: {}", String::from_utf8_lossy(&out.stderr));
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
    let copied: BTreeMap<&str, u64> = summary["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["table"].as_str().unwrap(), t["rows"].as_u64().unwrap()))
        .collect();
    for table in [
        "documents",
        "cite_refs",
        "codings",
        "coding_reviews",
        "memos",
        "code_history",
        "mentions",
        "roles",
        "users",
    ] {
        assert!(copied.get(table).is_some_and(|&n| n > 0), "{table} copied with rows: {summary}");
    }
    assert!(copied.contains_key("coding_models"), "the learnt models' table is made and copied: {summary}");
    assert!(!copied.contains_key("search_indexed"), "the search index's tables stay behind");

    let out = copy(&server, &back);
    assert!(out.status.success(), "copy back: {}", String::from_utf8_lossy(&out.stderr));

    let mut before = tables(&original);
    for derived in policyscope::search::INDEX_TABLES {
        assert!(before.remove(*derived).is_some(), "the original has its index table {derived}");
    }
    // The index's migration version stays behind with its tables.
    if let Some(versions) = before.get_mut("schema_versions") {
        versions.retain(|row| row[0] != "Text(\"search\")");
    }
    let after = tables(&back);
    let names = |t: &BTreeMap<String, Vec<Vec<String>>>| t.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&before), names(&after), "the same tables after the round trip");
    let differing: Vec<&String> =
        before.iter().filter(|(name, rows)| after.get(*name) != Some(rows)).map(|(n, _)| n).collect();
    assert!(differing.is_empty(), "rows differ after the round trip in {differing:?}");
    assert!(
        before["documents"].len() == 7 && before["coding_reviews"].len() == 2,
        "the study has what it should"
    );

    // The readers agree on the original, the server (with a fresh data
    // folder, so its search index is built anew) and the copy back.
    let a = views(&original, dir.path(), &dir.path().join("a.qdpx"));
    let b = views(&server, &dir.path().join("server-data"), &dir.path().join("b.qdpx"));
    let c = views(&back, dir.path(), &dir.path().join("c.qdpx"));
    assert_eq!(a.0, b.0, "query table on PostgreSQL");
    assert_eq!(a.1, b.1, "cite list on PostgreSQL");
    assert_eq!(a.2, b.2, "mentions list on PostgreSQL");
    assert_eq!(a.0, c.0, "query table after the round trip");
    assert_eq!(a.1, c.1, "cite list after the round trip");
    assert_eq!(a.2, c.2, "mentions list after the round trip");
    assert!(a.3 == c.3, "the REFI-QDA export is byte for byte the same after the round trip");
    assert!(a.3 == b.3, "the REFI-QDA export is byte for byte the same from PostgreSQL");

    let hits = |project: &str, data: &Path| json(on(project, data).args(["search", "人工智能 标准化"]));
    let fresh = dir.path().join("fresh-data");
    assert!(!fresh.exists());
    let found = hits(&server, &fresh);
    assert!(found["total"].as_u64().is_some_and(|n| n > 0), "search on the copy finds documents: {found}");
    // Scores are left out: the original's index still counts the superseded
    // version in its term statistics until its segments merge.
    let found_there = |v: &Value| -> Vec<(Value, Value)> {
        v["hits"].as_array().unwrap().iter().map(|h| (h["id"].clone(), h["snippets"].clone())).collect()
    };
    assert_eq!(
        found_there(&found),
        found_there(&hits(&original, dir.path())),
        "search on the copy with a fresh data folder finds the same documents and snippets"
    );
    assert!(fresh.join("index").is_dir(), "the index was built in the fresh data folder");
}

#[test]
fn copying_into_a_target_that_holds_rows_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::copy(common::repo().join("examples/corpus/05-xinghe-open-data-notice.txt"), docs.join("a.txt"))
        .unwrap();
    let first = dir.path().join("first").display().to_string();
    ok(on(&first, dir.path()).arg("import").arg("--init").arg(&docs));
    let server = policyscope_testkit::fresh_postgres_database();
    // A project without rows (made by `init`, or what an interrupted copy
    // leaves: its tables, rolled back empty) may receive the copy.
    ok(on(&server, &dir.path().join("data")).arg("init"));
    let out = copy(&first, &server);
    assert!(out.status.success(), "an empty project is filled: {}", String::from_utf8_lossy(&out.stderr));

    // A second project with other rows must not land on the first.
    std::fs::copy(common::repo().join("examples/corpus/06-星河市数据开放管理办法.txt"), docs.join("b.txt"))
        .unwrap();
    let second = dir.path().join("second").display().to_string();
    ok(on(&second, dir.path()).arg("import").arg("--init").arg(&docs));
    let listing = |project: &str| json(on(project, &dir.path().join("data")).args(["docs", "list", "--all"]));
    let on_server = listing(&server);
    let out = copy(&second, &server);
    assert!(!out.status.success(), "a database holding a project is refused");
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(message.contains("already holds a project with rows"), "{message}");
    assert_eq!(listing(&server), on_server, "the refused copy changed nothing");

    let folder_before = tables(&first);
    let out = copy(&second, &first);
    assert!(!out.status.success(), "a folder holding a project is refused");
    assert_eq!(tables(&first), folder_before);
    let other = dir.path().join("other");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("notes.txt"), "mine").unwrap();
    let out = copy(&second, &other.display().to_string());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("is not empty"),
        "a folder with other files is refused"
    );
    assert_eq!(std::fs::read_dir(&other).unwrap().count(), 1, "and left as it was");
}
