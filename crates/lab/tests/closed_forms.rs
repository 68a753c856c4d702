//! Verification against closed forms: Pólya → Beta, Arthur → gambler's ruin,
//! Bass agents → recursion and ODE, the Watts cascade window.

mod common;

use common::{ks_distance, resolve, run, shares};
use policyscope_lab::models::bass::BassConfig;
use policyscope_lab::models::{ModelConfig, ModelKind};
use policyscope_lab::rng::run_rng;

/// CDF of Beta(a, b) for integer a, b: the binomial tail sum.
fn beta_cdf(a: u32, b: u32, x: f64) -> f64 {
    let n = a + b - 1;
    let mut c = 1.0f64;
    let mut sum = 0.0;
    for j in 0..=n {
        if j > 0 {
            c *= f64::from(n - j + 1) / f64::from(j);
        }
        if j >= a {
            sum += c * x.powi(j as i32) * (1.0 - x).powi((n - j) as i32);
        }
    }
    sum
}

fn polya_spec(a: u32, b: u32, reps: u32) -> String {
    format!(
        "[experiment]\nid = \"polya\"\nmodel = \"urn\"\nmaster_seed = 7\nreplicates = {reps}\n\
         [base]\nkind = \"polya\"\nsteps = 3000\ninitial = [{a}, {b}]\n"
    )
}

#[test]
fn polya_urn_limit_share_follows_beta() {
    let n = 10_000;
    for (a, b) in [(1, 1), (2, 3)] {
        let out = run(&resolve(&polya_spec(a, b, n)));
        let mut x: Vec<f64> = shares(&out).iter().map(|s| s[0]).collect();
        let d = ks_distance(&mut x, |v| beta_cdf(a, b, v));
        // Critical value at p = 0.01 is 1.628/√n; the urn after 3,000 draws is within 1/3,000 of its limit.
        let crit = 1.628 / f64::from(n).sqrt() + 1.0 / 3000.0;
        assert!(d < crit, "Beta({a}, {b}): KS distance {d:.4} ≥ {crit:.4}");
    }
}

#[test]
fn arthur_absorption_probability_matches_gambler_ruin() {
    let reps = 4000;
    let text = format!(
        "[experiment]\nid = \"arthur\"\nmodel = \"urn\"\nmaster_seed = 11\nreplicates = {reps}\n\
         [base]\nkind = \"arthur\"\nsteps = 3000\ninitial = [0, 0]\na_r = 1.0\nb_r = 0.0\na_s = 0.0\nb_s = 1.0\nr = 0.1\ns = 0.05\n"
    );
    let r = resolve(&text.replace("initial = [0, 0]", "initial = [1, 1]"));
    let theory = match &r.configs[0] {
        ModelConfig::Urn(c) => c.arthur_p_a(),
        other => panic!("not an urn: {other:?}"),
    };
    assert!((theory - 1.0 / 3.0).abs() < 1e-12, "Δ_R = 10, Δ_S = 20 gives 1/3, got {theory}");
    let out = run(&r);
    let wins = out.runs.iter().filter(|x| x.summary.winner == Some(0)).count() as f64;
    let p = wins / f64::from(reps);
    let se = (theory * (1.0 - theory) / f64::from(reps)).sqrt();
    assert!((p - theory).abs() < 3.0 * se, "P(A) = {p:.4}, theory {theory:.4}, SE {se:.4}");
}

fn bass_mean(agent_based: bool, reps: u32) -> (f64, f64) {
    let text = format!(
        "k = 1\nsteps = 100\ndt = 0.1\nagent_based = {agent_based}\nblocs = [{{ name = \"all\", size = 10000, p = 0.03, q = 0.38 }}]\n"
    );
    let cfg =
        ModelConfig::from_value(ModelKind::Bass, toml::from_str(&text).unwrap_or_else(|e| panic!("{e}")))
            .unwrap_or_else(|e| panic!("{e}"));
    let finals: Vec<f64> = (0..reps)
        .map(|rep| {
            let mut rng = run_rng(5, u32::from(agent_based), rep);
            let mut m = cfg.build(&mut rng).unwrap_or_else(|e| panic!("{e}"));
            for t in 0..100 {
                m.step(t, &mut rng);
            }
            m.counts().iter().sum::<u64>() as f64 / 10_000.0
        })
        .collect();
    let mean = finals.iter().sum::<f64>() / f64::from(reps);
    let sd = (finals.iter().map(|f| (f - mean).powi(2)).sum::<f64>() / f64::from(reps - 1)).sqrt();
    (mean, sd / f64::from(reps).sqrt())
}

#[test]
fn bass_agents_match_the_recursion_and_the_ode() {
    let recursion = BassConfig::recursion(0.03, 0.38, 0.1, 100)[100];
    let ode = BassConfig::closed_form(0.03, 0.38, 10.0);
    // The recursion is the ODE's Euler scheme: its error is O(dt).
    assert!((recursion - ode).abs() < 0.02, "recursion {recursion:.4} vs ODE {ode:.4}");
    for agent_based in [true, false] {
        let (mean, se) = bass_mean(agent_based, 200);
        // Jensen's gap of the stochastic mean is O(1/N) = 1e-4; allow it beside 3 SE.
        assert!(
            (mean - recursion).abs() < 3.0 * se + 2e-4,
            "agent_based = {agent_based}: mean {mean:.5} vs recursion {recursion:.5} (SE {se:.5})"
        );
    }
}

fn cascade_share(z: f64) -> f64 {
    let reps = 40;
    let text = format!(
        "[experiment]\nid = \"watts\"\nmodel = \"netchoice\"\nmaster_seed = 3\nreplicates = {reps}\n\
         [base]\nn = 10000\nk = 2\nsteps = 60\nrule = \"threshold\"\nupdate = \"sync\"\nphi = 0.18\nsink = 1\ninit = [1.0, 0.0]\n\
         graph = {{ kind = \"er\", mean_degree = {z:.1} }}\n\
         [[base.policy]]\nkind = \"seed\"\nstandard = 1\nt_on = 0\nstrength = 0.0005\n"
    );
    let out = run(&resolve(&text));
    shares(&out).iter().filter(|s| s[1] > 0.5).count() as f64 / f64::from(reps)
}

#[test]
fn watts_cascades_happen_inside_the_window_only() {
    let (below, inside, above) = (cascade_share(0.5), cascade_share(4.0), cascade_share(16.0));
    assert!(
        inside > 0.3,
        "z = 4, φ = 0.18 lies in the cascade window; global cascades in {inside:.2} of runs"
    );
    assert!(below < 0.05, "z = 0.5 is below percolation; cascades in {below:.2} of runs");
    assert!(above < 0.05, "z = 16 leaves no percolating vulnerable cluster; cascades in {above:.2} of runs");
}

#[test]
fn nonlinear_urn_settles_on_its_stable_fixed_points() {
    let spec = |theta: f64| {
        format!(
            "[experiment]\nid = \"nl\"\nmodel = \"urn\"\nmaster_seed = 13\nreplicates = 300\n\
             [base]\nkind = \"nonlinear\"\nsteps = 4000\ntheta = {theta:.1}\ninitial = [1, 1]\n"
        )
    };
    // θ > 1: f(x) = x^θ/(x^θ + (1−x)^θ) has stable points 0 and 1 (lock-in).
    let locked = shares(&run(&resolve(&spec(2.0))));
    let near_edge = locked.iter().filter(|s| s[0] < 0.05 || s[0] > 0.95).count();
    assert!(near_edge >= 285, "θ = 2: {near_edge} of 300 runs near 0 or 1");
    // θ < 1: the only stable point is ½ (coexistence).
    let mixed = shares(&run(&resolve(&spec(0.5))));
    let near_half = mixed.iter().filter(|s| (s[0] - 0.5).abs() < 0.05).count();
    assert!(near_half >= 285, "θ = 0.5: {near_half} of 300 runs near ½");
}

#[test]
fn coalition_runs_end_in_the_hand_computed_split() {
    // Firms 0 and 1 gain from one standard, both are rivals of firm 2: the
    // only least-frustrated split is {0, 1} against {2}, and from any start
    // the firms' moves reach it, so every run ends with alliances of 2 and 1.
    let r = resolve(
        "[experiment]\nid = \"triangle\"\nmodel = \"coalition\"\nmaster_seed = 3\nreplicates = 200\n\
         [base]\nsizes = [1, 1, 1]\nsteps = 60\n\
         propensity = [[0.0, 1.0, -1.0], [1.0, 0.0, -1.0], [-1.0, -1.0, 0.0]]\n",
    );
    let out = run(&r);
    for (i, s) in shares(&out).iter().enumerate() {
        let mut s = s.clone();
        s.sort_by(f64::total_cmp);
        // Shares are written with six decimals.
        assert!((s[0] - 1.0 / 3.0).abs() < 1e-5 && (s[1] - 2.0 / 3.0).abs() < 1e-5, "run {i}: shares {s:?}");
    }
}
