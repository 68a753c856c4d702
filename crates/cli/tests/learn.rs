//! `policyscope code evaluate | learn | suggest | import-judgements` through
//! the command line: what a researcher sees, and the exit codes.

mod common;

use common::{json, policyscope, repo};

#[test]
fn evaluate_learn_and_suggest_report_and_refuse_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("proj");
    policyscope(&p).arg("import").arg("--init").arg(repo().join("examples/corpus")).assert().success();
    policyscope(&p).args(["code", "run", "--codebook", "builtin:study"]).assert().success();
    let proposals = json(policyscope(&p).args(["code", "review", "list", "-n", "1000"]));
    let ids: Vec<String> =
        proposals.as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap().to_string()).collect();
    assert!(ids.len() >= 4, "the example corpus gets proposals");
    policyscope(&p)
        .args(["code", "review", "accept", &ids[0], &ids[1], "--coder", "alice"])
        .assert()
        .success();
    policyscope(&p).args(["code", "review", "reject", &ids[2], "--coder", "alice"]).assert().success();

    // evaluate: one row per codable code, figures in JSON, kept for the report.
    let e = json(policyscope(&p).args(["code", "evaluate", "--against", "alice", "--decided-only"]));
    let decided: u64 = e["codes"].as_array().unwrap().iter().map(|c| c["units"].as_u64().unwrap()).sum();
    let tp: u64 = e["codes"].as_array().unwrap().iter().map(|c| c["counts"]["tp"].as_u64().unwrap()).sum();
    let fp: u64 = e["codes"].as_array().unwrap().iter().map(|c| c["counts"]["fp"].as_u64().unwrap()).sum();
    assert!(decided >= 3 && tp >= 2 && fp >= 1, "{e}");
    let out = policyscope(&p).args(["code", "evaluate", "--against", "nobody"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("alice"), "the known coders are named");

    // learn: two accepted passages are too few; the message says how many are needed.
    let out = policyscope(&p).args(["code", "learn"]).output().unwrap();
    assert!(!out.status.success(), "nothing learnt is a failure");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("needs at least 10 of each"), "{err}");
    // suggest without a model says what to do.
    let out = policyscope(&p).args(["code", "suggest"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("code learn"));

    // import-judgements: a malformed file is refused with its line, nothing stored.
    let bad = dir.path().join("bad.tsv");
    std::fs::write(&bad, "id\tstratum\tpath\tstart\tend\tIPR\tnote\nj1\ts\tx.md\t0\t5\tmaybe\t\n").unwrap();
    let out = policyscope(&p)
        .args(["code", "import-judgements"])
        .arg(&bad)
        .args(["--coder", "judge"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 2"));
}
