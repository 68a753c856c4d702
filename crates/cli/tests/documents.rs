//! `docs edit`, `docs link-translation` and the one document numbering: a
//! catalog number shared by an original and its translation names the
//! original once they are linked, and tables count the pair once.

mod common;

use std::path::PathBuf;

use common::{json, policyscope, repo};
use serde_json::Value;

/// The generative-AI measures (08) in Chinese and English and the laws they
/// cite, imported with the study catalog (which numbers both texts 08).
fn project() -> (tempfile::TempDir, PathBuf, i64, i64) {
    let study = policyscope_testkit::shared("corpus/study");
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("p");
    policyscope(&p)
        .arg("import")
        .arg("--init")
        .arg(study.join("08-generative-ai-services-interim-measures-2023.md"))
        .arg(study.join("en/08-generative-ai-services-interim-measures.casi-en.md"))
        .arg(study.join("13-cybersecurity-law-2016.md"))
        .arg("--catalog")
        .arg(policyscope_testkit::shared("domain/catalog.tsv"))
        .assert()
        .success();
    let docs = json(policyscope(&p).args(["docs", "list"]));
    let id = |lang: &str| {
        docs.as_array().unwrap().iter().find(|d| d["catalog_no"] == "08" && d["language"] == lang).unwrap()
            ["id"]
            .as_i64()
            .unwrap()
    };
    let (zh, en) = (id("zh"), id("en"));
    (dir, p, zh, en)
}

fn snowball_seed(p: &std::path::Path, seed: &str) -> std::process::Output {
    policyscope(p)
        .args(["snowball", "--no-save", "--json", "--seed", seed, "--rules"])
        .arg(repo().join("crates/cite/rules/study.toml"))
        .output()
        .unwrap()
}

#[test]
fn shared_catalog_number_names_the_original_once_the_translation_is_linked() {
    let (_d, p, zh, en) = project();
    // Unlinked, `no:08` is ambiguous and says which documents it could be.
    let out = snowball_seed(&p, "no:08");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("matches 2 documents") && err.contains(&format!("#{en}")), "{err}");

    policyscope(&p).args(["docs", "link-translation", &en.to_string(), &zh.to_string()]).assert().success();
    let out = snowball_seed(&p, "no:08");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let run: Value = serde_json::from_slice(&out.stdout).unwrap();
    let seeds: Vec<i64> = run["result"]["seeds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["doc"]["id"].as_i64().unwrap_or(-1))
        .collect();
    assert_eq!(seeds, vec![zh], "{run}");

    // The translation has its own label, which names it.
    let docs = json(policyscope(&p).args(["docs", "list"]));
    let label =
        |id: i64| docs.as_array().unwrap().iter().find(|d| d["id"] == id).unwrap()["translation_of"].clone();
    assert_eq!(label(en), serde_json::json!(zh));
    let list = policyscope(&p).args(["docs", "list"]).output().unwrap();
    let text = String::from_utf8_lossy(&list.stdout);
    assert!(text.lines().any(|l| l.contains("08-en")), "{text}");
    let shown = json(policyscope(&p).args(["docs", "show", "08-en"]));
    assert_eq!(shown["id"], en, "a label names its document");
    let show = policyscope(&p).args(["docs", "show", &zh.to_string()]).output().unwrap();
    assert!(String::from_utf8_lossy(&show.stdout).contains(&format!("translations: #{en}")));
    // A self-link is refused with the reason.
    let out = policyscope(&p).args(["docs", "link-translation", "no:08", "no:08"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("itself"));
}

#[test]
fn tables_count_a_translation_with_its_original_unless_asked() {
    let (_d, p, zh, en) = project();
    policyscope(&p).args(["docs", "link-translation", &en.to_string(), &zh.to_string()]).assert().success();
    policyscope(&p).args(["code", "run", "--codebook", "builtin:study"]).assert().success();
    for doc in [zh, en] {
        policyscope(&p)
            .args([
                "code",
                "review",
                "add",
                "--doc",
                &doc.to_string(),
                "--code",
                "IPR",
                "--start",
                "0",
                "--end",
                "5",
            ])
            .args(["--coder", "alice"])
            .assert()
            .success();
    }
    let row = |extra: &[&str]| -> Value {
        let t = json(policyscope(&p).args(["query", "table", "--coder", "alice"]).args(extra));
        t["codes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["path"].as_str().unwrap().ends_with("IPR"))
            .unwrap()
            .clone()
    };
    let merged = row(&[]);
    assert_eq!(merged["count"], 1, "{merged}");
    assert_eq!(merged["documents"][0]["id"], zh);
    assert_eq!(merged["documents"][0]["label"], "08");
    let separate = row(&["--include-translations"]);
    assert_eq!(separate["count"], 2, "{separate}");
    let labels: Vec<&str> =
        separate["documents"].as_array().unwrap().iter().map(|d| d["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["08", "08-en"]);
}

#[test]
fn docs_edit_changes_metadata_and_refuses_impossible_dates() {
    let (_d, p, zh, _en) = project();
    let id = zh.to_string();
    let meta = json(
        policyscope(&p)
            .args(["docs", "edit", &id, "--title", "生成式人工智能服务管理暂行办法（修订）"])
            .args(["--date", "2023年7月10日", "--type", "办法", "--docno", "国家互联网信息办公室令第15号"]),
    );
    assert_eq!(meta["title"], "生成式人工智能服务管理暂行办法（修订）");
    assert_eq!(meta["date"], "2023-07-10");
    assert_eq!(meta["doc_type"], "办法");
    let shown = json(policyscope(&p).args(["docs", "show", &id]));
    assert_eq!(shown["docno"], "国家互联网信息办公室令第15号");
    // The search index follows the new title.
    let hits = json(policyscope(&p).args(["search", "title:修订"]));
    assert_eq!(hits["total"], 1, "{hits}");
    let out = policyscope(&p).args(["docs", "edit", &id, "--date", "2023-02-30"]).output().unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("2023-02-30"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = policyscope(&p).args(["docs", "edit", &id]).output().unwrap();
    assert!(!out.status.success(), "an edit without a field is refused");
    // Emptying fields; the others stay, and the date filter follows.
    let meta = json(policyscope(&p).args(["docs", "edit", &id, "--clear", "date", "--clear", "docno"]));
    assert!(meta["date"].is_null() && meta["docno"].is_null(), "{meta}");
    assert_eq!(meta["doc_type"], "办法");
    let hits = json(policyscope(&p).args(["search", "title:修订", "--from", "2000"]));
    assert_eq!(hits["total"], 0, "an undated document is outside every date range: {hits}");
    for bad in [&["--clear", "title"][..], &["--clear", "date", "--date", "2020"], &["--clear", "colour"]] {
        let out = policyscope(&p).args(["docs", "edit", &id]).args(bad).output().unwrap();
        assert!(!out.status.success(), "{bad:?} is refused");
        assert!(!String::from_utf8_lossy(&out.stderr).trim().is_empty(), "{bad:?} says why");
    }
    assert_eq!(
        json(policyscope(&p).args(["docs", "show", &id]))["doc_type"],
        "办法",
        "nothing changed by a refusal"
    );
}
