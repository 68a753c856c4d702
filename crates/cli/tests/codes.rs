//! `policyscope codes`: the code tree by hand, through the command line.

mod common;

use std::path::{Path, PathBuf};

use common::{json, policyscope, repo};
use serde_json::Value;

fn coded_examples() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("proj");
    policyscope(&p).arg("import").arg("--init").arg(repo().join("examples/corpus")).assert().success();
    policyscope(&p).args(["code", "run", "--codebook", "study"]).assert().success();
    (dir, p)
}

/// `codes list --json`, by path.
fn listed(p: &Path) -> Vec<Value> {
    json(policyscope(p).args(["codes", "list"])).as_array().unwrap().clone()
}

fn row(p: &Path, path: &str) -> Option<Value> {
    listed(p).into_iter().find(|c| c["path"] == path)
}

/// Runs a `codes` command as alice and returns (success, stderr).
fn codes(p: &Path, args: &[&str]) -> (bool, String) {
    let out = policyscope(p).arg("codes").args(args).args(["--coder", "alice"]).output().unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn passages(p: &Path, path: &str) -> u64 {
    row(p, path).map_or(0, |r| r["passages"].as_u64().unwrap())
}

#[test]
fn codes_commands_edit_the_tree_and_refuse_clearly() {
    let (_d, p) = coded_examples();
    let (ok, err) = codes(&p, &["add", "Standards bodies", "--parent", "Target", "--colour", "#AA3300"]);
    assert!(ok, "{err}");
    let made = row(&p, "Target/Standards bodies").expect("the new code is listed");
    assert_eq!(made["colour"], "#aa3300");

    let (ok, err) = codes(&p, &["add", "Standards bodies", "--parent", "Target"]);
    assert!(!ok && err.contains("exists already"), "duplicate name: {err}");
    let (ok, err) = codes(&p, &["move", "Target", "--to", "Standards bodies"]);
    assert!(!ok && err.contains("cycle"), "move into its own sub-code: {err}");
    let (ok, err) = codes(&p, &["rename", "No such code", "X"]);
    assert!(!ok && err.contains("no code `No such code`"), "{err}");
    let (ok, err) = codes(&p, &["add", "a/b"]);
    assert!(!ok && err.contains("`/`"), "{err}");

    let (ok, err) = codes(&p, &["rename", "Standards bodies", "SDOs"]);
    assert!(ok, "{err}");
    let (ok, err) = codes(&p, &["move", "SDOs", "--top"]);
    assert!(ok, "{err}");
    assert!(row(&p, "SDOs").is_some() && row(&p, "Target/SDOs").is_none());

    // Merge: the target gains every passage of the merged code.
    let (ipr, inter) = (passages(&p, "Tool/IPR"), passages(&p, "Target/Internationalisation"));
    assert!(ipr > 0, "the examples have IPR passages");
    let (ok, err) = codes(&p, &["merge", "IPR", "--into", "SDOs"]);
    assert!(ok, "{err}");
    assert_eq!(passages(&p, "SDOs"), ipr);
    assert!(row(&p, "Tool/IPR").is_none());

    // Delete: refused without a decision, saying how many codings.
    let own = row(&p, "Target/Internationalisation").unwrap()["own_codings"].as_u64().unwrap();
    let (ok, err) = codes(&p, &["delete", "Internationalisation"]);
    assert!(!ok, "a code with codings needs a decision");
    assert!(
        err.contains("coding(s)") && err.contains("--move-to") && err.contains("--remove-codings"),
        "{err}"
    );
    assert_eq!(passages(&p, "Target/Internationalisation"), inter, "nothing was deleted");
    assert!(own > 0);
    let (ok, err) = codes(&p, &["delete", "Internationalisation", "--move-to", "SDOs"]);
    assert!(ok, "{err}");
    assert!(passages(&p, "SDOs") >= inter, "the codings moved to SDOs");
    let (ok, err) = codes(&p, &["delete", "SDOs", "--remove-codings"]);
    assert!(ok, "{err}");
    assert!(row(&p, "SDOs").is_none());

    let history = json(policyscope(&p).args(["codes", "history"]));
    let actions: Vec<&str> =
        history.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["create", "rename", "move", "merge", "delete", "delete"]);
    assert!(history.as_array().unwrap().iter().all(|e| e["actor"] == "alice"));
}

#[test]
fn a_parent_code_counts_the_passages_of_its_sub_codes() {
    let (_d, p) = coded_examples();
    let all = listed(&p);
    let target = all.iter().find(|c| c["path"] == "Target").unwrap();
    let children: Vec<&Value> = all.iter().filter(|c| c["parent_id"] == target["id"]).collect();
    let max_child = children.iter().map(|c| c["documents"].as_u64().unwrap()).max().unwrap();
    assert!(max_child > 0);
    assert!(target["documents"].as_u64().unwrap() >= max_child, "{target}");
    assert!(target["passages"].as_u64().unwrap() > 0, "a folder rolls up its sub-codes: {target}");
    // The same figure as the query table.
    let table = json(policyscope(&p).args(["query", "table"]));
    let t = table["codes"].as_array().unwrap().iter().find(|r| r["path"] == "Target").unwrap();
    assert_eq!(t["count"], target["documents"]);
}

#[test]
fn a_codebook_re_run_keeps_hand_made_codes_and_their_codings() {
    let (_d, p) = coded_examples();
    let (ok, err) = codes(&p, &["add", "Mine", "--description", "made by hand"]);
    assert!(ok, "{err}");
    let (ok, err) = codes(&p, &["rename", "IPR", "Intellectual property"]);
    assert!(ok, "{err}");
    policyscope(&p)
        .args(["code", "review", "add", "--doc", "3", "--code", "Mine", "--text", "推动专利技术转化为标准"])
        .args(["--coder", "alice"])
        .assert()
        .success();
    let before = json(policyscope(&p).args(["code", "review", "list", "--status", "all", "-n", "100000"]));
    for extra in [&[][..], &["--force"][..]] {
        policyscope(&p).args(["code", "run", "--codebook", "study"]).args(extra).assert().success();
        let mine = row(&p, "Mine").expect("the hand-made code is still there");
        assert_eq!(mine["description"], "made by hand");
        assert!(row(&p, "Tool/Intellectual property").is_some(), "the rename stays");
        assert!(row(&p, "Tool/IPR").is_none(), "the renamed rule code is not recreated");
        let after = json(policyscope(&p).args(["code", "review", "list", "--status", "all", "-n", "100000"]));
        for c in before.as_array().unwrap() {
            let now = after.as_array().unwrap().iter().find(|x| x["id"] == c["id"]);
            let now = now.unwrap_or_else(|| panic!("coding {} was deleted by the re-run", c["id"]));
            assert_eq!((&now["code_id"], &now["status"]), (&c["code_id"], &c["status"]));
        }
    }
}
