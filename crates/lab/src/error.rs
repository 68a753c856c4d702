//! The one error type of the lab: every failure names what was wrong and where.

use std::path::PathBuf;

/// What can go wrong while reading a spec, running an experiment or writing results.
#[derive(Debug, thiserror::Error)]
pub enum LabError {
    /// The spec text is not valid TOML or does not have the expected shape.
    #[error("spec is not valid: {0}")]
    Spec(String),
    /// A parameter is outside its allowed range.
    #[error("parameter `{name}` is invalid: {reason}")]
    Param {
        /// Dotted path of the parameter (e.g. `graph.kappa`).
        name: String,
        /// Why it was refused.
        reason: String,
    },
    /// A size or time limit was hit; the message names the limit.
    #[error("limit exceeded: {0}")]
    Limit(String),
    /// A design factor or override path does not exist in the model's parameters.
    #[error("unknown parameter path `{0}`")]
    Path(String),
    /// An input table (design list, coded trend) is malformed.
    #[error("{file}: {reason}")]
    Table {
        /// The file being read.
        file: String,
        /// What was wrong.
        reason: String,
    },
    /// Reading or writing a file failed.
    #[error("{}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The worker thread pool could not be built.
    #[error("thread pool: {0}")]
    Pool(String),
    /// Writing CSV failed.
    #[error("writing CSV: {0}")]
    Csv(#[from] csv::Error),
    /// Writing JSON failed.
    #[error("writing JSON: {0}")]
    Json(#[from] serde_json::Error),
}

impl LabError {
    /// Shorthand for a refused parameter.
    pub fn param(name: impl Into<String>, reason: impl Into<String>) -> Self {
        LabError::Param { name: name.into(), reason: reason.into() }
    }

    /// Shorthand for an I/O failure on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        LabError::Io { path: path.into(), source }
    }
}

/// Result with [`LabError`].
pub type Result<T> = std::result::Result<T, LabError>;

/// Checks that `v` is a probability (finite, in [0, 1]).
pub fn check_prob(name: &str, v: f64) -> Result<()> {
    if v.is_finite() && (0.0..=1.0).contains(&v) {
        Ok(())
    } else {
        Err(LabError::param(name, format!("{v} is not a probability in [0, 1]")))
    }
}

/// Checks that `v` is finite and within `[lo, hi]`.
pub fn check_range(name: &str, v: f64, lo: f64, hi: f64) -> Result<()> {
    if v.is_finite() && v >= lo && v <= hi {
        Ok(())
    } else {
        Err(LabError::param(name, format!("{v} is outside [{lo}, {hi}]")))
    }
}

/// Checks that a count is within `[lo, hi]` (sizes must be positive and bounded).
pub fn check_count(name: &str, v: u64, lo: u64, hi: u64) -> Result<()> {
    if (lo..=hi).contains(&v) {
        Ok(())
    } else {
        Err(LabError::param(name, format!("{v} is outside [{lo}, {hi}]")))
    }
}
