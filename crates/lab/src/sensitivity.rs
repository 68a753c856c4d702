//! Sensitivity analysis of a finished Sobol' or Morris experiment: the named
//! outcome is averaged over each configuration's replicates, then fed to the
//! estimators of [`crate::design::sobol`] or [`crate::design::morris`].

use serde::Serialize;

use crate::design::morris::{self, MorrisIndex};
use crate::design::sobol::{self, SobolIndex};
use crate::design::Layout;
use crate::error::{LabError, Result};
use crate::rng::aux_rng;
use crate::runner::Outcome;
use crate::spec::Resolved;
use crate::summary::METRICS;

/// Indices per factor for one outcome.
#[derive(Debug, Clone, Serialize)]
pub struct Sensitivity {
    /// The outcome analysed.
    pub metric: String,
    /// Factor paths.
    pub factors: Vec<String>,
    /// Sobol' indices (Sobol' designs).
    pub sobol: Option<Vec<SobolIndex>>,
    /// Morris measures (Morris designs).
    pub morris: Option<Vec<MorrisIndex>>,
}

/// Mean of `metric` per configuration, in configuration order.
pub fn config_means(resolved: &Resolved, outcome: &Outcome, metric: &str) -> Result<Vec<f64>> {
    if !METRICS.contains(&metric) {
        return Err(LabError::param("metric", format!("`{metric}` is not one of {}", METRICS.join(", "))));
    }
    let mut sum = vec![(0.0, 0u32); resolved.configs.len()];
    for r in &outcome.runs {
        let c = r.summary.config as usize;
        if let Some(v) = r.summary.metric(metric, resolved.configs[c].steps()) {
            sum[c].0 += v;
            sum[c].1 += 1;
        }
    }
    sum.iter()
        .enumerate()
        .map(|(c, (s, n))| {
            if *n == 0 {
                Err(LabError::param(
                    "metric",
                    format!("`{metric}` is undefined in configuration {c} (no policy?)"),
                ))
            } else {
                Ok(s / f64::from(*n))
            }
        })
        .collect()
}

/// Computes the indices the experiment's design supports.
pub fn analyse(
    resolved: &Resolved,
    outcome: &Outcome,
    metric: &str,
    bootstrap: usize,
) -> Result<Sensitivity> {
    let y = config_means(resolved, outcome, metric)?;
    let d = resolved.design.factors.len();
    let factors = resolved.design.factors.clone();
    match &resolved.design.layout {
        Layout::Sobol { n } => {
            let mut rng = aux_rng(resolved.spec.experiment.master_seed, 2);
            let idx = sobol::indices(&y, *n, d, bootstrap, &mut rng);
            Ok(Sensitivity { metric: metric.into(), factors, sobol: Some(idx), morris: None })
        }
        Layout::Morris { delta, moved } => {
            let idx = morris::indices(&y, d, *delta, moved);
            Ok(Sensitivity { metric: metric.into(), factors, sobol: None, morris: Some(idx) })
        }
        Layout::Plain => {
            Err(LabError::param("design.kind", "sensitivity needs a `sobol` or `morris` design"))
        }
    }
}
