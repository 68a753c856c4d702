//! Agreement between coders (or groups of coders) on a project's codings.
//!
//! For every code × document in which at least one compared coder applied
//! the code, the figures are computed on the chosen unit:
//!
//! * characters — NVivo's percentage agreement and kappa (two coders),
//!   Fleiss' κ on characters (more than two) and Krippendorff's unitizing
//!   α (any number), which also weighs where spans begin and end;
//! * sentences or paragraphs — presence/absence of the code in each
//!   passage: percentage agreement and Cohen's κ (two coders), Fleiss' κ
//!   (more), Krippendorff's α (any);
//! * documents — presence/absence per document, per code only.
//!
//! A group codes a unit when any of its members does. Each code is also
//! pooled over documents (the summed 2×2 table, and the plain and
//! size-weighted means of the per-document figures), and so is the whole
//! comparison. Disagreements are listed with their text.

mod load;
mod measure;
mod types;

pub use load::{compare, CompareOptions};
pub use measure::measure;
pub use types::{
    Cell, CodeSummary, Comparison, Disagreement, DocInput, Input, Overall, PairFigures, SpansByCell, Unit,
    UnitFigures,
};
