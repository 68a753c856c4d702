//! Every command answers the same on PostgreSQL as on the SQLite file.
//!
//! One fixed input (the study corpus and a few folders of the laws corpus)
//! goes through the whole pipeline twice, once in a project folder and once
//! in a fresh PostgreSQL database, and every step's output must be the same:
//! ids included, since both back ends number rows 1, 2, 3… in the same order.
//! Only what cannot be the same is normalised, each in one place below.

mod common;

use std::collections::HashMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// Where one run keeps its project: a folder, or a database with its data folder.
struct Session {
    /// `--project DIR` or `--database URL --data DIR`.
    global: Vec<OsString>,
    /// Files the steps write (exports, reports) go here.
    out: PathBuf,
    /// Folders whose paths appear in outputs and differ between the runs.
    own_paths: Vec<PathBuf>,
    /// Each step's label and normalised output, in order.
    steps: Vec<(String, String)>,
    /// Random identifiers (code GUIDs) renamed by first appearance.
    guids: HashMap<String, String>,
}

impl Session {
    fn new(global: Vec<OsString>, out: PathBuf, own_paths: Vec<PathBuf>) -> Session {
        std::fs::create_dir_all(&out).unwrap();
        Session { global, out, own_paths, steps: Vec::new(), guids: HashMap::new() }
    }

    /// Runs `policyscope GLOBAL --quiet --json ARGS`, which must succeed, and
    /// records its normalised stdout; returns the JSON it printed (or Null).
    fn step(&mut self, args: &[&str]) -> Value {
        let args: Vec<OsString> =
            args.iter().map(|a| OsString::from(a.replace("{out}", &self.out.to_string_lossy()))).collect();
        let label = args.iter().map(|a| a.to_string_lossy().into_owned()).collect::<Vec<_>>().join(" ");
        let output = Command::cargo_bin("policyscope")
            .unwrap()
            .env_remove("POLICYSCOPE_DATABASE")
            .env_remove("POLICYSCOPE_PROJECT")
            .env_remove("POLICYSCOPE_DATA")
            .env("POLICYSCOPE_CODER", "alice")
            .args(&self.global)
            .args(["--quiet", "--json"])
            .args(&args)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "`policyscope {label}` failed with {:?}: {}",
            self.global,
            String::from_utf8_lossy(&output.stderr)
        );
        let text = String::from_utf8_lossy(&output.stdout).into_owned();
        let json = serde_json::from_str(&text).unwrap_or(Value::Null);
        let shown = if json.is_null() {
            text
        } else {
            serde_json::to_string_pretty(&without_timings(&json)).unwrap()
        };
        let normalised = self.normalise(&shown);
        self.steps.push((label, normalised));
        json
    }

    /// Records a file a step wrote, normalised like an output.
    fn file(&mut self, name: &str) {
        let text = std::fs::read_to_string(self.out.join(name)).unwrap();
        let normalised = self.normalise(&text);
        self.steps.push((format!("file {name}"), normalised));
    }

    /// What differs between two runs of the same steps and must: the run's
    /// own folders, wall-clock timestamps and random GUIDs (code GUIDs are
    /// made with a random generator; documents' are content hashes and stay).
    fn normalise(&mut self, text: &str) -> String {
        let mut text = text.to_string();
        for (i, path) in self.own_paths.iter().enumerate() {
            text = text.replace(&*path.to_string_lossy(), &format!("<dir{i}>"));
        }
        let text = replace_shapes(&text, TIMESTAMP, |_| "<time>".to_string());
        let guids = &mut self.guids;
        replace_shapes(&text, GUID, |g| {
            let next = format!("<guid{}>", guids.len());
            guids.entry(g.to_ascii_lowercase()).or_insert(next).clone()
        })
    }
}

/// Drops the fields that measure the machine, not the data (`took_ms`).
fn without_timings(v: &Value) -> Value {
    match v {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| k.as_str() != "took_ms")
                .map(|(k, v)| (k.clone(), without_timings(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_timings).collect()),
        other => other.clone(),
    }
}

/// `2026-01-31T12:34:56.789Z` or without the fraction: `d` a digit, `f` the
/// optional fraction.
const TIMESTAMP: &str = "dddd-dd-ddTdd:dd:ddfZ";
/// A UUID: `h` a hex digit.
const GUID: &str = "hhhhhhhh-hhhh-hhhh-hhhh-hhhhhhhhhhhh";

/// Replaces every piece of `text` of the given shape by `with(piece)`.
fn replace_shapes(text: &str, shape: &str, mut with: impl FnMut(&str) -> String) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        match match_shape(&bytes[i..], shape.as_bytes()) {
            Some(len) if text.is_char_boundary(i) => {
                out.push_str(&text[copied..i]);
                out.push_str(&with(&text[i..i + len]));
                i += len;
                copied = i;
            }
            _ => i += 1,
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// The length of the shape's match at the start of `s`, if any.
fn match_shape(s: &[u8], shape: &[u8]) -> Option<usize> {
    let mut at = 0;
    for &want in shape {
        match want {
            b'd' => (s.get(at)?.is_ascii_digit()).then_some(())?,
            b'h' => (s.get(at)?.is_ascii_hexdigit()).then_some(())?,
            b'f' => {
                if s.get(at) == Some(&b'.') {
                    at += 1;
                    while s.get(at).is_some_and(u8::is_ascii_digit) {
                        at += 1;
                    }
                }
                continue;
            }
            c => (*s.get(at)? == c).then_some(())?,
        }
        at += 1;
    }
    Some(at)
}

/// The ids of a `code review list --json`.
fn coding_ids(listed: &Value) -> Vec<String> {
    listed
        .as_array()
        .expect("a list of codings")
        .iter()
        .map(|c| c["id"].as_i64().unwrap().to_string())
        .collect()
}

/// The whole pipeline on one project; `fresh` makes the empty project that
/// receives the exported `.qdpx` (global options of a second session).
fn pipeline(s: &mut Session, fresh: Vec<OsString>) {
    let corpus = policyscope_testkit::shared("corpus");
    let inputs: Vec<String> = ["study", "laws/宪法", "laws/刑法", "laws/民法典", "laws/宪法相关法"]
        .iter()
        .map(|p| corpus.join(p).to_string_lossy().into_owned())
        .collect();
    let mut import = vec!["import", "--init"];
    import.extend(inputs.iter().map(String::as_str));
    s.step(&import);
    s.step(&["docs", "list", "--all"]);
    s.step(&["docs", "show", "3"]);
    // Ties in score are ranked by document id on both.
    s.step(&["search", "数据"]);
    s.step(&["search", "个人信息 AND 安全", "--limit", "50"]);
    s.step(&["cite", "list"]);
    s.step(&["cite", "summary"]);
    s.step(&["cite", "missing"]);
    s.step(&["graph"]);
    s.step(&["graph", "--format", "json"]);
    s.step(&["graph", "--format", "graphml"]);
    s.step(&["snowball", "--seed", "3"]);
    s.step(&["snowball", "--seed", "1", "--direction", "both", "--max-rounds", "3"]);

    s.step(&["code", "run"]);
    s.step(&["code", "codes"]);
    let listed = s.step(&["code", "review", "list", "-n", "80"]);
    let ids = coding_ids(&listed);
    assert!(ids.len() >= 30, "the study codebook proposes enough codings to review: {}", ids.len());
    let mut accept = vec!["code", "review", "accept"];
    accept.extend(ids[..24].iter().map(String::as_str));
    s.step(&accept);
    s.step(&["code", "review", "reject", &ids[24], &ids[25]]);
    s.step(&["code", "review", "recode", &ids[26], "--to", "Marketisation"]);
    s.step(&[
        "code",
        "review",
        "add",
        "--doc",
        "3",
        "--code",
        "Internationalisation",
        "--start",
        "10",
        "--end",
        "30",
    ]);
    s.step(&["code", "review", "memo", "a memo on the project", "--project-memo"]);
    s.step(&["code", "review", "memo", "a memo on a code", "--code", "Marketisation"]);
    s.step(&["code", "memos"]);
    s.step(&["code", "coders"]);
    s.step(&["codes", "add", "newcode", "--description", "a new one"]);
    s.step(&["codes", "add", "child", "--parent", "newcode"]);
    s.step(&["codes", "rename", "child", "kid"]);
    s.step(&["codes", "move", "kid", "--top"]);
    s.step(&["codes", "add", "other"]);
    s.step(&["codes", "merge", "other", "--into", "newcode"]);
    s.step(&["codes", "delete", "kid"]);
    s.step(&["codes", "list"]);
    s.step(&["codes", "history"]);
    s.step(&["code", "review", "list", "--status", "all", "-n", "100000"]);

    s.step(&["code", "learn", "--min-examples", "5"]);
    s.step(&["code", "suggest"]);
    s.step(&["code", "review", "list", "--order", "uncertainty", "-n", "30"]);
    s.step(&["code", "review", "list", "--order", "confidence", "-n", "30", "--status", "all"]);
    s.step(&["code", "evaluate", "--against", "alice"]);
    s.step(&["code", "evaluate", "--against", "alice", "--unit", "paragraph"]);
    s.step(&["agree", "--coder", "alice", "--coder", "auto:study"]);
    s.step(&["agree", "--coder", "alice", "--coder", "auto:study", "--unit", "sentence"]);
    s.step(&["agree", "--coder", "alice", "--coder", "auto:study", "--unit", "document", "--all-cells"]);

    s.step(&["query", "table"]);
    s.step(&["query", "table", "--csv"]);
    s.step(&["query", "matrix"]);
    s.step(&["query", "matrix", "--csv", "--binary"]);
    s.step(&["query", "cooccur"]);
    s.step(&["query", "trend"]);
    s.step(&["query", "trend", "--from", "2000", "--to", "2022"]);
    s.step(&["query", "excerpts", "Internationalisation"]);
    s.step(&["mentions", "run"]);
    s.step(&["mentions", "list"]);
    s.step(&["query", "nis"]);
    s.step(&["query", "roles"]);
    s.step(&["query", "actors"]);
    s.step(&["query", "standards"]);
    s.step(&["query", "technologies"]);

    s.step(&["export", "codings-table", "-", "--format", "json"]);
    s.step(&["export", "codings-table", "{out}/table.csv", "--unit", "sentence"]);
    s.file("table.csv");
    s.step(&["export", "qdc", "{out}/codes.qdc"]);
    s.file("codes.qdc");
    s.step(&["report", "--out", "{out}/md", "--format", "md"]);
    s.file("md/report.md");
    s.step(&["report", "--out", "{out}/html"]);
    s.file("html/index.html");
    s.file("html/codes/evaluation.html");
    s.step(&["export", "qdpx", "{out}/project.qdpx"]);

    // The exported project, imported into an empty one on the same back end.
    let own = std::mem::replace(&mut s.global, fresh);
    s.step(&["import", "--init", "{out}/project.qdpx"]);
    s.step(&["docs", "list", "--all"]);
    s.step(&["code", "codes"]);
    s.step(&["code", "review", "list", "--status", "all", "-n", "100000"]);
    s.step(&["code", "memos"]);
    s.step(&["query", "table"]);
    s.global = own;

    // Metadata set, then emptied (an emptied field takes no parameter).
    s.step(&["docs", "edit", "3", "--docno", "测试〔2020〕1号", "--type", "通知", "--issuer", "某部"]);
    s.step(&["docs", "edit", "3", "--clear", "docno", "--clear", "date", "--title-en", "A test"]);
    s.step(&["docs", "show", "3"]);
    s.step(&["search", "title:数据", "--from", "1900"]);
}

fn folder_session(root: &Path) -> (Session, Vec<OsString>) {
    let project = root.join("project");
    let copy = root.join("copy");
    let global = vec!["--project".into(), project.clone().into_os_string()];
    let fresh = vec!["--project".into(), copy.clone().into_os_string()];
    (Session::new(global, root.join("out"), vec![root.join("out"), project, copy]), fresh)
}

fn database_session(root: &Path) -> (Session, Vec<OsString>) {
    let data = root.join("data");
    let copy = root.join("copy-data");
    let global = vec![
        "--database".into(),
        policyscope_testkit::fresh_postgres_database().into(),
        "--data".into(),
        data.clone().into_os_string(),
    ];
    let fresh = vec![
        "--database".into(),
        policyscope_testkit::fresh_postgres_database().into(),
        "--data".into(),
        copy.clone().into_os_string(),
    ];
    (Session::new(global, root.join("out"), vec![root.join("out"), data, copy]), fresh)
}

#[test]
fn every_command_answers_the_same_on_postgresql_as_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let (mut sqlite, sqlite_copy) = folder_session(&dir.path().join("sqlite"));
    let (mut postgres, postgres_copy) = database_session(&dir.path().join("postgres"));
    pipeline(&mut sqlite, sqlite_copy);
    pipeline(&mut postgres, postgres_copy);
    assert_eq!(sqlite.steps.len(), postgres.steps.len());
    let mut differing = Vec::new();
    for ((label, a), (_, b)) in sqlite.steps.iter().zip(&postgres.steps) {
        if a != b {
            let line = a.lines().zip(b.lines()).position(|(x, y)| x != y).unwrap_or(0);
            let around =
                |t: &str| t.lines().skip(line.saturating_sub(3)).take(8).collect::<Vec<_>>().join("\n");
            differing.push(format!(
                "`{label}` differs from line {}:\n--- SQLite\n{}\n--- PostgreSQL\n{}",
                line + 1,
                around(a),
                around(b)
            ));
        }
    }
    assert!(
        differing.is_empty(),
        "{} of {} steps differ:\n\n{}",
        differing.len(),
        sqlite.steps.len(),
        differing.join("\n\n")
    );
}

#[test]
fn shapes_are_found_only_where_whole() {
    assert_eq!(
        replace_shapes("at 2026-12-01T16:37:12.515Z and 2026-12-01T16:37:12Z", TIMESTAMP, |_| "T".into()),
        "at T and T"
    );
    assert_eq!(
        replace_shapes("2026-12-01 and 数据2026-12-01T16:37Z", TIMESTAMP, |_| "T".into()),
        "2026-12-01 and 数据2026-12-01T16:37Z"
    );
    let mut n = 0;
    let renamed = replace_shapes(
        "065536b7-3d44-4289-9b36-be0b6f90e56f 065536b7-3d44-4289-9b36-be0b6f90e56 x",
        GUID,
        |_| {
            n += 1;
            format!("<{n}>")
        },
    );
    assert_eq!(renamed, "<1> 065536b7-3d44-4289-9b36-be0b6f90e56 x");
}
