//! Sequential-adoption urns: Pólya, non-linear Pólya and Arthur's (1989)
//! two-type competing technologies.
//!
//! Assumptions: one adopter (or ball) arrives per step and never switches;
//! there is one bloc. Pólya adds a ball of colour s with probability ∝ n_s
//! (limit share ~ Beta(α, β)); the non-linear urn with probability
//! ∝ n_s^θ (θ > 1 locks in, θ < 1 mixes); in Arthur's model an R-type (probability
//! `p_r`) or S-type arrives and picks the standard with the larger payoff
//! `a + r·n_A` vs `b + r·n_B` (plus any subsidy), ties going to the larger
//! installed base, then to a coin.

use rand::Rng;
use serde::{Deserialize, Serialize};

use super::policy::{Policy, PolicyKind, Schedule};
use super::{Model, View};
use crate::error::{check_count, check_prob, check_range, LabError, Result};
use crate::rng::LabRng;
use crate::spec::limits::{MAX_K, MAX_STEPS};

/// Which urn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UrnKind {
    /// Classic Pólya urn.
    Polya,
    /// Non-linear Pólya urn with exponent `theta`.
    Nonlinear,
    /// Arthur (1989) two-type adoption of standards A (0) and B (1).
    Arthur,
}

/// Parameters of the urn family.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UrnConfig {
    /// Which urn.
    pub kind: UrnKind,
    /// Number of arrivals.
    pub steps: u32,
    /// Initial balls per colour (Pólya); for Arthur the initial adopters of A and B.
    #[serde(default = "two_ones")]
    pub initial: Vec<u64>,
    /// Exponent of the non-linear urn.
    #[serde(default = "one")]
    pub theta: f64,
    /// Arthur: probability that an arrival is an R-type.
    #[serde(default = "half")]
    pub p_r: f64,
    /// Arthur: R-type's base payoff for A.
    #[serde(default = "one")]
    pub a_r: f64,
    /// Arthur: R-type's base payoff for B.
    #[serde(default)]
    pub b_r: f64,
    /// Arthur: S-type's base payoff for A.
    #[serde(default)]
    pub a_s: f64,
    /// Arthur: S-type's base payoff for B.
    #[serde(default = "one")]
    pub b_s: f64,
    /// Arthur: R-type's returns to adoption (per adopter).
    #[serde(default = "tenth")]
    pub r: f64,
    /// Arthur: S-type's returns to adoption (per adopter).
    #[serde(default = "tenth")]
    pub s: f64,
    /// Arthur: subsidies (`kind = "subsidy"`) to a standard's payoff.
    #[serde(default)]
    pub policy: Vec<Policy>,
}

fn two_ones() -> Vec<u64> {
    vec![1, 1]
}
fn one() -> f64 {
    1.0
}
fn half() -> f64 {
    0.5
}
fn tenth() -> f64 {
    0.1
}

impl UrnConfig {
    /// Checks every parameter.
    pub fn validate(&self) -> Result<()> {
        check_count("steps", u64::from(self.steps), 1, MAX_STEPS)?;
        check_count("initial (number of colours)", self.initial.len() as u64, 2, MAX_K as u64)?;
        if self.initial.iter().any(|&c| c > 1_000_000_000) || self.initial.iter().sum::<u64>() == 0 {
            return Err(LabError::param("initial", "counts must be at most 10⁹ and not all zero"));
        }
        check_range("theta", self.theta, 0.0, 50.0)?;
        check_prob("p_r", self.p_r)?;
        for (n, v) in [("a_r", self.a_r), ("b_r", self.b_r), ("a_s", self.a_s), ("b_s", self.b_s)] {
            check_range(n, v, -1e6, 1e6)?;
        }
        check_range("r", self.r, -1e3, 1e3)?;
        check_range("s", self.s, -1e3, 1e3)?;
        if self.kind == UrnKind::Arthur && self.initial.len() != 2 {
            return Err(LabError::param("initial", "Arthur's model has two standards"));
        }
        if self.kind != UrnKind::Arthur && !self.policy.is_empty() {
            return Err(LabError::param("policy", "only Arthur's model takes policies"));
        }
        if self.policy.iter().any(|p| p.kind != PolicyKind::Subsidy) {
            return Err(LabError::param("policy", "Arthur's model takes subsidies only"));
        }
        Schedule::resolve(&self.policy, &bloc_names(), self.initial.len())?;
        Ok(())
    }

    /// A fresh urn (parameters must have been validated).
    pub fn build(&self) -> Result<Urn> {
        let schedule = Schedule::resolve(&self.policy, &bloc_names(), self.initial.len())?;
        Ok(Urn { cfg: self.clone(), counts: self.initial.clone(), schedule, names: bloc_names(), updates: 0 })
    }

    /// Arthur's absorption probability of A for `p_r = ½` and increasing
    /// returns: Δ_R / (Δ_R + Δ_S) with Δ_R = (a_R − b_R)/r, Δ_S = (b_S − a_S)/s.
    pub fn arthur_p_a(&self) -> f64 {
        let dr = (self.a_r - self.b_r) / self.r;
        let ds = (self.b_s - self.a_s) / self.s;
        dr / (dr + ds)
    }
}

fn bloc_names() -> Vec<String> {
    vec!["all".to_string()]
}

/// A running urn.
#[derive(Debug, Clone)]
pub struct Urn {
    cfg: UrnConfig,
    counts: Vec<u64>,
    schedule: Schedule,
    names: Vec<String>,
    updates: u64,
}

impl Urn {
    /// Payoff gap leader − runner-up for an agent with base payoffs (`a`, `b`) and returns `c`.
    fn payoffs(&self, t: u32, a: f64, b: f64, c: f64) -> (f64, f64) {
        let sub = |s| self.schedule.total(PolicyKind::Subsidy, 0, s, t);
        (a + c * self.counts[0] as f64 + sub(0), b + c * self.counts[1] as f64 + sub(1))
    }
}

impl Model for Urn {
    fn view(&self) -> View<'_> {
        View {
            bloc_names: &self.names,
            k: self.counts.len(),
            horizon: self.cfg.steps,
            counts: &self.counts,
            updates: self.updates,
            schedule: &self.schedule,
        }
    }

    fn step(&mut self, t: u32, rng: &mut LabRng) {
        self.updates += 1;
        let pick = match self.cfg.kind {
            UrnKind::Polya | UrnKind::Nonlinear => {
                let theta = if self.cfg.kind == UrnKind::Polya { 1.0 } else { self.cfg.theta };
                let k = self.counts.len();
                let mut w = [0.0f64; MAX_K];
                for (wi, &c) in w.iter_mut().zip(&self.counts) {
                    *wi = if theta == 1.0 { c as f64 } else { (c as f64).powf(theta) };
                }
                let total: f64 = w[..k].iter().sum();
                let mut u = rng.random::<f64>() * total;
                let mut pick = k - 1;
                for (i, wi) in w[..k].iter().enumerate() {
                    if u < *wi {
                        pick = i;
                        break;
                    }
                    u -= wi;
                }
                pick
            }
            UrnKind::Arthur => {
                let c = &self.cfg;
                let (pa, pb) = if rng.random::<f64>() < c.p_r {
                    self.payoffs(t, c.a_r, c.b_r, c.r)
                } else {
                    self.payoffs(t, c.a_s, c.b_s, c.s)
                };
                if pa > pb {
                    0
                } else if pb > pa {
                    1
                } else if self.counts[0] != self.counts[1] {
                    usize::from(self.counts[1] > self.counts[0])
                } else {
                    usize::from(rng.random::<bool>())
                }
            }
        };
        self.counts[pick] += 1;
    }

    /// Arthur's lock-in index: the smallest subsidy to `target` that makes some
    /// agent type prefer it, i.e. min over types of the payoff gap to the best
    /// other standard, floored at 0 (grows linearly with the leader's lead).
    fn lock_in_gap(&self, t: u32, _bloc: Option<usize>, target: usize) -> Option<f64> {
        if self.cfg.kind != UrnKind::Arthur {
            return None;
        }
        let c = &self.cfg;
        let gap = |(pa, pb): (f64, f64)| if target == 0 { pb - pa } else { pa - pb };
        let g = gap(self.payoffs(t, c.a_r, c.b_r, c.r)).min(gap(self.payoffs(t, c.a_s, c.b_s, c.s)));
        Some(g.max(0.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::run_rng;

    fn arthur() -> UrnConfig {
        toml::from_str("kind = \"arthur\"\nsteps = 100").expect("literal config parses")
    }

    #[test]
    fn arthur_closed_form_is_one_half_when_symmetric() {
        assert!((arthur().arthur_p_a() - 0.5).abs() < 1e-12);
    }

    #[test]
    fn arthur_lock_in_index_grows_with_the_lead() {
        let mut urn = arthur().build().expect("valid");
        urn.counts = vec![20, 0];
        let g20 = urn.lock_in_gap(0, None, 1).expect("arthur has an index");
        urn.counts = vec![40, 0];
        let g40 = urn.lock_in_gap(0, None, 1).expect("arthur has an index");
        assert!((g20 - 1.0).abs() < 1e-9, "S-types need 0.1·20 − 1 = 1, got {g20}");
        assert!((g40 - 3.0).abs() < 1e-9, "got {g40}");
    }

    #[test]
    fn polya_adds_exactly_one_ball_per_step() {
        let cfg: UrnConfig =
            toml::from_str("kind = \"polya\"\nsteps = 50\ninitial = [2, 3, 1]").expect("parses");
        cfg.validate().expect("valid");
        let mut urn = cfg.build().expect("valid");
        let mut rng = run_rng(3, 0, 0);
        for t in 0..50 {
            urn.step(t, &mut rng);
        }
        assert_eq!(urn.counts().iter().sum::<u64>(), 56);
    }

    #[test]
    fn probability_outside_unit_interval_is_refused() {
        let mut cfg = arthur();
        cfg.p_r = 1.5;
        assert!(matches!(cfg.validate(), Err(LabError::Param { .. })));
    }
}
