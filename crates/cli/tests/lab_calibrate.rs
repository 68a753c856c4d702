//! `lab calibrate --target-code`: calibration targets derived from a coded
//! project equal the query crate's trend figures, and the calibration runs
//! on them.

mod common;

use std::path::Path;

use common::{json, policyscope, repo};

/// A two-code codebook: documents that speak of standards, of data.
const CODEBOOK: &str = r#"
[codebook]
name = "mini"
version = "1"
doc_rule = "any"

[[code]]
name = "Policy"
folder = true

[[code]]
name = "Standards"
parent = "Policy"
[[code.rule]]
id = "standards"
terms = ["标准", "standard"]

[[code]]
name = "Data"
parent = "Policy"
[[code.rule]]
id = "data"
terms = ["数据", "data"]
"#;

/// A non-linear Pólya urn whose exponent θ is the prior (uniform on [0.5, 3]).
const SPEC: &str = r#"
[experiment]
id = "coded-urn"
model = "urn"
master_seed = 7
[design]
kind = "lhs"
samples = 60
[design.factors]
theta = { min = 0.5, max = 3.0 }
[base]
kind = "nonlinear"
steps = 100
[calibrate]
accept = 0.1
"#;

/// The example corpus imported and coded with [`CODEBOOK`]; the spec beside it.
fn coded_project(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let p = dir.join("proj");
    policyscope(&p).arg("import").arg("--init").arg(repo().join("examples/corpus")).assert().success();
    let book = dir.join("mini.toml");
    std::fs::write(&book, CODEBOOK).unwrap();
    policyscope(&p).args(["code", "run", "--codebook"]).arg(&book).assert().success();
    let spec = dir.join("urn.toml");
    std::fs::write(&spec, SPEC).unwrap();
    (p, spec)
}

#[test]
fn targets_derived_from_codings_equal_the_query_trend_and_calibrate() {
    let dir = tempfile::tempdir().unwrap();
    let (p, spec) = coded_project(dir.path());
    let trend = json(policyscope(&p).args(["query", "trend"]));
    let years: Vec<&str> = trend["years"].as_array().unwrap().iter().map(|y| y.as_str().unwrap()).collect();
    let row = trend["codes"].as_array().unwrap().iter().find(|c| c["path"] == "Policy/Data").unwrap();
    // (year, coded, documents) of every dated year, as `query trend` reports them.
    let want: Vec<(i64, u64, u64)> = years
        .iter()
        .enumerate()
        .filter(|(_, y)| **y != "undated")
        .map(|(i, y)| {
            (
                y.parse().unwrap(),
                row["documents"][i].as_u64().unwrap(),
                trend["corpus_documents"][i].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(want.len() >= 3, "the examples span several years: {want:?}");
    assert!(want.iter().any(|w| w.1 > 0) && want.iter().any(|w| w.1 < w.2), "a varying series: {want:?}");
    let out = dir.path().join("abc");
    let run = json(
        policyscope(&p)
            .args(["lab", "calibrate", "--spec"])
            .arg(&spec)
            .args(["--target-code", "Data", "--steps-per-year", "10", "--t-on", "5", "--out"])
            .arg(&out),
    );
    let observed = &run["observed"];
    assert_eq!(observed["code"], "Policy/Data");
    let got: Vec<(i64, f64, f64, f64, u64)> = observed["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| {
            let f = |k: &str| y[k].as_f64().unwrap();
            (
                y["year"].as_i64().unwrap(),
                f("documents"),
                f("corpus_documents"),
                f("share"),
                y["step"].as_u64().unwrap(),
            )
        })
        .collect();
    let first = want[0].0;
    let expected: Vec<(i64, f64, f64, f64, u64)> = want
        .iter()
        .map(|&(y, d, n)| (y, d as f64, n as f64, d as f64 / n as f64, 5 + 10 * (y - first + 1) as u64))
        .collect();
    assert_eq!(got, expected);
    // The calibration matched those shares: one target per year, the accepted
    // share of the 60 prior draws, and its files.
    let post = &run["posterior"];
    let targets: Vec<f64> =
        post["targets"].as_array().unwrap().iter().map(|t| t[1].as_f64().unwrap()).collect();
    assert_eq!(targets, expected.iter().map(|e| e.3).collect::<Vec<_>>());
    assert_eq!(post["draws"], 60);
    assert_eq!(post["accepted"].as_array().unwrap().len(), 6);
    let theta = &post["marginals"][0];
    assert_eq!(theta["factor"], "theta");
    let (lo, hi) = (theta["q025"].as_f64().unwrap(), theta["q975"].as_f64().unwrap());
    assert!((0.5..=3.0).contains(&lo) && lo <= hi && hi <= 3.0, "{theta}");
    let csv = std::fs::read_to_string(out.join("accepted.csv")).unwrap();
    assert_eq!(csv.lines().count(), 7, "{csv}");
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("posterior.json")).unwrap()).unwrap();
    assert_eq!(saved["observed"], *observed);
}

#[test]
fn target_code_not_in_the_project_is_refused_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let (p, spec) = coded_project(dir.path());
    let out = policyscope(&p)
        .args(["lab", "calibrate", "--spec"])
        .arg(&spec)
        .args(["--target-code", "NoSuchCode", "--out"])
        .arg(dir.path().join("abc"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("NoSuchCode"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
