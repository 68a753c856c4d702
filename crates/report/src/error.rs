use std::path::PathBuf;

/// Errors while gathering a project's data or writing a report.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The project store failed.
    #[error(transparent)]
    Corpus(#[from] policyscope_corpus::Error),
    /// A database query of the report failed.
    #[error("database: {0}")]
    Sql(String),
    /// Another policyscope stage (coding, citations, queries) failed.
    #[error("{stage}: {message}")]
    Stage {
        /// Which stage.
        stage: &'static str,
        /// What went wrong.
        message: String,
    },
    /// The project's settings file cannot give the report's title.
    #[error("{path}: {message}")]
    Settings {
        /// The settings file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// The output folder holds files that are not from an earlier report.
    #[error("{0} is not empty and holds no earlier report; choose an empty or new folder")]
    NotAReportFolder(PathBuf),
    /// Writing an output file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// Result with the report [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }
}
