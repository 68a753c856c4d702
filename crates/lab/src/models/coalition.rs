//! Standard-setting coalitions: firms split into two rival alliances
//! (Axelrod, Mitchell, Thomas, Bennett & Bruderer 1995, "Coalition formation
//! in standard-setting alliances", Management Science 41(9); landscape
//! theory of Axelrod & Bennett 1993).
//!
//! Assumptions: N firms of fixed sizes s_i and a symmetric propensity p_ij
//! (positive: i and j gain from sharing a standard, e.g. complements or a
//! large common market; negative: close rivals). The frustration of a split X
//! into alliances 0 and 1 is E(X) = Σ_{i<j} s_i s_j p_ij d_ij(X), with
//! d_ij = 1 when i and j are in different alliances: firms that like each
//! other but are split, or dislike each other yet are together, raise it
//! relative to the best split. Firms start in random alliances; each step one
//! random firm moves to the other alliance when that lowers its own share of
//! E, so E never rises and the run ends in a local minimum. `best_splits`
//! finds the global minima by exhaustive search (N ≤ 20). Counts are the
//! alliances' total sizes in one bloc.

use rand::Rng;
use serde::{Deserialize, Serialize};

use super::policy::{Policy, Schedule};
use super::{Model, View};
use crate::error::{check_count, check_range, LabError, Result};
use crate::rng::LabRng;
use crate::spec::limits::MAX_STEPS;

/// Most firms (exhaustive search visits 2^(N−1) splits).
pub const MAX_FIRMS: usize = 20;

/// Parameters of the coalition model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoalitionConfig {
    /// Firm sizes (e.g. market shares in per mille).
    pub sizes: Vec<u64>,
    /// Propensities p_ij, one row per firm (symmetric, diagonal ignored).
    pub propensity: Vec<Vec<f64>>,
    /// Steps: one firm reconsiders its alliance per step.
    pub steps: u32,
    /// Policies (none apply; kept so every family reads the same spec shape).
    #[serde(default)]
    pub policy: Vec<Policy>,
}

impl CoalitionConfig {
    /// Checks sizes, the propensity matrix and the horizon.
    pub fn validate(&self) -> Result<()> {
        let n = self.sizes.len();
        check_count("sizes (number)", n as u64, 2, MAX_FIRMS as u64)?;
        check_count("steps", u64::from(self.steps), 1, MAX_STEPS)?;
        for (i, &s) in self.sizes.iter().enumerate() {
            check_count(&format!("sizes[{i}]"), s, 1, 1_000_000_000)?;
        }
        if self.propensity.len() != n || self.propensity.iter().any(|r| r.len() != n) {
            return Err(LabError::param("propensity", format!("must be {n} rows of {n} values")));
        }
        for i in 0..n {
            for j in 0..n {
                check_range(&format!("propensity[{i}][{j}]"), self.propensity[i][j], -1e6, 1e6)?;
                if self.propensity[i][j] != self.propensity[j][i] {
                    return Err(LabError::param("propensity", format!("not symmetric at [{i}][{j}]")));
                }
            }
        }
        if !self.policy.is_empty() {
            return Err(LabError::param("policy", "the coalition model takes no policies"));
        }
        Ok(())
    }

    /// Frustration E of the split whose bit i is firm i's alliance.
    pub fn energy(&self, split: u32) -> f64 {
        let n = self.sizes.len();
        let mut e = 0.0;
        for i in 0..n {
            for j in i + 1..n {
                if (split >> i) & 1 != (split >> j) & 1 {
                    e += self.sizes[i] as f64 * self.sizes[j] as f64 * self.propensity[i][j];
                }
            }
        }
        e
    }

    /// The least frustration and every split reaching it (firm 0 always in
    /// alliance 0, since the labels are interchangeable).
    pub fn best_splits(&self) -> (f64, Vec<u32>) {
        let n = self.sizes.len().min(MAX_FIRMS);
        let mut best = (f64::INFINITY, Vec::new());
        for half in 0..1u32 << (n - 1) {
            let split = half << 1;
            let e = self.energy(split);
            if e < best.0 - 1e-9 {
                best = (e, vec![split]);
            } else if (e - best.0).abs() <= 1e-9 {
                best.1.push(split);
            }
        }
        best
    }

    /// A fresh run: firms placed in random alliances.
    pub fn build(&self, rng: &mut LabRng) -> Result<Coalition> {
        let side: Vec<u8> = self.sizes.iter().map(|_| u8::from(rng.random::<bool>())).collect();
        let mut counts = vec![0u64; 2];
        for (s, &size) in side.iter().zip(&self.sizes) {
            counts[usize::from(*s)] += size;
        }
        Ok(Coalition {
            cfg: self.clone(),
            side,
            counts,
            names: vec!["all".into()],
            schedule: Schedule::default(),
            updates: 0,
        })
    }
}

/// A running coalition model.
pub struct Coalition {
    cfg: CoalitionConfig,
    side: Vec<u8>,
    counts: Vec<u64>,
    names: Vec<String>,
    schedule: Schedule,
    updates: u64,
}

impl Coalition {
    /// The current split, bit i = firm i's alliance.
    pub fn split(&self) -> u32 {
        self.side.iter().enumerate().fold(0, |acc, (i, &s)| acc | (u32::from(s) << i))
    }

    /// Firm `i`'s part of the frustration: Σ_j s_i s_j p_ij d_ij.
    fn own(&self, i: usize, side: u8) -> f64 {
        let c = &self.cfg;
        (0..c.sizes.len())
            .filter(|&j| j != i && self.side[j] != side)
            .map(|j| c.sizes[i] as f64 * c.sizes[j] as f64 * c.propensity[i][j])
            .sum()
    }
}

impl Model for Coalition {
    fn view(&self) -> View<'_> {
        View {
            bloc_names: &self.names,
            k: 2,
            horizon: self.cfg.steps,
            counts: &self.counts,
            updates: self.updates,
            schedule: &self.schedule,
        }
    }

    fn step(&mut self, _t: u32, rng: &mut LabRng) {
        let i = rng.random_range(0..self.side.len());
        let (here, there) = (self.side[i], 1 - self.side[i]);
        self.updates += 1;
        if self.own(i, there) < self.own(i, here) - 1e-12 {
            self.side[i] = there;
            let s = self.cfg.sizes[i];
            self.counts[usize::from(here)] -= s;
            self.counts[usize::from(there)] += s;
        }
    }

    fn lock_in_gap(&self, _t: u32, _bloc: Option<usize>, _target: usize) -> Option<f64> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::run_rng;

    /// Firms 0 and 1 gain from one standard, both are rivals of firm 2.
    fn triangle() -> CoalitionConfig {
        CoalitionConfig {
            sizes: vec![1, 1, 1],
            propensity: vec![vec![0.0, 1.0, -1.0], vec![1.0, 0.0, -1.0], vec![-1.0, -1.0, 0.0]],
            steps: 50,
            policy: Vec::new(),
        }
    }

    #[test]
    fn hand_computed_triangle_splits_the_rival_off() {
        // E({0,1},{2}) = p_02 + p_12 = −2; E({0,1,2}) = 0; E({0},{1,2}) = p_01 + p_02 = 0.
        let c = triangle();
        assert_eq!(c.energy(0b000), 0.0);
        assert_eq!(c.energy(0b100), -2.0);
        assert_eq!(c.energy(0b110), 0.0);
        assert_eq!(c.best_splits(), (-2.0, vec![0b100]));
        for rep in 0..20 {
            let mut m = c.build(&mut run_rng(1, 0, rep)).unwrap_or_else(|e| panic!("{e}"));
            let mut rng = run_rng(2, 0, rep);
            for t in 0..c.steps {
                m.step(t, &mut rng);
            }
            let s = m.split();
            assert!(s == 0b100 || s == 0b011, "run {rep} ended in split {s:03b}");
        }
    }

    #[test]
    fn frustration_never_rises_and_sizes_are_conserved() {
        let mut rng = run_rng(9, 0, 0);
        let n = 8;
        // Symmetric: entries (i, j) and (j, i) both read the upper triangle.
        let upper: Vec<f64> = (0..n * n).map(|_| rng.random_range(-1.0..1.0)).collect();
        let p: Vec<Vec<f64>> =
            (0..n).map(|i| (0..n).map(|j| upper[i.min(j) * n + i.max(j)]).collect()).collect();
        let c = CoalitionConfig {
            sizes: (1..=n as u64).collect(),
            propensity: p,
            steps: 200,
            policy: Vec::new(),
        };
        c.validate().unwrap_or_else(|e| panic!("{e}"));
        let mut m = c.build(&mut rng).unwrap_or_else(|e| panic!("{e}"));
        let mut last = c.energy(m.split());
        for t in 0..c.steps {
            m.step(t, &mut rng);
            let e = c.energy(m.split());
            assert!(e <= last + 1e-9, "step {t}: frustration rose from {last} to {e}");
            assert_eq!(m.counts.iter().sum::<u64>(), c.sizes.iter().sum::<u64>());
            last = e;
        }
        assert!(last >= c.best_splits().0 - 1e-9);
    }

    #[test]
    fn asymmetric_or_misshapen_propensities_are_refused() {
        let mut c = triangle();
        c.propensity[0][1] = 0.5;
        assert!(c.validate().is_err());
        c.propensity = vec![vec![0.0; 2]; 3];
        assert!(c.validate().is_err());
    }
}
