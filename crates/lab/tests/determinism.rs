//! Reproducibility: identical output bytes whatever the thread count, and a
//! replayed run equal to the same run inside a batch.

mod common;

use common::resolve;
use policyscope_lab::runner::{self, output};

const SPEC: &str = r#"
[experiment]
id = "det"
model = "netchoice"
master_seed = 99
replicates = 3
record_every = 25
[design]
kind = "grid"
[design.factors]
"policy[0].t_on" = [0, 40]
"graph.kappa" = [0.05, 0.3]
[base]
n = 600
k = 3
steps = 100
blocs = [{ name = "home", share = 0.4 }, { name = "rival", share = 0.6 }]
[[base.policy]]
kind = "subsidy"
bloc = "home"
standard = 0
duration = 30
strength = 1.0
"#;

#[test]
fn outputs_are_byte_identical_with_one_and_two_threads() {
    let r = resolve(SPEC);
    let dirs: Vec<tempfile::TempDir> =
        (0..2).map(|_| tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))).collect();
    for (threads, dir) in [1, 2].into_iter().zip(&dirs) {
        let out = runner::run(&r, Some(threads)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(out.threads, threads);
        output::write_all(dir.path(), &r, &out).unwrap_or_else(|e| panic!("{e}"));
    }
    for file in
        ["summary.csv", "aggregate.csv", "aggregate.json", "configs.csv", "series.csv", "policy-window.svg"]
    {
        let read = |d: &tempfile::TempDir| {
            std::fs::read(d.path().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
        };
        let (a, b) = (read(&dirs[0]), read(&dirs[1]));
        assert!(!a.is_empty(), "{file} is empty");
        assert!(a == b, "{file} differs between 1 and 2 threads");
    }
}

#[test]
fn synchronous_updating_is_byte_identical_with_one_and_two_threads() {
    // The synchronous kernel applies switches after all choices: its tallies
    // must not depend on which thread ran which run.
    let r = resolve(&SPEC.replace("n = 600", "n = 600\nupdate = \"sync\""));
    let series: Vec<Vec<u8>> = [1, 2]
        .into_iter()
        .map(|threads| {
            let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
            let out = runner::run(&r, Some(threads)).unwrap_or_else(|e| panic!("{e}"));
            output::write_all(dir.path(), &r, &out).unwrap_or_else(|e| panic!("{e}"));
            std::fs::read(dir.path().join("series.csv")).unwrap_or_else(|e| panic!("{e}"))
        })
        .collect();
    assert!(!series[0].is_empty());
    assert!(series[0] == series[1], "series.csv differs between 1 and 2 threads");
}

#[test]
fn replayed_run_equals_the_same_run_in_the_batch() {
    let r = resolve(SPEC);
    let out = runner::run(&r, Some(2)).unwrap_or_else(|e| panic!("{e}"));
    for run in [0u64, 7, 11] {
        let again = runner::replay(&r, run).unwrap_or_else(|e| panic!("{e}"));
        let batch = &out.runs[run as usize];
        assert_eq!(again.summary, batch.summary, "run {run}");
        let last_batch: Vec<f64> = batch.records.iter().filter(|x| x.step == 100).map(|x| x.share).collect();
        let last_replay: Vec<f64> = again.records.iter().filter(|x| x.step == 100).map(|x| x.share).collect();
        assert_eq!(last_batch, last_replay, "run {run}: final shares differ");
        assert_eq!(again.records.len(), 101 * 2 * 3, "replay records every step");
    }
}
