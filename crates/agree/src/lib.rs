//! Inter-coder agreement.
//!
//! The measures are plain functions over plain data, so they can be checked
//! against published worked examples:
//!
//! * [`BinaryCounts`]: NVivo's Coding Comparison figures — percentage
//!   agreement and kappa on a 2×2 table of characters (or sentences,
//!   paragraphs, documents) for one code between two coders.
//! * [`cohen_kappa`]: Cohen's κ on any square contingency table.
//! * [`fleiss_kappa`]: Fleiss' κ for more than two coders.
//! * [`krippendorff_alpha`]: Krippendorff's α (nominal, ordinal, interval,
//!   ratio) with missing values.
//! * [`unitizing_alpha`]: Krippendorff's unitizing α of one code over a text.
//! * [`pool`]: plain and size-weighted means across codes and documents.
//!
//! [`compare`] applies them to a project's codings: per code × document,
//! per code and overall, with a listing of the disagreements.
//!
//! ```
//! use policyscope_agree::BinaryCounts;
//! // NVivo's documented example: 1000 characters, 50 coded by both,
//! // 150 coded by one user only.
//! let t = BinaryCounts { both: 50, only_a: 100, only_b: 50, neither: 800 };
//! assert_eq!(t.percent_agreement(), Some(85.0));
//! ```
#![deny(missing_docs)]

pub mod alpha;
pub mod binary;
pub mod cohen;
pub mod compare;
mod error;
pub mod evaluate;
pub mod fleiss;
pub mod pool;
pub mod spans;
pub mod unitizing;

pub use alpha::{alpha_binary, krippendorff_alpha, Metric};
pub use binary::BinaryCounts;
pub use cohen::{cohen_kappa, cohen_kappa_pairs};
pub use compare::{compare, CompareOptions, Comparison, Unit};
pub use error::{Error, Result};
pub use evaluate::{evaluate, EvaluateOptions, Evaluation, Scope};
pub use fleiss::{fleiss_kappa, fleiss_kappa_runs};
pub use pool::{pool, Pooled};
pub use unitizing::unitizing_alpha;
