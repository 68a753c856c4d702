//! Learning from the coders: per code, a regularised logistic regression
//! over the sentences of the documents people decided on, cross-validated
//! against a majority-class baseline, stored with its provenance, and used
//! to propose codings (coder `model:<code path>`) with a score.
//!
//! * [`learn`] trains every code with enough examples and refuses the others,
//!   saying how many more they need.
//! * [`suggest`] proposes the sentences a model scores at or above a
//!   threshold, never where a coding of the code was accepted or rejected.
//! * [`order_by_uncertainty`] puts the proposals a model was least sure of
//!   first in the review queue (active learning).
//!
//! Everything is seeded: the same decisions and seed give the same weights,
//! figures and proposals bit for bit.

mod cv;
mod data;
mod features;
mod logistic;
mod models;
mod suggest;

use serde::{Deserialize, Serialize};

pub use cv::CrossValidation;
pub use data::{Decisions, Sample};
pub use features::{features, FEATURES_VERSION, MAX_UNIT_CHARS};
pub use logistic::{train, Model, Params};
pub use models::{latest_models, order_by_uncertainty, scores, ModelInfo, MIGRATIONS};
pub use suggest::{suggest, SuggestOptions, SuggestSummary};

use crate::evaluate::Scope;
use crate::store::CodingStore;
use crate::Result;

/// What to learn and how.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LearnOptions {
    /// Seed of the example order and of the folds.
    pub seed: u64,
    /// Cross-validation folds.
    pub folds: usize,
    /// Fewest positive and fewest negative examples a code needs.
    pub min_examples: usize,
    /// Training settings.
    pub params: Params,
    /// Only these codes (paths or unique names); every code with an accepted
    /// coding in a decided document when empty.
    pub codes: Vec<String>,
    /// Which sentences are examples.
    pub scope: Scope,
}

impl Default for LearnOptions {
    fn default() -> Self {
        LearnOptions {
            seed: 1,
            folds: 5,
            min_examples: 10,
            params: Params::default(),
            codes: Vec::new(),
            scope: Scope::Documents,
        }
    }
}

/// What became of one code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum CodeOutcome {
    /// A model was trained and stored.
    Trained {
        /// The stored model.
        model: Box<ModelInfo>,
    },
    /// Too few examples: nothing was stored.
    TooFew {
        /// The code.
        code: String,
        /// Positive examples found.
        positives: u64,
        /// Negative examples found.
        negatives: u64,
        /// How many of each it needs.
        needed: u64,
    },
}

/// The result of [`learn`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LearnSummary {
    /// Decided documents.
    pub documents: usize,
    /// Their sentences (the examples of every code with [`Scope::Documents`]).
    pub sentences: usize,
    /// The people whose decisions were learnt.
    pub coders: Vec<String>,
    /// The seed used.
    pub seed: u64,
    /// One entry per code, in path order.
    pub codes: Vec<CodeOutcome>,
}

/// Trains a model per code from the project's human decisions and stores it.
pub fn learn(store: &CodingStore<'_>, opts: &LearnOptions) -> Result<LearnSummary> {
    models::migrate(store)?;
    let decisions = Decisions::load(store)?;
    let mut codes: Vec<crate::Code> = if opts.codes.is_empty() {
        decisions.codes().into_iter().map(|id| store.code(id)).collect::<Result<_>>()?
    } else {
        opts.codes.iter().map(|n| store.find_code(n)).collect::<Result<_>>()?
    };
    codes.sort_by(|a, b| a.path.cmp(&b.path));
    codes.dedup_by_key(|c| c.id);
    let folds = opts.folds.max(2);
    let needed = opts.min_examples.max(folds) as u64;
    let mut out = Vec::new();
    for code in codes {
        let labels = decisions.labels(code.id, opts.scope);
        let chosen: Vec<usize> = (0..labels.len()).filter(|&i| labels[i].is_some()).collect();
        let xs: Vec<&[(u32, f32)]> =
            chosen.iter().map(|&i| decisions.samples[i].features.as_slice()).collect();
        let ys: Vec<bool> = chosen.iter().map(|&i| labels[i] == Some(true)).collect();
        let positives = ys.iter().filter(|y| **y).count() as u64;
        let negatives = ys.len() as u64 - positives;
        if positives < needed || negatives < needed {
            out.push(CodeOutcome::TooFew { code: code.path, positives, negatives, needed });
            continue;
        }
        let cv = cv::cross_validate(&xs, &ys, folds, &opts.params, opts.seed);
        let model = train(&xs, &ys, &opts.params, opts.seed);
        let mut hash = blake3::Hasher::new();
        for (s, y) in chosen.iter().map(|&i| &decisions.samples[i]).zip(&ys) {
            hash.update(format!("{}:{}:{}:{}\n", s.doc_id, s.start, s.end, u8::from(*y)).as_bytes());
        }
        let mut info = ModelInfo {
            id: 0,
            code_id: code.id,
            code_path: code.path,
            features: FEATURES_VERSION.to_string(),
            params: opts.params,
            seed: opts.seed,
            positives,
            negatives,
            documents: decisions.documents.len() as u64,
            coders: decisions.coders.clone(),
            decisions_hash: hash.finalize().to_hex().to_string(),
            cv,
            trained_at: String::new(),
        };
        info.id = models::save(store, &info, &model)?;
        let stored = latest_models(store)?.into_iter().find(|m| m.id == info.id);
        out.push(CodeOutcome::Trained { model: Box::new(stored.unwrap_or(info)) });
    }
    Ok(LearnSummary {
        documents: decisions.documents.len(),
        sentences: decisions.samples.len(),
        coders: decisions.coders,
        seed: opts.seed,
        codes: out,
    })
}
