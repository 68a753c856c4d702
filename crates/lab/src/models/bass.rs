//! Count-based Bass / Generalized Bass diffusion of K standards in B blocs.
//!
//! Assumptions: each bloc has a fixed market potential `size`; each step every
//! non-adopter adopts with hazard `(p + q·F)·x(t)·dt`, where F mixes the bloc's
//! own adopted fraction with the other blocs' (weight `coupling`) and x(t) is
//! 1 plus the active `intensity` policies (the GBM socket for coded policy
//! intensity). New adopters choose a standard by a logit (noise `tau`) of
//! quality, the standard's share among the bloc's adopters (weight `gamma`),
//! subsidies and endorsements; adopters never switch. Adopters are
//! exchangeable, so the bloc is simulated as counts (exact binomial draws);
//! `agent_based = true` draws each non-adopter separately instead, for checks.

use rand::Rng;
use serde::{Deserialize, Serialize};

use super::policy::{Policy, PolicyKind, Schedule};
use super::supply::SupplyConfig;
use super::{Model, View};
use crate::error::{check_count, check_prob, check_range, LabError, Result};
use crate::rng::{binomial, LabRng};
use crate::spec::limits::{MAX_AGENTS, MAX_BLOCS, MAX_K, MAX_STEPS};

/// One bloc's market.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BassBloc {
    /// Name used by policies.
    pub name: String,
    /// Market potential m (number of potential adopters).
    pub size: u64,
    /// Innovation coefficient p.
    pub p: f64,
    /// Imitation coefficient q.
    pub q: f64,
}

/// Parameters of the Bass family.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BassConfig {
    /// Number of standards.
    pub k: usize,
    /// Number of steps.
    pub steps: u32,
    /// Time units per step (the ODE's t = step · dt).
    #[serde(default = "one")]
    pub dt: f64,
    /// The blocs.
    pub blocs: Vec<BassBloc>,
    /// Weight of the other blocs' adoption in a bloc's imitation term.
    #[serde(default)]
    pub coupling: f64,
    /// Quality per standard (absent: all 0).
    #[serde(default)]
    pub quality: Vec<f64>,
    /// Logit noise of the choice among standards.
    #[serde(default = "one")]
    pub tau: f64,
    /// Weight of a standard's share among the bloc's adopters in the choice.
    #[serde(default)]
    pub gamma: f64,
    /// Entry step per standard (absent: all at 0).
    #[serde(default)]
    pub entry: Vec<u32>,
    /// Policies (subsidy, ban, endorse, seed, mandate, intensity).
    #[serde(default)]
    pub policy: Vec<Policy>,
    /// Standard supply deciding when the sponsors' standards enter.
    #[serde(default)]
    pub supply: Option<SupplyConfig>,
    /// Draw each non-adopter separately (for checks against the count form).
    #[serde(default)]
    pub agent_based: bool,
}

fn one() -> f64 {
    1.0
}

impl BassConfig {
    fn names(&self) -> Vec<String> {
        self.blocs.iter().map(|b| b.name.clone()).collect()
    }

    /// Checks every parameter.
    pub fn validate(&self) -> Result<()> {
        check_count("k", self.k as u64, 1, MAX_K as u64)?;
        check_count("steps", u64::from(self.steps), 1, MAX_STEPS)?;
        check_count("blocs (number)", self.blocs.len() as u64, 1, MAX_BLOCS as u64)?;
        check_range("dt", self.dt, 1e-6, 100.0)?;
        check_prob("coupling", self.coupling)?;
        check_range("tau", self.tau, 1e-3, 1e3)?;
        check_range("gamma", self.gamma, -1e3, 1e3)?;
        let total: u64 = self.blocs.iter().map(|b| b.size).sum();
        check_count("blocs.size (total)", total, 1, MAX_AGENTS)?;
        for (i, b) in self.blocs.iter().enumerate() {
            check_prob(&format!("blocs[{i}].p"), b.p)?;
            check_range(&format!("blocs[{i}].q"), b.q, 0.0, 100.0)?;
        }
        for (name, len) in [("quality", self.quality.len()), ("entry", self.entry.len())] {
            if len != 0 && len != self.k {
                return Err(LabError::param(name, format!("has {len} values for {} standards", self.k)));
            }
        }
        for (s, q) in self.quality.iter().enumerate() {
            check_range(&format!("quality[{s}]"), *q, -1e3, 1e3)?;
        }
        if let Some(s) = &self.supply {
            s.validate(self.k)?;
        }
        Schedule::resolve(&self.policy, &self.names(), self.k)?;
        Ok(())
    }

    /// A fresh model; supply timing (if any) is drawn from `rng`.
    pub fn build(&self, rng: &mut LabRng) -> Result<Bass> {
        let mut schedule = Schedule::resolve(&self.policy, &self.names(), self.k)?;
        let mut entry = if self.entry.is_empty() { vec![0; self.k] } else { self.entry.clone() };
        if let Some(sup) = &self.supply {
            let out = sup.sample(rng, self.steps);
            for (i, &s) in sup.sponsors.iter().enumerate() {
                entry[s] = out.entries[i].unwrap_or(u32::MAX);
            }
            let extra = Schedule::resolve(&out.policies, &self.names(), self.k)?;
            for p in out.policies {
                let bloc = p.bloc.as_ref().and_then(|b| self.blocs.iter().position(|x| &x.name == b));
                schedule.push(p, bloc);
            }
            drop(extra);
        }
        let quality = if self.quality.is_empty() { vec![0.0; self.k] } else { self.quality.clone() };
        Ok(Bass {
            cfg: self.clone(),
            names: self.names(),
            counts: vec![0; self.blocs.len() * self.k],
            schedule,
            entry,
            quality,
            updates: 0,
        })
    }

    /// The deterministic mean-field recursion F(t+1) = F + (p + qF)(1 − F)·dt
    /// for one bloc, for checking the stochastic model.
    pub fn recursion(p: f64, q: f64, dt: f64, steps: u32) -> Vec<f64> {
        let mut f = 0.0;
        let mut out = vec![0.0];
        for _ in 0..steps {
            f += ((p + q * f) * dt).min(1.0) * (1.0 - f);
            out.push(f);
        }
        out
    }

    /// Bass's closed form F(t) = (1 − e^{−(p+q)t}) / (1 + (q/p)·e^{−(p+q)t}).
    pub fn closed_form(p: f64, q: f64, t: f64) -> f64 {
        let e = (-(p + q) * t).exp();
        (1.0 - e) / (1.0 + (q / p) * e)
    }
}

/// A running Bass model.
#[derive(Debug, Clone)]
pub struct Bass {
    cfg: BassConfig,
    names: Vec<String>,
    counts: Vec<u64>,
    schedule: Schedule,
    entry: Vec<u32>,
    quality: Vec<f64>,
    updates: u64,
}

impl Bass {
    fn adopters(&self, b: usize) -> u64 {
        self.counts[b * self.cfg.k..(b + 1) * self.cfg.k].iter().sum()
    }

    /// Choice utility of each standard for new adopters of bloc `b` (None: unavailable).
    fn utilities(&self, b: usize, t: u32) -> Vec<Option<f64>> {
        let k = self.cfg.k;
        let total = self.adopters(b).max(1) as f64;
        (0..k)
            .map(|s| {
                if t < self.entry[s] || self.schedule.banned(b, s, t) {
                    return None;
                }
                let share =
                    self.counts[b * k + s] as f64 / total + self.schedule.total(PolicyKind::Endorse, b, s, t);
                Some(
                    self.quality[s]
                        + self.cfg.gamma * share
                        + self.schedule.total(PolicyKind::Subsidy, b, s, t),
                )
            })
            .collect()
    }
}

impl Model for Bass {
    fn view(&self) -> View<'_> {
        View {
            bloc_names: &self.names,
            k: self.cfg.k,
            horizon: self.cfg.steps,
            counts: &self.counts,
            updates: self.updates,
            schedule: &self.schedule,
        }
    }

    fn step(&mut self, t: u32, rng: &mut LabRng) {
        let (k, nb) = (self.cfg.k, self.cfg.blocs.len());
        let adopted: Vec<u64> = (0..nb).map(|b| self.adopters(b)).collect();
        let all_adopted: u64 = adopted.iter().sum();
        let all_size: u64 = self.cfg.blocs.iter().map(|b| b.size).sum();
        let mut new_counts = self.counts.clone();
        for b in 0..nb {
            let bloc = &self.cfg.blocs[b];
            let own = adopted[b] as f64 / bloc.size.max(1) as f64;
            let other_size = all_size - bloc.size;
            let other =
                if other_size > 0 { (all_adopted - adopted[b]) as f64 / other_size as f64 } else { own };
            let f = (1.0 - self.cfg.coupling) * own + self.cfg.coupling * other;
            let x: f64 =
                1.0 + (0..k).map(|s| self.schedule.total(PolicyKind::Intensity, b, s, t)).sum::<f64>();
            let hazard = ((bloc.p + bloc.q * f) * x.max(0.0) * self.cfg.dt).clamp(0.0, 1.0);
            let utils = self.utilities(b, t);
            if utils.iter().all(Option::is_none) {
                continue;
            }
            let mut left = bloc.size - adopted[b];
            for (s, frac) in self.schedule.seeds_at(b, t) {
                if utils[s].is_some() {
                    let n = (frac * left as f64).round() as u64;
                    new_counts[b * k + s] += n;
                    left -= n;
                }
            }
            self.updates += left;
            let new = if self.cfg.agent_based {
                (0..left).filter(|_| rng.random::<f64>() < hazard).count() as u64
            } else {
                binomial(rng, left, hazard)
            };
            let umax = utils.iter().flatten().fold(f64::NEG_INFINITY, |a, &u| a.max(u));
            let mut probs: Vec<f64> =
                utils.iter().map(|u| u.map_or(0.0, |u| ((u - umax) / self.cfg.tau).exp())).collect();
            let z: f64 = probs.iter().sum();
            probs.iter_mut().for_each(|p| *p /= z);
            if let Some((s, m)) = self.schedule.mandate(b, t).filter(|(s, _)| utils[*s].is_some()) {
                probs.iter_mut().for_each(|p| *p *= 1.0 - m);
                probs[s] += m;
            }
            let (mut remaining, mut mass) = (new, 1.0);
            for s in 0..k {
                if remaining == 0 {
                    break;
                }
                let n = if s == k - 1 || mass <= probs[s] {
                    remaining
                } else {
                    binomial(rng, remaining, (probs[s] / mass).clamp(0.0, 1.0))
                };
                new_counts[b * k + s] += n;
                remaining -= n;
                mass -= probs[s];
            }
        }
        self.counts = new_counts;
    }

    /// The utility gap between the most attractive standard and `target` for
    /// new adopters of `bloc` (the first bloc when none is named).
    fn lock_in_gap(&self, t: u32, bloc: Option<usize>, target: usize) -> Option<f64> {
        let u = self.utilities(bloc.unwrap_or(0), t);
        let best = u.iter().flatten().fold(f64::NEG_INFINITY, |a, &v| a.max(v));
        let mine = u.get(target).copied().flatten()?;
        Some((best - mine).max(0.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recursion_approaches_closed_form_as_dt_shrinks() {
        let (p, q) = (0.03, 0.38);
        let f = BassConfig::recursion(p, q, 0.01, 1000);
        let exact = BassConfig::closed_form(p, q, 10.0);
        assert!((f[1000] - exact).abs() < 0.005, "recursion {} vs closed form {exact}", f[1000]);
    }

    #[test]
    fn bloc_sizes_must_be_positive_in_total() {
        let cfg: std::result::Result<BassConfig, _> =
            toml::from_str("k = 2\nsteps = 10\nblocs = [{ name = \"a\", size = 0, p = 0.1, q = 0.3 }]");
        let cfg = cfg.expect("literal parses");
        assert!(cfg.validate().is_err());
    }
}
