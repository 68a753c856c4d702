//! Errors of coding queries.

/// Errors of this crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The coding store.
    #[error(transparent)]
    Coding(#[from] policyscope_coding::Error),
    /// The project store.
    #[error(transparent)]
    Corpus(#[from] policyscope_corpus::Error),
    /// A database error.
    #[error("database: {0}")]
    Sql(#[from] policyscope_store::Error),
    /// Writing CSV failed.
    #[error("csv: {0}")]
    Csv(#[from] csv::Error),
    /// Writing output failed.
    #[error("output: {0}")]
    Io(#[from] std::io::Error),
}

/// Result with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
