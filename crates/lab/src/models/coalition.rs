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
//! E, so E never rises and the run ends in a local minimum, where no firm
//! gains by switching (a Nash equilibrium, the paper's prediction).
//! `best_splits` finds the global minima and `equilibria` every equilibrium
//! by exhaustive search (N ≤ 20). Firms may be named and the alliances they
//! actually joined given (`observed`), so `agreement` counts the firms a
//! predicted split places as observed. Counts are the alliances' total sizes
//! in one bloc.

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
    /// Names of the firms, in order (optional; for reports).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub firms: Vec<String>,
    /// The alliance (0 or 1) each firm actually joined, to compare predictions
    /// with (optional; the labels are interchangeable).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub observed: Vec<u8>,
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
        if !self.firms.is_empty() && self.firms.len() != n {
            return Err(LabError::param("firms", format!("must name all {n} firms")));
        }
        if !self.observed.is_empty() && (self.observed.len() != n || self.observed.iter().any(|&a| a > 1)) {
            return Err(LabError::param("observed", format!("must give alliance 0 or 1 for all {n} firms")));
        }
        Ok(())
    }

    /// Firms whose alliance in `split` agrees with [`Self::observed`], under
    /// the labelling of the two alliances that agrees most; `None` without
    /// observed alliances.
    pub fn agreement(&self, split: u32) -> Option<usize> {
        if self.observed.is_empty() {
            return None;
        }
        let same =
            self.observed.iter().enumerate().filter(|&(i, &a)| (split >> i) & 1 == u32::from(a)).count();
        Some(same.max(self.observed.len() - same))
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

    /// Firm `i`'s part of the frustration of `split`: Σ_j s_i s_j p_ij d_ij.
    pub fn frustration_of(&self, split: u32, i: usize) -> f64 {
        let side = |k: usize| (split >> k) & 1;
        (0..self.sizes.len())
            .filter(|&j| j != i && side(j) != side(i))
            .map(|j| self.sizes[i] as f64 * self.sizes[j] as f64 * self.propensity[i][j])
            .sum()
    }

    /// Whether no single firm lowers its own frustration by switching
    /// alliance: a Nash equilibrium, the paper's predicted configurations.
    pub fn is_equilibrium(&self, split: u32) -> bool {
        (0..self.sizes.len())
            .all(|i| self.frustration_of(split ^ (1 << i), i) >= self.frustration_of(split, i) - 1e-12)
    }

    /// Every equilibrium split (firm 0 in alliance 0), by exhaustive search.
    pub fn equilibria(&self) -> Vec<u32> {
        let n = self.sizes.len().min(MAX_FIRMS);
        (0..1u32 << (n - 1)).map(|half| half << 1).filter(|&s| self.is_equilibrium(s)).collect()
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

    /// What the model predicts, for reports: the least frustrated splits, the
    /// number of equilibria, and how many firms the best split places as observed.
    pub fn prediction(&self) -> Prediction {
        let (frustration, best) = self.best_splits();
        let name = |i: usize| self.firms.get(i).cloned().unwrap_or_else(|| format!("firm {i}"));
        let side = |split: u32, a: u32| -> Vec<String> {
            (0..self.sizes.len()).filter(|&i| (split >> i) & 1 == a).map(name).collect()
        };
        Prediction {
            frustration,
            agreement: best.first().and_then(|&s| self.agreement(s)),
            best: best.iter().map(|&s| [side(s, 0), side(s, 1)]).collect(),
            equilibria: self.equilibria().len(),
        }
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

/// The model's prediction for one configuration ([`CoalitionConfig::prediction`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prediction {
    /// The least frustration.
    pub frustration: f64,
    /// The splits reaching it, as the firms of each alliance.
    pub best: Vec<[Vec<String>; 2]>,
    /// Number of equilibrium splits.
    pub equilibria: usize,
    /// Firms the first best split places as observed (`None` without `observed`).
    pub agreement: Option<usize>,
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
        let split = self.split();
        if self.cfg.frustration_of(split ^ (1 << i), i) < self.cfg.frustration_of(split, i) - 1e-12 {
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
            firms: Vec::new(),
            observed: Vec::new(),
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
            firms: Vec::new(),
            observed: Vec::new(),
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

    #[test]
    fn agreement_counts_firms_placed_as_observed_whatever_the_labels() {
        let mut c = triangle();
        assert_eq!(c.agreement(0b100), None);
        c.observed = vec![0, 0, 1];
        assert_eq!(c.agreement(0b100), Some(3));
        assert_eq!(c.agreement(0b011), Some(3), "the alliances' labels are interchangeable");
        assert_eq!(c.agreement(0b010), Some(2));
        c.validate().unwrap_or_else(|e| panic!("{e}"));
        c.observed = vec![0, 2, 1];
        assert!(c.validate().is_err());
        c.observed = vec![0, 1];
        assert!(c.validate().is_err());
    }
}
