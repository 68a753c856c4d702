//! Errors of REFI-QDA import and export.

use std::path::PathBuf;

/// Errors of this crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file is not a zip archive (or a damaged one).
    #[error("{path}: not a readable .qdpx (zip) file: {message}")]
    NotZip {
        /// The file.
        path: PathBuf,
        /// What the zip reader said.
        message: String,
    },
    /// An archive entry has a name that could escape a folder (`../`, absolute).
    #[error("unsafe entry name in the archive: {0:?} (absolute or containing `..`); refusing the file")]
    UnsafeEntry(String),
    /// The archive would unpack to more than the allowed size.
    #[error(
        "the archive is too large when unpacked: {what} ({size} bytes, limit {limit}); possibly a zip bomb"
    )]
    TooLarge {
        /// Which entry, or `total`.
        what: String,
        /// Size found (declared or read).
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The archive holds no `*.qde`, or more than one.
    #[error("{0}")]
    NoProjectFile(String),
    /// The project or codebook file is not well-formed XML.
    #[error("{what} is not well-formed XML: {message}")]
    NotXml {
        /// Which file.
        what: String,
        /// The parser's message (with position).
        message: String,
    },
    /// The XML is well-formed but not a REFI-QDA project or codebook.
    #[error("{what} is not QDA-XML: {message}")]
    NotQdaXml {
        /// Which file.
        what: String,
        /// What was found instead.
        message: String,
    },
    /// The same GUID names two different things the import depends on.
    #[error("duplicate GUID {guid}: {first} and {second}")]
    DuplicateGuid {
        /// The GUID.
        guid: String,
        /// The first element carrying it.
        first: String,
        /// The second.
        second: String,
    },
    /// The request cannot be carried out (e.g. a codebook with no codes).
    #[error("{0}")]
    Invalid(String),
    /// A file-system error.
    #[error("{path}: {source}")]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The coding store (codes, codings, memos).
    #[error(transparent)]
    Coding(#[from] policyscope_coding::Error),
    /// The project store (documents).
    #[error(transparent)]
    Corpus(#[from] policyscope_corpus::Error),
    /// A database error.
    #[error("database: {0}")]
    Sql(#[from] policyscope_store::Error),
}

/// Result with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }
}
