//! Errors of agreement over a project.

/// Errors of this crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request cannot be answered (fewer than two coders, unknown code …).
    #[error("{0}")]
    Invalid(String),
    /// The coding store.
    #[error(transparent)]
    Coding(#[from] policyscope_coding::Error),
    /// The project store.
    #[error(transparent)]
    Corpus(#[from] policyscope_corpus::Error),
}

/// Result with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
