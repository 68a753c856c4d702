//! `agree` on a team project compares its coders directly, with the figures
//! of the path without a shared database: each coder codes a copy of the
//! lead's project, and one copy is exported (REFI-QDA) and merged into the
//! other before comparing. `audit` lists the coders' changes.

mod common;

use std::path::Path;

use assert_cmd::Command;
use policyscope::coding::{CodeName, CodingStore, HumanCoder, NewCoding, Status};
use policyscope::corpus::import::{import_paths, ImportOptions};
use policyscope::corpus::Project;
use policyscope::store::Location;
use serde_json::Value;

/// Passages (document index, start, end) each coder codes with the one code.
const ALICE: &[(usize, i64, i64)] = &[(0, 0, 4), (0, 10, 16), (1, 3, 8), (1, 20, 24)];
const BOB: &[(usize, i64, i64)] = &[(0, 0, 5), (0, 12, 16), (1, 20, 25), (1, 30, 33)];
const CODE: &str = "开放";

/// Two short policy texts in `dir`.
fn documents(dir: &Path) -> std::path::PathBuf {
    let docs = dir.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(
        docs.join("a-2021.md"),
        "# 关于扩大对外开放的若干意见\n\n2021年3月1日\n\n扩大高水平对外开放，推动标准国际化，积极参与国际标准制定。\n",
    )
    .unwrap();
    std::fs::write(
        docs.join("b-2022.md"),
        "# 关于推进团体标准发展的通知\n\n2022年6月1日\n\n推进团体标准发展，鼓励企业参与标准化活动，提升标准供给质量和水平。\n",
    )
    .unwrap();
    docs
}

/// Codes `passages` as `coder` in `project` (documents in id order).
fn code(project: &Project, coder: &str, passages: &[(usize, i64, i64)]) {
    let store = CodingStore::open(project).unwrap();
    let docs = project.documents(false).unwrap();
    let code = store.find_code(CODE).unwrap();
    for &(doc, start, end) in passages {
        store
            .code_passage(&NewCoding {
                doc_id: docs[doc].id,
                code_id: code.id,
                start,
                end,
                coder: coder.into(),
                status: Status::Accepted,
                guid: None,
            })
            .unwrap();
    }
}

/// A new project at `location` with the two documents and the code.
fn lead(location: &Location, data: &Path, docs: &Path) -> Project {
    let mut project = Project::init_at(location, data).unwrap();
    let summary = import_paths(&mut project, &[docs.to_path_buf()], &ImportOptions::default(), &mut |_| {});
    assert_eq!(summary.imported(), 2, "{:?}", summary.files);
    let store = CodingStore::open(&project).unwrap();
    store
        .create_code(&CodeName::new(CODE).unwrap(), None, None, "", &HumanCoder::new("lead").unwrap())
        .unwrap();
    project
}

/// `policyscope GLOBAL --quiet --json ARGS`, which must succeed; its JSON.
fn run(global: &[&str], args: &[&str]) -> Value {
    let out = Command::cargo_bin("policyscope")
        .unwrap()
        .env_remove("POLICYSCOPE_DATABASE")
        .env_remove("POLICYSCOPE_PROJECT")
        .env_remove("POLICYSCOPE_DATA")
        .args(global)
        .args(["--quiet", "--json"])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "policyscope {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

#[test]
fn agree_on_a_team_database_gives_the_figures_of_merged_exports() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = documents(tmp.path());

    // Without a shared database: copies of the lead's project, one merged into the other.
    let lead_dir = tmp.path().join("lead");
    let lead_project = lead(&Location::Folder(lead_dir.clone()), &lead_dir, &docs);
    let handed_out = tmp.path().join("lead.qdpx");
    policyscope::qdpx::export_project(&lead_project, &handed_out, &Default::default()).unwrap();
    let copy = |name: &str, coder: &str, passages| {
        let dir = tmp.path().join(name);
        let mut project = Project::init(&dir).unwrap();
        policyscope::qdpx::import_project(&mut project, &handed_out).unwrap();
        code(&project, coder, passages);
        (dir, project)
    };
    let (alice_dir, alice_project) = copy("alice", "alice", ALICE);
    let (bob_dir, mut bob_project) = copy("bob", "bob", BOB);
    let alices = tmp.path().join("alice.qdpx");
    policyscope::qdpx::export_project(&alice_project, &alices, &Default::default()).unwrap();
    policyscope::qdpx::import_project(&mut bob_project, &alices).unwrap();
    drop((alice_project, bob_project));
    let merged_dir = bob_dir.to_string_lossy().into_owned();
    assert!(alice_dir.exists());

    // The team: both code the one PostgreSQL project.
    let url = policyscope_testkit::fresh_postgres_database();
    let data = tmp.path().join("team-data");
    let team = lead(&Location::Postgres(url.clone()), &data, &docs);
    code(&team, "alice", ALICE);
    code(&team, "bob", BOB);
    drop(team);
    let team_args = ["--database", url.as_str(), "--data", data.to_str().unwrap()];

    for unit in ["char", "sentence", "document"] {
        let args = ["agree", "--coder", "alice", "--coder", "bob", "--unit", unit];
        let merged = run(&["--project", merged_dir.as_str()], &args);
        let shared = run(&team_args, &args);
        assert!(merged["overall"].is_object(), "{merged}");
        assert_eq!(shared, merged, "unit {unit}: the team project gives the figures of the merged exports");
    }

    // The audit log names each coder's changes.
    let log = run(&team_args, &["audit", "--user", "bob"]);
    let actions: Vec<&str> = log.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, vec!["code"; BOB.len()], "{log}");
    let all = run(&team_args, &["audit"]);
    let users = |kind: &str| -> Vec<String> {
        all.as_array()
            .unwrap()
            .iter()
            .filter(|e| e["target_kind"] == kind)
            .map(|e| e["user"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(users("code"), ["lead"], "the code's creation, from the code history: {all}");
    let mut expected = vec!["alice"; ALICE.len()];
    expected.extend(vec!["bob"; BOB.len()]);
    assert_eq!(users("coding"), expected, "each coding, in order: {all}");
}
