use std::path::PathBuf;

/// Errors of the project store and of import.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The folder holds no policyscope project.
    #[error("{0} is not a policyscope project (no policyscope.db); create one with `policyscope init {0}`")]
    NotAProject(PathBuf),
    /// `init` was asked to create a project where one exists.
    #[error("{0} already holds a policyscope project")]
    AlreadyAProject(PathBuf),
    /// The PostgreSQL database holds no policyscope project yet.
    #[error("{0} holds no policyscope project; create one with `policyscope --database {0} init`, or copy one in with `policyscope copy`")]
    NotAProjectDatabase(String),
    /// `init` was asked to create a project in a database that holds one.
    #[error("{0} already holds a policyscope project")]
    AlreadyAProjectDatabase(String),
    /// The database was written by a newer policyscope.
    #[error("the project database has schema version {found} for `{component}`, newer than this policyscope knows ({known}); upgrade policyscope")]
    SchemaTooNew {
        /// Migration component.
        component: String,
        /// Version in the database.
        found: i64,
        /// Highest version this build knows.
        known: i64,
    },
    /// No document has this id.
    #[error("no document with id {0}")]
    NoSuchDocument(i64),
    /// A translation link that would break the one-level original/translation shape.
    #[error("cannot link #{translation} as a translation of #{original}: {reason}")]
    TranslationLink {
        /// The would-be translation.
        translation: i64,
        /// The would-be original.
        original: i64,
        /// Why not.
        reason: String,
    },
    /// A metadata edit that would leave a document without a usable value.
    #[error("invalid metadata: {0}")]
    InvalidMetadata(String),
    /// A catalog file could not be read.
    #[error("catalog {path}: {message}")]
    Catalog {
        /// The catalog file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A file-system error.
    #[error("{path}: {source}")]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A database error.
    #[error("database: {0}")]
    Sql(#[from] policyscope_store::Error),
}

/// Result with the corpus [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }
}
