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
