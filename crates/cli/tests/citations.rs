//! Citations, snowball and graph exports through the command line.

mod common;

use std::path::{Path, PathBuf};

use common::{json, policyscope, repo};
use serde_json::Value;

fn study_project() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let catalog = policyscope_testkit::shared("domain/catalog.tsv");
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("study");
    policyscope(&p)
        .arg("import")
        .arg("--init")
        .arg(policyscope_testkit::shared("corpus/study"))
        .arg("--catalog")
        .arg(&catalog)
        .assert()
        .success();
    (dir, p, catalog)
}

fn id_of(p: &Path, catalog_no: &str) -> i64 {
    let docs = json(policyscope(p).args(["docs", "list"]));
    docs.as_array()
        .unwrap()
        .iter()
        .find(|d| d["catalog_no"] == catalog_no && d["language"] == "zh")
        .unwrap_or_else(|| panic!("no document {catalog_no}"))["id"]
        .as_i64()
        .unwrap()
}

#[test]
fn generative_ai_measures_cite_the_four_laws_in_force_and_an_external_catalog_entry() {
    let (_d, p, catalog) = study_project();
    let seed = id_of(&p, "08").to_string();
    let with_catalog =
        json(policyscope(&p).args(["cite", "list", "--doc", &seed, "--catalog"]).arg(&catalog));
    let refs = with_catalog.as_array().unwrap();
    // In text order.
    let starts: Vec<i64> = refs.iter().map(|r| r["start"].as_i64().unwrap()).collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{starts:?}");
    let target_no = |name: &str| {
        refs.iter()
            .find(|r| r["name"].as_str().unwrap_or("").contains(name) && r["status"] == "resolved")
            .map(|r| r["target"]["catalog_no"].as_str().unwrap_or("").to_string())
    };
    assert_eq!(target_no("网络安全法").as_deref(), Some("13"));
    assert_eq!(target_no("数据安全法").as_deref(), Some("15"));
    assert_eq!(target_no("个人信息保护法").as_deref(), Some("14"));
    assert_eq!(target_no("科学技术进步法").as_deref(), Some("16"));
    let deep = |refs: &[Value]| {
        refs.iter().find(|r| r["name"].as_str().unwrap_or("").contains("深度合成")).unwrap()["status"].clone()
    };
    assert_eq!(deep(refs), "external");
    let without = json(policyscope(&p).args(["cite", "list", "--doc", &seed]));
    assert_eq!(deep(without.as_array().unwrap()), "unresolved");
}

#[test]
fn snowball_from_the_generative_ai_measures_is_recorded_and_reproducible() {
    let (dir, p, catalog) = study_project();
    let seed = id_of(&p, "08").to_string();
    let rules = repo().join("crates/cite/rules/study.toml");
    let run = |p: &Path| {
        json(
            policyscope(p)
                .args(["snowball", "--seed", &seed, "--no-save", "--rules"])
                .arg(&rules)
                .arg("--catalog")
                .arg(&catalog),
        )
    };
    let first = run(&p);
    let result = &first["result"];
    let rounds = result["rounds"].as_array().unwrap();
    assert!(rounds.len() >= 2, "{rounds:?}");
    for (i, r) in rounds.iter().enumerate() {
        for a in r["admitted"].as_array().unwrap() {
            assert_eq!(a["round"].as_u64(), Some(i as u64 + 1));
            assert!(a["rule"].as_str().is_some_and(|s| !s.is_empty()), "{a}");
            assert!(a["via"]["id"].as_i64().is_some(), "{a}");
        }
    }
    let admitted: Vec<String> = rounds
        .iter()
        .flat_map(|r| r["admitted"].as_array().unwrap().iter())
        .map(|a| a["doc"]["catalog_no"].as_str().unwrap_or("").to_string())
        .collect();
    for no in ["13", "14", "15", "16"] {
        assert!(admitted.iter().any(|a| a == no), "{no} not admitted: {admitted:?}");
    }
    assert_eq!(run(&p), first, "a re-run gives the same result");
    // GraphML of the sample, read back by networkx (the project's Python).
    let graphml = dir.path().join("g.graphml");
    policyscope(&p)
        .args(["graph", "--format", "graphml", "--seed", &seed, "--rules"])
        .arg(&rules)
        .arg("-o")
        .arg(&graphml)
        .assert()
        .success();
    let text = std::fs::read_to_string(&graphml).unwrap();
    assert!(text.contains("<graphml") && text.contains("<edge"));
    let out = std::process::Command::new(policyscope_testkit::python_with(&["networkx", "scipy"]))
        .arg("-c")
        .arg("import sys, networkx as nx; g = nx.read_graphml(sys.argv[1]); print(g.number_of_nodes(), g.number_of_edges())")
        .arg(&graphml)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "networkx could not read the GraphML: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let counts = String::from_utf8_lossy(&out.stdout);
    let nodes: usize = counts.split_whitespace().next().unwrap().parse().unwrap();
    assert!(nodes >= 5, "{counts}");
    let svg = dir.path().join("g.svg");
    policyscope(&p).args(["graph", "--format", "svg", "-o"]).arg(&svg).assert().success();
    let svg = std::fs::read_to_string(&svg).unwrap();
    assert!(svg.contains("<svg") && svg.contains("网络安全法"));
}

#[test]
fn cite_missing_lists_a_law_cited_before_its_only_version_and_unresolved_names() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    let law = "中华人民共和国某某法\n\n第一条 为了规范某某活动，制定本法。\n";
    let rules = "某某管理规定\n\n第一条 根据《中华人民共和国某某法》和《某某不存在条例》，制定本规定。\n";
    std::fs::write(docs.join("某某法(2021-06-10).md"), law).unwrap();
    std::fs::write(docs.join("某某管理规定(2018-05-24).md"), rules).unwrap();
    let p = dir.path().join("p");
    policyscope(&p).arg("import").arg("--init").arg(&docs).assert().success();
    let refs = json(policyscope(&p).args(["cite", "list"]));
    let law_ref = refs
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["status"] == "resolved")
        .unwrap_or_else(|| panic!("the law is resolved: {refs}"));
    assert_eq!(law_ref["version"], "later_than_citing");
    let note = law_ref["version_note"].as_str().unwrap_or("");
    assert!(note.contains("2018-05-24") && note.contains("2021-06-10"), "{note}");
    let w = json(policyscope(&p).args(["cite", "missing"]));
    let missing = w["missing_versions"].as_array().unwrap();
    assert_eq!(missing.len(), 1, "{w}");
    assert_eq!(missing[0]["title"], "中华人民共和国某某法");
    assert_eq!(missing[0]["needed"][0]["citing"]["date"], "2018-05-24");
    assert_eq!(missing[0]["needed"][0]["resolved_to"]["date"], "2021-06-10");
    let names: Vec<&str> =
        w["unresolved"].as_array().unwrap().iter().filter_map(|u| u["name"].as_str()).collect();
    assert_eq!(names, ["某某不存在条例"]);
    let text = policyscope(&p).args(["cite", "missing"]).output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("needs the version in force on 2018-05-24"), "{text}");
}
