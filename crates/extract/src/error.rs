use std::time::Duration;

/// Why a file could not be extracted; every message names the cause in words
/// a user can act on.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A PDF whose pages carry no text (a scan).
    #[error("no text layer (scanned?); import with --ocr to read the page images")]
    NoTextLayer,
    /// The PDF needs a password.
    #[error("the PDF is encrypted or password-protected")]
    Encrypted,
    /// The text decodes to garbage (fonts without a Unicode map).
    #[error("the text layer is unreadable ({0}); the fonts carry no Unicode map — import with --ocr")]
    Gibberish(String),
    /// A tool this format needs is not installed.
    #[error("reading {what} needs `{tool}`, which is not installed: apt-get install {package}")]
    ToolMissing {
        /// What was being read.
        what: &'static str,
        /// The program.
        tool: &'static str,
        /// The Debian package that provides it.
        package: &'static str,
    },
    /// An external tool failed.
    #[error("`{tool}` failed: {message}")]
    ToolFailed {
        /// The program.
        tool: String,
        /// Its complaint (first lines of stderr).
        message: String,
    },
    /// The file took longer than the time limit.
    #[error("reading took longer than the limit of {} s", .0.as_secs())]
    TimedOut(Duration),
    /// Something is bigger than its cap.
    #[error("{what} is too large ({size} > limit {limit})")]
    TooLarge {
        /// What was measured.
        what: String,
        /// Its size.
        size: u64,
        /// The cap.
        limit: u64,
    },
    /// A zip entry whose name could escape a folder.
    #[error("unsafe entry name in the archive: {0}")]
    UnsafeEntry(String),
    /// The file is not what its extension says, or is broken.
    #[error("not a readable {format} file: {message}")]
    Corrupt {
        /// The format expected.
        format: &'static str,
        /// What is wrong.
        message: String,
    },
    /// The file holds no text at all.
    #[error("the file has no text")]
    Empty,
    /// A reader panicked; the file is reported, the batch goes on.
    #[error("internal error while reading the file: {0}")]
    Internal(String),
    /// A temporary file could not be written or read.
    #[error("temporary file: {0}")]
    Io(#[from] std::io::Error),
}

impl Error {
    pub(crate) fn corrupt(format: &'static str, message: impl Into<String>) -> Error {
        Error::Corrupt { format, message: message.into() }
    }
}

/// Result with the extract [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
