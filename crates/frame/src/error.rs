//! Errors of the frame: bad frame files, and the stores it reads and writes.

use std::path::PathBuf;

/// Errors of this crate.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A frame file is malformed or breaks a rule (duplicate id, shared
    /// alias …): where, so a person can fix it.
    #[error("{file}:{line}:{column}: {message}")]
    Table {
        /// The file (or built-in table) name.
        file: String,
        /// Line, from 1.
        line: usize,
        /// Column (a TSV field), from 1.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A frame file could not be read.
    #[error("reading {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A request that cannot be met (unknown actor, bad option).
    #[error("{0}")]
    Invalid(String),
    /// The project store.
    #[error(transparent)]
    Corpus(#[from] policyscope_corpus::Error),
    /// The coding store.
    #[error(transparent)]
    Coding(#[from] policyscope_coding::Error),
    /// A coding query.
    #[error(transparent)]
    Query(#[from] policyscope_query::Error),
    /// A database error.
    #[error("database: {0}")]
    Sql(#[from] policyscope_store::Error),
    /// Writing CSV failed.
    #[error("csv: {0}")]
    Csv(#[from] csv::Error),
    /// Writing JSON failed.
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    /// Writing output failed.
    #[error("write: {0}")]
    Write(#[from] std::io::Error),
}

/// Result with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
