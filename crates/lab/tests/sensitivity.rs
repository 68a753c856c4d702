//! Sensitivity estimators against analytic cases, and end to end on a model.

mod common;

use common::{resolve, run};
use policyscope_lab::design::sobol;
use policyscope_lab::rng::aux_rng;
use policyscope_lab::sensitivity::analyse;

fn ishigami(x: &[f64]) -> f64 {
    let p: Vec<f64> = x.iter().map(|u| -std::f64::consts::PI + 2.0 * std::f64::consts::PI * u).collect();
    p[0].sin() + 7.0 * p[1].sin().powi(2) + 0.1 * p[2].powi(4) * p[0].sin()
}

#[test]
fn sobol_indices_of_ishigami_match_analytic_values() {
    let n = 1 << 13;
    let mut rng = aux_rng(42, 0);
    let rows = sobol::saltelli(n, 3).unwrap_or_else(|e| panic!("{e}"));
    let y: Vec<f64> = rows.iter().map(|r| ishigami(r)).collect();
    let idx = sobol::indices(&y, n, 3, 200, &mut rng);
    let s1 = [0.3139, 0.4424, 0.0];
    let st = [0.5576, 0.4424, 0.2437];
    for i in 0..3 {
        let (a, b) = (&idx[i], 3.0);
        assert!(
            (a.s1 - s1[i]).abs() < b * a.s1_se + 0.005,
            "S1[{i}] = {:.4} ± {:.4}, analytic {}",
            a.s1,
            a.s1_se,
            s1[i]
        );
        assert!(
            (a.st - st[i]).abs() < b * a.st_se + 0.005,
            "ST[{i}] = {:.4} ± {:.4}, analytic {}",
            a.st,
            a.st_se,
            st[i]
        );
        assert!(a.s1_lo <= a.s1 && a.s1 <= a.s1_hi, "S1 interval excludes the estimate");
    }
}

#[test]
fn morris_experiment_ranks_arthur_payoff_above_an_unused_parameter() {
    let r = resolve(
        "[experiment]\nid = \"m\"\nmodel = \"urn\"\nmaster_seed = 5\nreplicates = 400\n\
         [design]\nkind = \"morris\"\ntrajectories = 8\nlevels = 4\n\
         [design.factors]\na_r = { min = 0.5, max = 3.0 }\ntheta = { min = 0.5, max = 3.0 }\n\
         [base]\nkind = \"arthur\"\nsteps = 1500\nr = 0.1\ns = 0.1\n",
    );
    let out = run(&r);
    let s = analyse(&r, &out, "winner", 0).unwrap_or_else(|e| panic!("{e}"));
    let m = s.morris.unwrap_or_else(|| panic!("a Morris design gives Morris measures"));
    // P(B wins) = Δ_S/(Δ_R+Δ_S) falls from 0.67 to 0.25 over the a_r range; theta does not enter Arthur's model.
    assert!(m[0].mu_star > 0.3, "a_r: {:?}", m[0]);
    assert!(m[1].mu_star < m[0].mu_star / 2.0, "theta: {:?} vs a_r {:?}", m[1], m[0]);
}
