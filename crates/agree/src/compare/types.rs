//! The inputs and results of a comparison.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::{BinaryCounts, Pooled};

/// The unit agreement is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// Characters (code points), as NVivo counts.
    Char,
    /// Sentences: a code is present or absent in each.
    Sentence,
    /// Paragraphs: a code is present or absent in each.
    Paragraph,
    /// Documents: a code is present or absent in each.
    Document,
}

impl Unit {
    /// Parses `char`, `sentence`, `paragraph` or `document`.
    pub fn parse(s: &str) -> Option<Unit> {
        match s {
            "char" | "character" | "characters" => Some(Unit::Char),
            "sentence" | "sentences" => Some(Unit::Sentence),
            "paragraph" | "paragraphs" => Some(Unit::Paragraph),
            "document" | "documents" => Some(Unit::Document),
            _ => None,
        }
    }
}

/// One document as the comparison needs it.
#[derive(Debug, Clone, Default)]
pub struct DocInput {
    /// Document id.
    pub doc_id: i64,
    /// Title.
    pub title: String,
    /// Length in code points.
    pub len: u64,
    /// Sentences or paragraphs (for those units).
    pub passages: Vec<(u64, u64)>,
    /// Text (for the disagreement listing; may be empty).
    pub text: String,
}

/// Spans per coder (same order as the coders), for each `(code, document)`
/// index pair.
pub type SpansByCell = HashMap<(usize, usize), Vec<Vec<(u64, u64)>>>;

/// Everything a comparison is computed from.
#[derive(Debug, Clone, Default)]
pub struct Input {
    /// Coder or group labels.
    pub coders: Vec<String>,
    /// Code paths.
    pub codes: Vec<String>,
    /// Documents.
    pub docs: Vec<DocInput>,
    /// `(code index, doc index)` → spans per coder (same order as `coders`).
    pub spans: SpansByCell,
}

/// Two-coder figures.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PairFigures {
    /// The 2×2 table.
    pub counts: BinaryCounts,
    /// Percentage agreement (0–100).
    pub percent_agreement: Option<f64>,
    /// Cohen's κ on the table (NVivo's kappa for characters).
    pub kappa: Option<f64>,
}

/// Figures on a set of units.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct UnitFigures {
    /// Number of units.
    pub units: u64,
    /// With exactly two coders.
    pub pair: Option<PairFigures>,
    /// Fleiss' κ, with more than two coders.
    pub fleiss_kappa: Option<f64>,
    /// Krippendorff's α: unitizing α for characters, binary α otherwise.
    pub alpha: Option<f64>,
}

/// One code in one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// Code path.
    pub code: String,
    /// Document id.
    pub doc_id: i64,
    /// Document title.
    pub title: String,
    /// Figures.
    pub figures: UnitFigures,
}

/// One code over all documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CodeSummary {
    /// Code path.
    pub code: String,
    /// Documents compared for it (those where any coder applied it, or all
    /// with `all_cells`).
    pub documents: usize,
    /// Figures on all units of those documents together.
    pub pooled: UnitFigures,
    /// Mean percentage agreement over documents.
    pub percent_mean: Pooled,
    /// Mean κ over documents.
    pub kappa_mean: Pooled,
    /// Mean α over documents.
    pub alpha_mean: Pooled,
}

/// Means over every cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overall {
    /// Mean percentage agreement.
    pub percent_mean: Pooled,
    /// Mean κ (Cohen's with two coders, Fleiss' with more).
    pub kappa_mean: Pooled,
    /// Mean α.
    pub alpha_mean: Pooled,
}

/// A stretch of text (or a passage, or a document) the coders disagree on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Disagreement {
    /// Code path.
    pub code: String,
    /// Document id.
    pub doc_id: i64,
    /// Document title.
    pub title: String,
    /// First code point.
    pub start: u64,
    /// One past the last.
    pub end: u64,
    /// Coders who coded it (the others did not).
    pub coded_by: Vec<String>,
    /// The text.
    pub text: String,
}

/// The result of a comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Unit.
    pub unit: Unit,
    /// Coders or groups compared.
    pub coders: Vec<String>,
    /// Per code × document (not for the document unit).
    pub cells: Vec<Cell>,
    /// Per code.
    pub codes: Vec<CodeSummary>,
    /// Over all cells (for the document unit: over codes).
    pub overall: Overall,
    /// Where the coders differ.
    pub disagreements: Vec<Disagreement>,
}
