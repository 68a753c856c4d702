use std::path::PathBuf;

/// Errors of citation extraction, resolution, snowballing and graph export.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The project store failed.
    #[error(transparent)]
    Corpus(#[from] policyscope_corpus::Error),
    /// A database error in the citation tables.
    #[error("database: {0}")]
    Sql(#[from] policyscope_store::Error),
    /// A snowball rules file could not be read or understood.
    #[error("rules {path}: {message}")]
    Rules {
        /// The rules file (or `<inline>`).
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A seed is not a document of the project.
    #[error("seed {0} is not a document of the project")]
    NoSuchSeed(i64),
    /// Stored data could not be decoded.
    #[error("stored citation data: {0}")]
    Json(#[from] serde_json::Error),
}

/// Result with the citation [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
