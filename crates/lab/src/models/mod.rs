//! The four model families behind one interface, so the runner, the summaries
//! and the figures work the same for all of them.

pub mod bass;
pub mod coalition;
pub mod network;
pub mod policy;
pub mod supply;
pub mod urn;

use serde::{Deserialize, Serialize};

use crate::error::{LabError, Result};
use crate::rng::LabRng;

/// Which model family an experiment runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ModelKind {
    /// Sequential-adoption urns (Pólya, non-linear, Arthur).
    Urn,
    /// Count-based Bass / Generalized Bass diffusion, K standards × B blocs.
    Bass,
    /// Networked coordination of N agents on a graph with blocs.
    Netchoice,
    /// Firms splitting into two standard-setting alliances (Axelrod et al. 1995).
    Coalition,
}

/// A simulation the runner can drive step by step.
///
/// State is exposed as counts per (bloc, standard), bloc-major, so shares,
/// winners and phases are computed in one place for every family.
pub trait Model: Send {
    /// The state every family exposes alike.
    fn view(&self) -> View<'_>;
    /// Advances from step `t` to `t + 1`.
    fn step(&mut self, t: u32, rng: &mut LabRng);
    /// Names of the blocs, in order.
    fn bloc_names(&self) -> &[String] {
        self.view().bloc_names
    }
    /// Number of standards.
    fn k(&self) -> usize {
        self.view().k
    }
    /// Number of steps a run lasts.
    fn horizon(&self) -> u32 {
        self.view().horizon
    }
    /// Users (or balls) per bloc and standard, index `bloc * k + standard`.
    fn counts(&self) -> &[u64] {
        self.view().counts
    }
    /// Individual choices made so far (the unit of the ns-per-update figure).
    fn updates(&self) -> u64 {
        self.view().updates
    }
    /// The policy that is scored: (standard, start step, bloc).
    fn target(&self) -> Option<(usize, u32, Option<usize>)> {
        self.view().schedule.target()
    }
    /// Lock-in index at step `t`: the subsidy (utility units) `target` would
    /// need for adopters in `bloc` to prefer it; `None` where the model has none.
    fn lock_in_gap(&self, t: u32, bloc: Option<usize>, target: usize) -> Option<f64>;
}

/// What a running model shows the runner, borrowed from its state.
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    /// Names of the blocs, in order.
    pub bloc_names: &'a [String],
    /// Number of standards.
    pub k: usize,
    /// Number of steps a run lasts.
    pub horizon: u32,
    /// Users (or balls) per bloc and standard, index `bloc * k + standard`.
    pub counts: &'a [u64],
    /// Individual choices made so far.
    pub updates: u64,
    /// The policies in force, whose target is scored.
    pub schedule: &'a policy::Schedule,
}

/// The typed, validated parameters of one configuration.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum ModelConfig {
    /// Urn parameters.
    Urn(urn::UrnConfig),
    /// Bass parameters.
    Bass(bass::BassConfig),
    /// Network parameters.
    Netchoice(Box<network::NetConfig>),
    /// Coalition parameters.
    Coalition(coalition::CoalitionConfig),
}

impl ModelConfig {
    /// Reads and validates parameters of `kind` from a TOML table.
    pub fn from_value(kind: ModelKind, value: toml::Value) -> Result<Self> {
        let shape = |e: toml::de::Error| LabError::Spec(format!("model parameters: {}", e.message()));
        let cfg = match kind {
            ModelKind::Urn => ModelConfig::Urn(value.try_into().map_err(shape)?),
            ModelKind::Bass => ModelConfig::Bass(value.try_into().map_err(shape)?),
            ModelKind::Netchoice => ModelConfig::Netchoice(Box::new(value.try_into().map_err(shape)?)),
            ModelKind::Coalition => ModelConfig::Coalition(value.try_into().map_err(shape)?),
        };
        cfg.validate()?;
        Ok(cfg)
    }

    /// Checks every parameter.
    pub fn validate(&self) -> Result<()> {
        match self {
            ModelConfig::Urn(c) => c.validate(),
            ModelConfig::Bass(c) => c.validate(),
            ModelConfig::Netchoice(c) => c.validate(),
            ModelConfig::Coalition(c) => c.validate(),
        }
    }

    /// Work of one run in agent-steps (for the experiment-size limit).
    pub fn work(&self) -> u64 {
        match self {
            ModelConfig::Urn(c) => u64::from(c.steps),
            ModelConfig::Bass(c) => u64::from(c.steps) * c.k as u64 * c.blocs.len() as u64,
            ModelConfig::Netchoice(c) => u64::from(c.steps) * c.n,
            ModelConfig::Coalition(c) => u64::from(c.steps) * c.sizes.len() as u64,
        }
    }

    /// Names of the blocs, in order (`all` for the one-bloc families).
    pub fn bloc_names(&self) -> Vec<String> {
        match self {
            ModelConfig::Urn(_) | ModelConfig::Coalition(_) => vec!["all".to_string()],
            ModelConfig::Bass(b) => b.blocs.iter().map(|x| x.name.clone()).collect(),
            ModelConfig::Netchoice(n) => n.bloc_names(),
        }
    }

    /// Number of standards (an urn's colours, a coalition's two alliances).
    pub fn standards(&self) -> usize {
        match self {
            ModelConfig::Urn(c) => c.initial.len(),
            ModelConfig::Bass(c) => c.k,
            ModelConfig::Netchoice(c) => c.k,
            ModelConfig::Coalition(_) => 2,
        }
    }

    /// The configuration's policies, as written.
    pub fn policies(&self) -> &[policy::Policy] {
        match self {
            ModelConfig::Urn(c) => &c.policy,
            ModelConfig::Bass(c) => &c.policy,
            ModelConfig::Netchoice(c) => &c.policy,
            ModelConfig::Coalition(c) => &c.policy,
        }
    }

    /// Steps a run lasts.
    pub fn steps(&self) -> u32 {
        match self {
            ModelConfig::Urn(c) => c.steps,
            ModelConfig::Bass(c) => c.steps,
            ModelConfig::Netchoice(c) => c.steps,
            ModelConfig::Coalition(c) => c.steps,
        }
    }

    /// A fresh model for one run; random structure (graphs, supply timing) comes from `rng`.
    pub fn build(&self, rng: &mut LabRng) -> Result<Box<dyn Model>> {
        Ok(match self {
            ModelConfig::Urn(c) => Box::new(c.build()?),
            ModelConfig::Bass(c) => Box::new(c.build(rng)?),
            ModelConfig::Netchoice(c) => Box::new(c.build(rng)?),
            ModelConfig::Coalition(c) => Box::new(c.build(rng)?),
        })
    }
}

/// The model's assumptions in one paragraph, printed beside every figure and
/// in every provenance file.
pub fn assumptions(kind: ModelKind) -> &'static str {
    match kind {
        ModelKind::Urn => {
            "Sequential adoption: one adopter per step, choices never revised, one bloc. Pólya: colour drawn in \
             proportion to its count; non-linear: to count^θ; Arthur (1989): R- and S-types with fixed preferences \
             and linear returns to adoption, ties to the larger installed base."
        }
        ModelKind::Bass => {
            "Bass/GBM diffusion: fixed market potential per bloc, hazard (p + q·F)·x(t) with F mixing own and other \
             blocs' adoption, adopters exchangeable and never switching; standard chosen by a logit of quality, \
             installed-base share and policy. Policy intensity is a scale-free lever, not measured budget."
        }
        ModelKind::Netchoice => {
            "Networked coordination: agents on a fixed graph revise by logit (or threshold) on quality, neighbours' \
             share, bloc and global installed base, policy, price and openness; blocs are graph communities; shares \
             read at the start of each step. Conditional on mechanism and parameters — a model region, not a forecast."
        }
        ModelKind::Coalition => {
            "Coalitions (Axelrod et al. 1995): firms of fixed size split into two rival standard alliances; frustration \
             sums size products times propensity over pairs split apart; one random firm per step switches when that \
             lowers its own frustration, so runs end in a local minimum; the global minima come from exhaustive search."
        }
    }
}
