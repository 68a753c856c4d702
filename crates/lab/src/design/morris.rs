//! Morris elementary-effects screening: μ* (mean absolute effect) ranks
//! factors, σ flags non-linearity or interaction.
//!
//! Assumptions: factors are scaled to [0, 1] on a grid of `levels` levels;
//! each trajectory starts from a random grid point in the lower part of the
//! grid and moves every factor once, in random order, by +Δ with
//! Δ = levels / (2·(levels − 1)).

use rand::seq::SliceRandom;
use rand::Rng;
use serde::Serialize;

use crate::rng::LabRng;

/// `r` trajectories of `d + 1` points, the step Δ, and per trajectory the factor moved at each step.
pub fn trajectories(
    r: usize,
    d: usize,
    levels: usize,
    rng: &mut LabRng,
) -> (Vec<Vec<f64>>, f64, Vec<Vec<usize>>) {
    let p = levels as f64;
    let delta = p / (2.0 * (p - 1.0));
    let start_levels = levels.div_ceil(2).max(1);
    let mut rows = Vec::with_capacity(r * (d + 1));
    let mut moved = Vec::with_capacity(r);
    for _ in 0..r {
        let mut x: Vec<f64> = (0..d).map(|_| rng.random_range(0..start_levels) as f64 / (p - 1.0)).collect();
        x.iter_mut().for_each(|v| *v = v.min(1.0 - delta));
        let mut order: Vec<usize> = (0..d).collect();
        order.shuffle(rng);
        rows.push(x.clone());
        for &f in &order {
            x[f] += delta;
            rows.push(x.clone());
        }
        moved.push(order);
    }
    (rows, delta, moved)
}

/// One factor's screening measures.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MorrisIndex {
    /// Mean elementary effect.
    pub mu: f64,
    /// Mean absolute elementary effect.
    pub mu_star: f64,
    /// Standard deviation of the elementary effects.
    pub sigma: f64,
}

/// Measures for `d` factors from outputs `y` in the row order of [`trajectories`].
pub fn indices(y: &[f64], d: usize, delta: f64, moved: &[Vec<usize>]) -> Vec<MorrisIndex> {
    let mut effects: Vec<Vec<f64>> = vec![Vec::new(); d];
    for (t, order) in moved.iter().enumerate() {
        let base = t * (d + 1);
        for (j, &f) in order.iter().enumerate() {
            effects[f].push((y[base + j + 1] - y[base + j]) / delta);
        }
    }
    effects
        .iter()
        .map(|e| {
            let n = e.len().max(1) as f64;
            let mu = e.iter().sum::<f64>() / n;
            let mu_star = e.iter().map(|v| v.abs()).sum::<f64>() / n;
            let sigma = (e.iter().map(|v| (v - mu).powi(2)).sum::<f64>() / (n - 1.0).max(1.0)).sqrt();
            MorrisIndex { mu, mu_star, sigma }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn morris_recovers_linear_slopes_and_flags_the_inert_factor() {
        let mut rng = crate::rng::aux_rng(3, 0);
        let (rows, delta, moved) = trajectories(30, 3, 4, &mut rng);
        let y: Vec<f64> = rows.iter().map(|x| 2.0 * x[0] + x[1] * x[1]).collect();
        let m = indices(&y, 3, delta, &moved);
        assert!((m[0].mu_star - 2.0).abs() < 1e-9 && m[0].sigma < 1e-9, "{:?}", m[0]);
        assert!(m[1].mu_star > 0.5 && m[1].sigma > 0.0, "{:?}", m[1]);
        assert_eq!(m[2].mu_star, 0.0);
    }
}
