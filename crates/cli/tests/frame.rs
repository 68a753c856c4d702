//! The analytical frame, mentions and role statements through the command line.

mod common;

use std::path::PathBuf;

use common::{json, policyscope, repo};

fn examples_project() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("examples");
    policyscope(&p).arg("import").arg("--init").arg(repo().join("examples/corpus")).assert().success();
    (dir, p)
}

const HEAD: &str = "id\tkind\tsector\tnis_element\tname\tname_zh\taliases\tparent\tnote\n";

#[test]
fn a_bad_gazetteer_is_refused_with_file_line_and_column_and_nothing_changes() {
    let (dir, p) = examples_project();
    let before = json(policyscope(&p).args(["frame", "show"]));
    let cases = [
        (
            "dup",
            format!("{HEAD}a\tactor\t\t\tAlpha\t甲部\t\t\t\na\tactor\t\t\tBeta\t乙部\t\t\t\n"),
            ":3:1: duplicate id `a`",
        ),
        (
            "shared",
            format!("{HEAD}a\tactor\t\t\tAlpha\t甲部\tJB\t\t\nb\tactor\t\t\tBeta\t乙部\tJB\t\t\n"),
            ":3:7: alias `JB` of `b` is already an alias of `a`",
        ),
        ("empty", format!("{HEAD}a\tactor\t\t\tAlpha\t甲部\t;JB\t\t\n"), ":2:7: empty item in `aliases`"),
        ("malformed", format!("{HEAD}a\tactor\tAlpha\n"), ":2:4: expected 9 fields (tab-separated), found 3"),
    ];
    for (name, text, message) in cases {
        let file = dir.path().join(format!("{name}.tsv"));
        std::fs::write(&file, text).unwrap();
        let out = policyscope(&p).args(["frame", "load", "--table", "actors"]).arg(&file).output().unwrap();
        assert!(!out.status.success(), "{name} was accepted");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&format!("{}{message}", file.display())), "{name}: {err}");
        assert_eq!(json(policyscope(&p).args(["frame", "show"])), before, "{name} changed the frame");
    }
}

#[test]
fn a_loaded_table_replaces_the_built_in_one_until_reset() {
    let (dir, p) = examples_project();
    let file = dir.path().join("actors.tsv");
    std::fs::write(
        &file,
        format!("{HEAD}xinghe\tactor\tgovernment\tInstitutions\tXinghe government\t星河市人民政府\t\t\t\n"),
    )
    .unwrap();
    policyscope(&p).args(["frame", "load"]).arg(&file).assert().success();
    let shown = json(policyscope(&p).args(["frame", "show", "actors"]));
    assert_eq!(shown.as_array().map(Vec::len), Some(1));
    policyscope(&p).args(["mentions", "run"]).assert().success();
    let ms = json(policyscope(&p).args(["mentions", "list", "--kind", "actor"]));
    assert!(ms.as_array().unwrap().iter().all(|m| m["entity"] == "xinghe"), "{ms}");
    assert!(!ms.as_array().unwrap().is_empty());
    policyscope(&p).args(["frame", "reset"]).assert().success();
    let shown = json(policyscope(&p).args(["frame", "show", "actors"]));
    assert!(shown.as_array().unwrap().len() > 50);
}

#[test]
fn mentions_run_is_incremental_and_lists_spans_with_their_documents() {
    let (_d, p) = examples_project();
    let first = json(policyscope(&p).args(["mentions", "run"]));
    assert_eq!(first["scanned"], 6);
    let again = json(policyscope(&p).args(["mentions", "run"]));
    assert_eq!((again["scanned"].as_u64(), again["skipped"].as_u64()), (Some(0), Some(6)));
    let standards = json(policyscope(&p).args(["mentions", "list", "--kind", "standard"]));
    let got: Vec<(String, String)> = standards
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["entity"].as_str().unwrap().to_string(), m["text"].as_str().unwrap().to_string()))
        .collect();
    assert!(got.contains(&("GB/T 41867-2022".into(), "GB/T 41867—2022".into())), "{got:?}");
    assert!(got.iter().any(|g| g.0 == "T/CESA 1026-2018"), "{got:?}");
    let m = &standards[0];
    assert!(m["doc"]["source_path"].as_str().unwrap().ends_with(".md"), "{m}");
    assert!(m["start"].as_u64().unwrap() < m["end"].as_u64().unwrap());
    let roles = json(policyscope(&p).args(["query", "roles", "--actor", "miit"]));
    let r = &roles[0];
    assert_eq!((r["verb"].as_str(), r["pattern"].as_str()), (Some("指导"), Some("jointly")));
    assert_eq!(r["partners"][0], "cac");
    let bad = policyscope(&p).args(["query", "roles", "--actor", "nobody"]).output().unwrap();
    assert!(!bad.status.success());
}

#[test]
fn nis_and_actor_views_export_json_csv_and_graphml() {
    let (_d, p) = examples_project();
    policyscope(&p).args(["code", "run", "--codebook", "study"]).assert().success();
    policyscope(&p).args(["mentions", "run"]).assert().success();
    let nis = json(policyscope(&p).args(["query", "nis"]));
    let rows = nis["by_element"]["codes"].as_array().unwrap();
    assert!(rows.iter().any(|r| r["path"] == "NIS element/Institutions"), "{rows:?}");
    let coded: u64 = rows
        .iter()
        .filter(|r| r["path"] != "NIS element")
        .flat_map(|r| r["documents"].as_array().unwrap().iter().map(|n| n.as_u64().unwrap()))
        .sum();
    assert!(coded > 0, "the study codebook's nis: tags reach the view");
    let out = policyscope(&p).args(["query", "actors", "--graphml"]).output().unwrap();
    let xml = String::from_utf8(out.stdout).unwrap();
    assert!(xml.starts_with("<?xml") && xml.contains("<node id=\"miit\">"), "{xml}");
    let out = policyscope(&p).args(["query", "standards", "--csv"]).output().unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(
        csv.starts_with("standard,family,mentions,doc_id") && csv.contains("ISO/IEC 22989:2022"),
        "{csv}"
    );
    let tech = json(policyscope(&p).args(["query", "technologies"]));
    assert!(tech["rows"].as_array().unwrap().iter().any(|r| r["entity"] == "chokepoint:15"), "{tech}");
}
