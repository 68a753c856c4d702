//! Rejection ABC recovers a parameter whose true value is known: data are
//! simulated with τ₀, then τ is calibrated from a wide prior.

mod common;

use std::collections::BTreeMap;

use common::{resolve, run};
use policyscope_lab::calibrate::calibrate;

/// Logit choice on quality alone (no network effects): the stationary share
/// of the better standard is 1 / (1 + e^(−1/τ)), so the final leader share
/// identifies the noise τ.
fn spec(design: &str, tau: &str) -> String {
    format!(
        "[experiment]\nid = \"abc\"\nmodel = \"netchoice\"\nmaster_seed = 11\nreplicates = 1\n{design}\n\
         [base]\nn = 400\nk = 2\nsteps = 4\nupdate = \"sync\"\ntau = {tau}\nbeta = 0.0\n\
         gamma_bloc = 0.0\ngamma_global = 0.0\nquality = [1.0, 0.0]\n\
         graph = {{ kind = \"er\", mean_degree = 4 }}\n"
    )
}

#[test]
fn posterior_of_logit_noise_covers_the_value_that_made_the_data() {
    let tau0 = 0.5;
    let observed = run(&resolve(&spec("", &tau0.to_string())));
    let target = observed.runs[0].summary.leader_share;
    let prior = "[design]\nkind = \"lhs\"\nsamples = 1500\n[design.factors]\ntau = { min = 0.1, max = 2.0 }";
    let r = resolve(&spec(prior, "1.0"));
    let out = run(&r);
    let targets = BTreeMap::from([("leader_share".to_string(), target)]);
    let p = calibrate(&r, &out, &targets, 0.05).unwrap_or_else(|e| panic!("calibrate: {e}"));
    let m = &p.marginals[0];
    assert_eq!(m.factor, "tau");
    eprintln!("τ posterior mean {:.3}, sd {:.3}, 95 % [{:.3}, {:.3}]", m.mean, m.sd, m.q025, m.q975);
    assert_eq!(p.accepted.len(), 75);
    assert!(m.q025 <= tau0 && tau0 <= m.q975, "95 % interval [{}, {}] misses τ₀ = {tau0}", m.q025, m.q975);
    assert!(
        m.q975 - m.q025 < 0.3 * (2.0 - 0.1),
        "posterior [{}, {}] barely narrower than the prior",
        m.q025,
        m.q975
    );
    assert!((m.mean - tau0).abs() < 2.0 * m.sd + 0.02, "posterior mean {} ± {}", m.mean, m.sd);
}

#[test]
fn recorded_share_series_calibrates_like_the_final_summary() {
    use policyscope_lab::calibrate::{calibrate_to, Observable, Target};
    let tau0 = 0.5;
    let with_recording = |design: &str, tau: &str| {
        spec(design, tau).replace("replicates = 1", "replicates = 1\nrecord_every = 1")
    };
    let observed = run(&resolve(&with_recording("", &tau0.to_string())));
    // The better standard's share at the end of every step, as a series of targets.
    let targets: Vec<Target> = observed.runs[0]
        .records
        .iter()
        .filter(|r| r.step > 0 && r.standard == 0)
        .map(|r| Target {
            label: format!("share@{}", r.step),
            observable: Observable::Share { step: r.step, bloc: r.bloc, standard: 0 },
            value: r.share,
        })
        .collect();
    assert_eq!(targets.len(), 4);
    let prior = "[design]\nkind = \"lhs\"\nsamples = 1500\n[design.factors]\ntau = { min = 0.1, max = 2.0 }";
    let r = resolve(&with_recording(prior, "1.0"));
    let p = calibrate_to(&r, &run(&r), &targets, 0.05).unwrap_or_else(|e| panic!("calibrate: {e}"));
    let m = &p.marginals[0];
    eprintln!(
        "τ posterior from the series: mean {:.3}, sd {:.3}, 95 % [{:.3}, {:.3}]",
        m.mean, m.sd, m.q025, m.q975
    );
    assert_eq!(p.targets.len(), 4);
    assert!(m.q025 <= tau0 && tau0 <= m.q975, "95 % interval [{}, {}] misses τ₀ = {tau0}", m.q025, m.q975);
    assert!(
        m.q975 - m.q025 < 0.3 * (2.0 - 0.1),
        "posterior [{}, {}] barely narrower than the prior",
        m.q025,
        m.q975
    );
    // A step the spec does not record cannot be matched.
    let unrecorded = resolve(&spec(prior, "1.0"));
    assert!(calibrate_to(&unrecorded, &run(&unrecorded), &targets, 0.05).is_err());
}

#[test]
fn coded_share_spec_reads_a_coded_series_as_a_quality_gap() {
    use policyscope_lab::calibrate::calibrate_to;
    use policyscope_lab::forcing::TrendRow;
    use policyscope_lab::observed::{derive, SeriesMapping};
    // Six years in which 2, 3, 2, 4, 2 and 3 of 10 documents carry the code.
    let coded = [2.0, 3.0, 2.0, 4.0, 2.0, 3.0];
    let rows: Vec<TrendRow> = coded
        .iter()
        .zip(2015..)
        .map(|(&d, year)| TrendRow {
            code: "Target/Internationalisation".into(),
            year,
            documents: d,
            passages: d,
            corpus_documents: 10.0,
            weighted: None,
        })
        .collect();
    let m = SeriesMapping {
        code: "Internationalisation".into(),
        steps_per_year: 10,
        t_on: 0,
        bloc: None,
        standard: 0,
    };
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("specs/coded-share.toml");
    let mut spec = policyscope_lab::Spec::read(&path).unwrap_or_else(|e| panic!("{e}"));
    spec.experiment.record_every = m.recording(spec.experiment.record_every);
    let r = spec.resolve(path.parent().unwrap_or(&path)).unwrap_or_else(|e| panic!("{e}"));
    let series = derive(&rows, &m, &r).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(series.bloc, "home");
    let p = calibrate_to(&r, &run(&r), &series.targets(), 0.05).unwrap_or_else(|e| panic!("{e}"));
    // The spec's expectation: τ·ln(s/(1 − s)) for the mean coded share s (τ = 1).
    let s = coded.iter().sum::<f64>() / 60.0;
    let gap = (s / (1.0 - s)).ln();
    let m = &p.marginals[0];
    eprintln!("quality[0] posterior mean {:.3}, sd {:.3}; τ·logit(s̄) = {gap:.3}", m.mean, m.sd);
    assert!(m.mean < 0.0, "a code in few documents gives a negative gap");
    assert!((m.mean - gap).abs() < 0.2, "posterior mean {} far from {gap}", m.mean);
}
