//! The options and results of a codebook evaluation.

use policyscope_coding::evaluate::{Confusion, Scope};
use serde::{Deserialize, Serialize};

use crate::Unit;

/// What to evaluate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvaluateOptions {
    /// The person (or group-free coder name) whose codings are the truth.
    pub coder: String,
    /// Sentence, paragraph or document.
    pub unit: Unit,
    /// Which units count.
    pub scope: Scope,
    /// At most this many false positives and as many false negatives listed per code.
    pub examples: usize,
}

/// A listed passage: a false positive (with the rules that fired and what
/// they matched) or a false negative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvalPassage {
    /// The document.
    pub doc_id: i64,
    /// Its title.
    pub title: String,
    /// First code point of the unit.
    pub start: usize,
    /// One past its last code point.
    pub end: usize,
    /// The unit's text (shortened).
    pub text: String,
    /// Rules of the code that fired in it.
    pub rules: Vec<String>,
    /// The text each hit matched.
    pub matched: Vec<String>,
}

/// How many of a rule's hits the person kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleTally {
    /// Rule id.
    pub rule: String,
    /// Units it fired on.
    pub hits: u64,
    /// Of those, units the person coded with the code.
    pub kept: u64,
}

/// The figures of one code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CodeEvaluation {
    /// Code path.
    pub code: String,
    /// Units counted.
    pub units: u64,
    /// Codebook (predicted) against person (judged).
    pub counts: Confusion,
    /// TP / (TP + FP).
    pub precision: Option<f64>,
    /// TP / (TP + FN).
    pub recall: Option<f64>,
    /// Harmonic mean of the two.
    pub f1: Option<f64>,
    /// Cohen's κ of the 2×2 table.
    pub kappa: Option<f64>,
    /// Per rule, in id order.
    pub rules: Vec<RuleTally>,
    /// Units coded by the codebook but not the person.
    pub false_positives: Vec<EvalPassage>,
    /// Units coded by the person but not the codebook.
    pub false_negatives: Vec<EvalPassage>,
}

/// A codebook's evaluation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    /// Codebook name.
    pub codebook: String,
    /// Its version.
    pub version: String,
    /// The person.
    pub coder: String,
    /// The unit.
    pub unit: Unit,
    /// Which units counted.
    pub scope: Scope,
    /// Documents looked at.
    pub documents: usize,
    /// Codable codes in codebook order.
    pub codes: Vec<CodeEvaluation>,
}
