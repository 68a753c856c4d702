//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::Path;

use policyscope_lab::runner::{self, Outcome};
use policyscope_lab::{Resolved, Spec};

/// Resolves spec text (relative files from the crate folder).
pub fn resolve(text: &str) -> Resolved {
    Spec::parse(text)
        .and_then(|s| s.resolve(Path::new(env!("CARGO_MANIFEST_DIR"))))
        .unwrap_or_else(|e| panic!("spec: {e}"))
}

/// Runs a resolved spec on the default pool.
pub fn run(r: &Resolved) -> Outcome {
    runner::run(r, None).unwrap_or_else(|e| panic!("run: {e}"))
}

/// Final global shares of every run.
pub fn shares(out: &Outcome) -> Vec<Vec<f64>> {
    out.runs
        .iter()
        .map(|r| r.summary.shares.split(';').map(|s| s.parse::<f64>().unwrap_or(f64::NAN)).collect())
        .collect()
}

/// One-sample Kolmogorov–Smirnov distance between `sample` and `cdf`.
pub fn ks_distance(sample: &mut [f64], cdf: impl Fn(f64) -> f64) -> f64 {
    sample.sort_by(f64::total_cmp);
    let n = sample.len() as f64;
    sample.iter().enumerate().fold(0.0f64, |d, (i, &x)| {
        let f = cdf(x);
        d.max((f - i as f64 / n).abs()).max(((i + 1) as f64 / n - f).abs())
    })
}
