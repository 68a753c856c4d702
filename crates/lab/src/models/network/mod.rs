//! Networked coordination: N agents on a graph with blocs choose among K
//! standards (Blume-style logit or Watts-style threshold revisions).
//!
//! Assumptions: an agent's utility for standard s is
//! `q_s(t) + β·(share of neighbours on s) + γ_bloc·(bloc share of s) +
//! γ_global·(global share of s) + policy − (1 − o_s)·price_s − (1 − o_s)·ρ·[s
//! is sponsored by another bloc]`, with quality learning
//! `q_s(t) = q_s + (learning_s + community_learning·o_s)·(global share of s)`.
//! Installed-base shares are read at the start of each step. Under `async`
//! updating each agent revises with its bloc's `rate` per step, in place;
//! under `sync` every agent revises every step from the previous state.
//! Endorsements raise the perceived installed base; bans remove a standard
//! from a bloc's choice set; seeding switches a random fraction of a bloc at
//! `t_on`; a mandate holds a fixed fraction of a bloc on a standard.

pub mod graph;
mod kernel;
mod sim;

use serde::{Deserialize, Serialize};

pub use self::graph::{GraphKind, GraphSpec, Tie};
pub use self::sim::NetChoice;
use super::policy::{Policy, Schedule};
use super::supply::SupplyConfig;
use crate::error::{check_count, check_prob, check_range, LabError, Result};
use crate::rng::LabRng;
use crate::spec::limits::{MAX_BLOCS, MAX_K, MAX_NET_AGENTS, MAX_STEPS};

/// A bloc of agents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetBloc {
    /// Name used by policies and ties.
    pub name: String,
    /// Share of all agents.
    pub share: f64,
    /// Probability that an agent revises in a step (`async` updating).
    #[serde(default = "tenth")]
    pub rate: f64,
}

/// How agents choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Rule {
    /// Logit choice with noise `tau`.
    #[default]
    Logit,
    /// Switch to the most used other standard among neighbours when its share reaches `phi`.
    Threshold,
}

/// When agents revise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Update {
    /// Each agent revises with its bloc's rate, in place.
    #[default]
    Async,
    /// Every agent revises every step from the previous state.
    Sync,
}

/// Parameters of the networked model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetConfig {
    /// Number of agents.
    pub n: u64,
    /// Number of standards.
    pub k: usize,
    /// Number of steps.
    pub steps: u32,
    /// Blocs (absent: one bloc `all` with rate 0.1).
    #[serde(default)]
    pub blocs: Vec<NetBloc>,
    /// The graph.
    #[serde(default)]
    pub graph: GraphSpec,
    /// Choice rule.
    #[serde(default)]
    pub rule: Rule,
    /// Updating scheme.
    #[serde(default)]
    pub update: Update,
    /// Logit noise τ.
    #[serde(default = "half")]
    pub tau: f64,
    /// Weight β of the neighbours' share.
    #[serde(default = "beta")]
    pub beta: f64,
    /// Weight of the bloc's installed base.
    #[serde(default = "half")]
    pub gamma_bloc: f64,
    /// Weight of the global installed base.
    #[serde(default = "half")]
    pub gamma_global: f64,
    /// Intrinsic quality per standard.
    #[serde(default)]
    pub quality: Vec<f64>,
    /// Learning by using per standard.
    #[serde(default)]
    pub learning: Vec<f64>,
    /// Openness o_s in [0, 1] per standard.
    #[serde(default)]
    pub openness: Vec<f64>,
    /// Extra learning of open standards from their community.
    #[serde(default)]
    pub community_learning: f64,
    /// Cross-bloc trust penalty ρ on closed standards of another bloc.
    #[serde(default = "trust")]
    pub trust_penalty: f64,
    /// Sponsoring bloc per standard (empty string: none).
    #[serde(default)]
    pub sponsor: Vec<String>,
    /// Adoption cost per standard.
    #[serde(default)]
    pub price: Vec<f64>,
    /// Entry step per standard.
    #[serde(default)]
    pub entry: Vec<u32>,
    /// Initial shares per standard among those present at step 0 (absent: uniform).
    #[serde(default)]
    pub init: Vec<f64>,
    /// Threshold φ of the threshold rule.
    #[serde(default = "phi")]
    pub phi: f64,
    /// Threshold rule: a standard its users never leave.
    #[serde(default)]
    pub sink: Option<usize>,
    /// Policies.
    #[serde(default)]
    pub policy: Vec<Policy>,
    /// Standard supply deciding when the sponsors' standards enter.
    #[serde(default)]
    pub supply: Option<SupplyConfig>,
}

fn tenth() -> f64 {
    0.1
}
fn half() -> f64 {
    0.5
}
fn beta() -> f64 {
    1.5
}
fn trust() -> f64 {
    0.3
}
fn phi() -> f64 {
    0.18
}

impl NetConfig {
    /// Bloc names in order (one bloc `all` when none are given).
    pub fn bloc_names(&self) -> Vec<String> {
        self.blocs_or_default().into_iter().map(|b| b.name).collect()
    }

    fn blocs_or_default(&self) -> Vec<NetBloc> {
        if self.blocs.is_empty() {
            vec![NetBloc { name: "all".into(), share: 1.0, rate: 0.1 }]
        } else {
            self.blocs.clone()
        }
    }

    /// Contiguous agent ranges per bloc (the last bloc takes the rounding remainder).
    pub fn ranges(&self) -> Vec<(u32, u32)> {
        let blocs = self.blocs_or_default();
        let total: f64 = blocs.iter().map(|b| b.share).sum();
        let mut out = Vec::with_capacity(blocs.len());
        let mut start = 0u32;
        for (i, b) in blocs.iter().enumerate() {
            let end = if i + 1 == blocs.len() {
                self.n as u32
            } else {
                (start + (self.n as f64 * b.share / total).round() as u32).min(self.n as u32)
            };
            out.push((start, end));
            start = end;
        }
        out
    }

    /// Checks every parameter.
    pub fn validate(&self) -> Result<()> {
        check_count("n", self.n, 2, MAX_NET_AGENTS)?;
        check_count("k", self.k as u64, 2, MAX_K as u64)?;
        check_count("steps", u64::from(self.steps), 1, MAX_STEPS)?;
        check_count("blocs (number)", self.blocs.len() as u64, 0, MAX_BLOCS as u64)?;
        for (i, b) in self.blocs.iter().enumerate() {
            check_range(&format!("blocs[{i}].share"), b.share, 1e-9, 1.0)?;
            check_prob(&format!("blocs[{i}].rate"), b.rate)?;
        }
        let names = self.bloc_names();
        if (1..names.len()).any(|i| names[..i].contains(&names[i])) {
            return Err(LabError::param("blocs", "bloc names must differ"));
        }
        self.graph.validate(&names)?;
        check_range("tau", self.tau, 1e-3, 1e3)?;
        check_range("beta", self.beta, 0.0, 100.0)?;
        if self.beta / self.tau > 500.0 {
            return Err(LabError::param("beta", "beta / tau above 500 overflows the logit"));
        }
        check_range("gamma_bloc", self.gamma_bloc, -100.0, 100.0)?;
        check_range("gamma_global", self.gamma_global, -100.0, 100.0)?;
        check_range("community_learning", self.community_learning, -100.0, 100.0)?;
        check_range("trust_penalty", self.trust_penalty, -100.0, 100.0)?;
        check_prob("phi", self.phi)?;
        let per_standard: [(&str, &[f64], f64, f64); 5] = [
            ("quality", &self.quality, -100.0, 100.0),
            ("learning", &self.learning, -100.0, 100.0),
            ("openness", &self.openness, 0.0, 1.0),
            ("price", &self.price, -100.0, 100.0),
            ("init", &self.init, 0.0, 1.0),
        ];
        for (name, values, lo, hi) in per_standard {
            self.check_len(name, values.len())?;
            for (s, v) in values.iter().enumerate() {
                check_range(&format!("{name}[{s}]"), *v, lo, hi)?;
            }
        }
        self.check_len("entry", self.entry.len())?;
        self.check_len("sponsor", self.sponsor.len())?;
        for (s, b) in self.sponsor.iter().enumerate() {
            if !b.is_empty() && !names.contains(b) {
                return Err(LabError::param(format!("sponsor[{s}]"), format!("no bloc named `{b}`")));
            }
        }
        if self.sink.is_some_and(|s| s >= self.k) {
            return Err(LabError::param("sink", "not a standard"));
        }
        if self.entry.iter().all(|&e| e > 0) && !self.entry.is_empty() && self.supply.is_none() {
            return Err(LabError::param("entry", "at least one standard must be present at step 0"));
        }
        if !self.init.is_empty() && self.init.iter().sum::<f64>() <= 0.0 {
            return Err(LabError::param("init", "shares must not all be 0"));
        }
        if let Some(s) = &self.supply {
            s.validate(self.k)?;
        }
        Schedule::resolve(&self.policy, &names, self.k)?;
        Ok(())
    }

    fn check_len(&self, name: &str, len: usize) -> Result<()> {
        if len != 0 && len != self.k {
            return Err(LabError::param(name, format!("has {len} values for {} standards", self.k)));
        }
        Ok(())
    }

    /// A fresh run: graph, supply timing and initial choices drawn from `rng`.
    pub fn build(&self, rng: &mut LabRng) -> Result<NetChoice> {
        NetChoice::new(self, rng)
    }
}
