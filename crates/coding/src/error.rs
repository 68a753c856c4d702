//! Errors of codebooks, auto-coding and the coding store.

/// Errors of this crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A codebook file is malformed or inconsistent; every problem found is listed.
    #[error("{}", format_problems(.0))]
    Codebook(Vec<crate::codebook::Problem>),
    /// A codebook file could not be read.
    #[error("cannot read codebook {path}: {source}")]
    ReadCodebook {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A bare codebook name that is both a built-in codebook and a file or
    /// folder in the current folder.
    #[error(
        "codebook `{name}` is ambiguous: it is a built-in codebook and a file or folder here; \
         write `builtin:{name}` for the built-in codebook or `./{name}` for the file"
    )]
    AmbiguousCodebook {
        /// The name as given.
        name: String,
    },
    /// A name given for a person (coder, reviewer, memo author) that cannot be one.
    #[error("`{name}` cannot be a person's name: {reason}")]
    NotAPersonName {
        /// The name as given.
        name: String,
        /// Why not.
        reason: String,
    },
    /// No code has this path (or id).
    #[error("no code `{0}`")]
    NoSuchCode(String),
    /// No coding has this id or GUID.
    #[error("no coding `{0}`")]
    NoSuchCoding(String),
    /// No memo has this id.
    #[error("no memo {0}")]
    NoSuchMemo(i64),
    /// The code is a folder and cannot be applied to text.
    #[error("code `{0}` is a folder and cannot be applied to text")]
    NotCodable(String),
    /// A span lies outside the document or is empty.
    #[error("span [{start}, {end}) is not inside document {doc_id} ({len} code points)")]
    BadSpan {
        /// The document.
        doc_id: i64,
        /// First code point.
        start: i64,
        /// One past the last code point.
        end: i64,
        /// Length of the document.
        len: i64,
    },
    /// The change clashes with the code tree as it is (a code of that name
    /// exists, sub-codes in the way).
    #[error("{0}")]
    Conflict(String),
    /// A code with codings cannot be deleted before saying what becomes of them.
    #[error("code `{code}` has {codings} coding(s): move them to another code or remove them explicitly")]
    DeleteNeedsDecision {
        /// The code's path.
        code: String,
        /// Its codings (every status).
        codings: usize,
    },
    /// A change sent with the version a coding or memo was loaded at, when
    /// someone changed it since: refused, never silently overwritten.
    #[error("{kind} {id} was changed by {changed_by} at {changed_at} since you loaded it; reload it and decide again")]
    Stale {
        /// `coding` or `memo`.
        kind: &'static str,
        /// Its id.
        id: i64,
        /// Who changed it last.
        changed_by: String,
        /// When.
        changed_at: String,
        /// The row as it is now.
        current: Box<serde_json::Value>,
    },
    /// A value given by a caller is not acceptable (empty coder name, bad path …).
    #[error("{0}")]
    Invalid(String),
    /// The project store (documents, migrations).
    #[error(transparent)]
    Corpus(#[from] policyscope_corpus::Error),
    /// A database error.
    #[error("database: {0}")]
    Sql(#[from] policyscope_store::Error),
}

fn format_problems(problems: &[crate::codebook::Problem]) -> String {
    let mut out = String::from("invalid codebook:");
    for p in problems {
        out.push_str("\n  ");
        out.push_str(&p.to_string());
    }
    out
}

/// Result with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
