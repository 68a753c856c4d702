//! Calibration by rejection ABC (approximate Bayesian computation).
//!
//! Assumptions: the priors are independent and uniform on the ranges of a
//! Latin-hypercube design (`[design] kind = "lhs"`, one draw per
//! configuration; the stratified draws have the prior's marginals); every
//! run is one simulated data set; the distance between a run and the targets
//! is Euclidean over the targets (named summaries, or shares recorded at
//! given steps, e.g. a coded series mapped by [`crate::observed`]), each
//! divided by its spread (sd) across all prior runs, so targets on different
//! scales weigh alike; the
//! `accept` fraction of runs nearest the targets is kept (a quantile
//! tolerance). The accepted parameter values approximate the posterior; with
//! few draws or a wide tolerance it leans toward the prior.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::design::DesignKind;
use crate::error::{check_range, LabError, Result};
pub use crate::observed::{Observable, Target};
use crate::runner::Outcome;
use crate::spec::Resolved;

/// The `[calibrate]` table of a spec.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Calibrate {
    /// Share of runs accepted, nearest first.
    #[serde(default = "five_percent")]
    pub accept: f64,
    /// Observed value of each named summary (see [`crate::summary::METRICS`]).
    #[serde(default)]
    pub targets: BTreeMap<String, f64>,
}

fn five_percent() -> f64 {
    0.05
}

impl Default for Calibrate {
    fn default() -> Self {
        Calibrate { accept: five_percent(), targets: BTreeMap::new() }
    }
}

/// One accepted run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Accepted {
    /// Run number (as in `summary.csv`).
    pub run: u64,
    /// Configuration (prior draw).
    pub config: u32,
    /// Scaled distance to the targets.
    pub distance: f64,
    /// Factor values, in factor order.
    pub values: Vec<f64>,
}

/// The approximate posterior of one factor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Marginal {
    /// Parameter path.
    pub factor: String,
    /// Smallest and largest prior draw.
    pub prior: (f64, f64),
    /// Posterior mean.
    pub mean: f64,
    /// Posterior standard deviation.
    pub sd: f64,
    /// 2.5 % quantile.
    pub q025: f64,
    /// 97.5 % quantile.
    pub q975: f64,
}

/// What a calibration found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Posterior {
    /// Targets as used: (label, observed value, scale).
    pub targets: Vec<(String, f64, f64)>,
    /// Runs simulated from the prior.
    pub draws: usize,
    /// Largest accepted distance (the tolerance the quantile gave).
    pub tolerance: f64,
    /// Accepted runs, nearest first.
    pub accepted: Vec<Accepted>,
    /// Per-factor posterior summaries.
    pub marginals: Vec<Marginal>,
}

fn number(v: &toml::Value) -> f64 {
    v.as_float().or_else(|| v.as_integer().map(|i| i as f64)).unwrap_or(f64::NAN)
}

/// Keeps the runs of `outcome` (simulated from the prior design of
/// `resolved`) nearest the named summaries `targets`, the `accept` share of them.
pub fn calibrate(
    resolved: &Resolved,
    outcome: &Outcome,
    targets: &BTreeMap<String, f64>,
    accept: f64,
) -> Result<Posterior> {
    let targets: Vec<Target> = targets.iter().map(|(n, v)| Target::summary(n, *v)).collect();
    calibrate_to(resolved, outcome, &targets, accept)
}

/// Keeps the runs of `outcome` (simulated from the prior design of
/// `resolved`) nearest `targets` — summaries and recorded shares — the
/// `accept` share of them.
pub fn calibrate_to(
    resolved: &Resolved,
    outcome: &Outcome,
    targets: &[Target],
    accept: f64,
) -> Result<Posterior> {
    if resolved.design.kind != DesignKind::Lhs {
        return Err(LabError::param("design.kind", "calibration draws from priors: use an `lhs` design"));
    }
    check_range("calibrate.accept", accept, 1e-6, 1.0)?;
    if targets.is_empty() {
        return Err(LabError::param("calibrate.targets", "name at least one summary to match"));
    }
    for t in targets {
        t.check(resolved)?;
    }
    let horizon = |c: u32| resolved.configs.get(c as usize).map_or(0, |m| m.steps());
    // Values per run; runs missing one (e.g. no scored policy) are left out.
    let rows: Vec<(usize, Vec<f64>)> = outcome
        .runs
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let h = horizon(r.summary.config);
            targets.iter().map(|t| t.read(r, h)).collect::<Option<Vec<f64>>>().map(|v| (i, v))
        })
        .collect();
    if rows.len() < 2 {
        return Err(LabError::param("calibrate.targets", "fewer than two runs have every target value"));
    }
    let scales: Vec<f64> = (0..targets.len())
        .map(|j| {
            let m = rows.iter().map(|r| r.1[j]).sum::<f64>() / rows.len() as f64;
            let var = rows.iter().map(|r| (r.1[j] - m).powi(2)).sum::<f64>() / (rows.len() - 1) as f64;
            // A summary that never varies cannot discriminate: unit scale.
            if var > 0.0 {
                var.sqrt()
            } else {
                1.0
            }
        })
        .collect();
    let goal: Vec<f64> = targets.iter().map(|t| t.value).collect();
    let mut scored: Vec<(f64, usize)> = rows
        .iter()
        .map(|(i, v)| {
            let d2: f64 = v.iter().zip(&goal).zip(&scales).map(|((x, g), s)| ((x - g) / s).powi(2)).sum();
            (d2.sqrt(), *i)
        })
        .collect();
    scored.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let keep = ((rows.len() as f64 * accept).ceil() as usize).clamp(1, rows.len());
    let d = &resolved.design;
    let accepted: Vec<Accepted> = scored[..keep]
        .iter()
        .map(|&(distance, i)| {
            let s = &outcome.runs[i].summary;
            let values =
                d.rows.get(s.config as usize).map_or_else(Vec::new, |r| r.iter().map(number).collect());
            Accepted { run: s.run, config: s.config, distance, values }
        })
        .collect();
    let marginals = d
        .factors
        .iter()
        .enumerate()
        .map(|(f, factor)| {
            let prior_vals: Vec<f64> = d.rows.iter().map(|r| number(&r[f])).collect();
            let prior = prior_vals
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &x| (lo.min(x), hi.max(x)));
            let mut v: Vec<f64> = accepted.iter().map(|a| a.values[f]).collect();
            v.sort_by(f64::total_cmp);
            let mean = v.iter().sum::<f64>() / v.len() as f64;
            let sd =
                (v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (v.len() as f64 - 1.0).max(1.0)).sqrt();
            let q = |p: f64| v[((p * (v.len() - 1) as f64).round() as usize).min(v.len() - 1)];
            Marginal { factor: factor.clone(), prior, mean, sd, q025: q(0.025), q975: q(0.975) }
        })
        .collect();
    Ok(Posterior {
        targets: targets.iter().zip(&scales).map(|(t, s)| (t.label.clone(), t.value, *s)).collect(),
        draws: rows.len(),
        tolerance: scored[keep - 1].0,
        accepted,
        marginals,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::Spec;

    fn resolve(kind: &str) -> Resolved {
        let text = format!(
            "[experiment]\nid = \"c\"\nmodel = \"urn\"\nmaster_seed = 1\nreplicates = 1\n\
             [design]\nkind = \"{kind}\"\nsamples = 20\n[design.factors]\ntheta = {{ min = 0.5, max = 3.0 }}\n\
             [base]\nkind = \"nonlinear\"\nsteps = 50\n"
        );
        Spec::parse(&text)
            .and_then(|s| s.resolve(std::path::Path::new(".")))
            .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn calibration_needs_a_prior_design_known_targets_and_a_share() {
        let r = resolve("lhs");
        let out = crate::runner::run(&r, Some(1)).unwrap_or_else(|e| panic!("{e}"));
        let t = |n: &str| BTreeMap::from([(n.to_string(), 0.5)]);
        assert!(calibrate(&r, &out, &t("no_such_summary"), 0.1).is_err());
        assert!(calibrate(&r, &out, &BTreeMap::new(), 0.1).is_err());
        assert!(calibrate(&r, &out, &t("leader_share"), 0.0).is_err());
        let p = calibrate(&r, &out, &t("leader_share"), 0.1).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.accepted.len(), 2);
        assert!(p.accepted[0].distance <= p.accepted[1].distance);
        let s = resolve("sobol");
        let out = crate::runner::run(&s, Some(1)).unwrap_or_else(|e| panic!("{e}"));
        assert!(calibrate(&s, &out, &t("leader_share"), 0.1).is_err());
    }
}
