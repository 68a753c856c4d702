//! The coding tables in the project database and the operations on them.
//!
//! [`CodingStore`] borrows an open [`Project`]; opening it applies the
//! `coding` migrations. Reads and single-row writes go straight to SQLite;
//! multi-row writes (auto-coding one document, a recode) run in a
//! transaction so a crash never leaves half a decision behind.

mod audit;
mod codes;
mod codings;
mod edit;
mod filter;
mod history;
mod memos;
mod merge;
mod review;
mod versions;

use policyscope_corpus::Project;
use policyscope_store::Connection;

pub use audit::{AuditAction, AuditEntry, AuditFilter, AuditTarget};
pub use codes::NewCode;
pub use codings::NewCoding;
pub use filter::CodingFilter;
pub use history::{CodeAction, CodeEvent};
pub use merge::{CodeRemoval, DeleteCodings};
pub use review::Verdict;

use crate::Result;

/// Migrations of the `coding` component (step `i` is version `i + 1`).
pub const MIGRATIONS: &[&str] = &[
    include_str!("sql/coding_001.sql"),
    include_str!("sql/coding_002.sql"),
    include_str!("sql/coding_003.sql"),
    include_str!("sql/coding_004.sql"),
    include_str!("sql/coding_005.sql"),
    include_str!("sql/coding_006.sql"),
];

/// SQL expression for "now" in the format every timestamp uses.
pub(crate) const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/// The coding tables of one project.
#[derive(Debug, Clone, Copy)]
pub struct CodingStore<'p> {
    project: &'p Project,
}

impl<'p> CodingStore<'p> {
    /// Opens the coding tables of `project`, creating or upgrading them.
    pub fn open(project: &'p Project) -> Result<CodingStore<'p>> {
        project.migrate("coding", MIGRATIONS)?;
        Ok(CodingStore { project })
    }

    /// The project.
    pub fn project(&self) -> &'p Project {
        self.project
    }

    pub(crate) fn conn(&self) -> &'p Connection {
        self.project.conn()
    }

    /// Every name that coded or reviewed something, sorted: auto-coders
    /// (`auto:…`) and people.
    pub fn coders(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT coder FROM codings UNION SELECT reviewer FROM coding_reviews ORDER BY 1")?;
        let names = stmt.query_map([], |r| r.get(0))?.collect::<policyscope_store::Result<_>>()?;
        Ok(names)
    }
}

/// Checks a person's or coder's name: not empty, no control characters.
pub(crate) fn check_name(what: &str, name: &str) -> Result<()> {
    if name.trim().is_empty() || name.chars().any(char::is_control) {
        return Err(crate::Error::Invalid(format!("{what} must be a non-empty name, got {name:?}")));
    }
    Ok(())
}
