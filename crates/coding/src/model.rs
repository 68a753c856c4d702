//! The records of the coding store.

use serde::{Deserialize, Serialize};

/// A node of the project's code tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Code {
    /// Row id (stable within the project).
    pub id: i64,
    /// GUID (stable across exports; from REFI-QDA on import).
    pub guid: String,
    /// The parent code, `None` at the top.
    pub parent_id: Option<i64>,
    /// Own name (last path segment).
    pub name: String,
    /// Names from the top joined by `/`, e.g. `Target/Internationalisation`.
    pub path: String,
    /// Definition.
    pub description: String,
    /// Colour as `#rrggbb`.
    pub colour: Option<String>,
    /// Whether text can be coded with it (folders cannot).
    pub codable: bool,
    /// Free tags, conventionally `key:value` (e.g. `nis:Institutions`).
    pub tags: Vec<String>,
    /// Codebook that defined it; `None` when made by hand or imported.
    pub codebook: Option<String>,
}

/// Where a coding stands in review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Proposed by auto-coding, not yet decided.
    Proposed,
    /// Accepted by a reviewer, or added by a person.
    Accepted,
    /// Rejected by a reviewer (kept so auto-coding never proposes it again).
    Rejected,
}

impl Status {
    /// Name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Proposed => "proposed",
            Status::Accepted => "accepted",
            Status::Rejected => "rejected",
        }
    }

    /// Parses a stored or typed name.
    pub fn parse(s: &str) -> Option<Status> {
        match s {
            "proposed" => Some(Status::Proposed),
            "accepted" => Some(Status::Accepted),
            "rejected" => Some(Status::Rejected),
            _ => None,
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A coded span of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coding {
    /// Row id.
    pub id: i64,
    /// GUID (stable; REFI-QDA `PlainTextSelection` guid).
    pub guid: String,
    /// The document.
    pub doc_id: i64,
    /// The code.
    pub code_id: i64,
    /// The code's path (joined for convenience).
    pub code_path: String,
    /// First code point of the span.
    pub start: i64,
    /// One past the last code point.
    pub end: i64,
    /// Who made it: `auto:<codebook>@<version>` or a person.
    pub coder: String,
    /// Review status (the latest decision).
    pub status: Status,
    /// Auto-coding: the rule that fired.
    pub rule: Option<String>,
    /// Auto-coding: the text the rule matched.
    pub matched: Option<String>,
    /// For a recode: the coding it replaced.
    pub recoded_from: Option<i64>,
    /// When it was made (UTC, ISO 8601).
    pub created_at: String,
    /// When it last changed (UTC, ISO 8601).
    pub updated_at: String,
    /// Bumped by every change; a change sent with an older one is refused.
    pub version: i64,
    /// Who made the last change (none before the first).
    pub updated_by: Option<String>,
}

impl Coding {
    /// Whether the coding was made by an auto-coder.
    pub fn is_auto(&self) -> bool {
        self.coder.starts_with(AUTO_PREFIX)
    }
}

/// Prefix of auto-coders' names.
pub const AUTO_PREFIX: &str = "auto:";

/// The coder name of a codebook's auto-coder: `auto:<name>@<version>`.
pub fn auto_coder(codebook: &str, version: &str) -> String {
    format!("{AUTO_PREFIX}{codebook}@{version}")
}

/// One review decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    /// The coding decided on.
    pub coding_id: i64,
    /// Who decided.
    pub reviewer: String,
    /// `accepted`, `rejected` or `recoded`.
    pub decision: String,
    /// When (UTC, ISO 8601).
    pub at: String,
}

/// What a memo is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "lowercase")]
pub enum MemoTarget {
    /// The whole project.
    Project,
    /// A document (id).
    Document(i64),
    /// A code (id).
    Code(i64),
    /// A coding (id).
    Coding(i64),
}

impl MemoTarget {
    /// Kind name and id as stored.
    pub fn parts(self) -> (&'static str, Option<i64>) {
        match self {
            MemoTarget::Project => ("project", None),
            MemoTarget::Document(id) => ("document", Some(id)),
            MemoTarget::Code(id) => ("code", Some(id)),
            MemoTarget::Coding(id) => ("coding", Some(id)),
        }
    }

    /// The target from its stored parts.
    pub fn from_parts(kind: &str, id: Option<i64>) -> Option<MemoTarget> {
        match (kind, id) {
            ("project", _) => Some(MemoTarget::Project),
            ("document", Some(i)) => Some(MemoTarget::Document(i)),
            ("code", Some(i)) => Some(MemoTarget::Code(i)),
            ("coding", Some(i)) => Some(MemoTarget::Coding(i)),
            _ => None,
        }
    }
}

/// A memo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Memo {
    /// Row id.
    pub id: i64,
    /// GUID.
    pub guid: String,
    /// What it is about.
    pub target: MemoTarget,
    /// Who wrote it.
    pub author: String,
    /// The text.
    pub text: String,
    /// When written (UTC, ISO 8601).
    pub created_at: String,
    /// When last changed.
    pub updated_at: String,
    /// Bumped by every change; an edit sent with an older one is refused.
    pub version: i64,
    /// Who made the last change (none before the first).
    pub updated_by: Option<String>,
}
