//! The records this crate hands out: references as written and citations
//! as resolved.

use policyscope_text::PolicyDate;
use serde::{Deserialize, Serialize};

/// How a reference is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RefKind {
    /// A title in book-title marks, `《…》`.
    Title,
    /// A document number, `国发〔2017〕35号`.
    Docno,
    /// A short name introduced by `（以下简称…）`.
    Alias,
}

impl RefKind {
    /// The name used in JSON and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            RefKind::Title => "title",
            RefKind::Docno => "docno",
            RefKind::Alias => "alias",
        }
    }

    /// Parses [`RefKind::as_str`].
    pub fn parse(s: &str) -> Option<RefKind> {
        Some(match s {
            "title" => RefKind::Title,
            "docno" => RefKind::Docno,
            "alias" => RefKind::Alias,
            _ => return None,
        })
    }
}

/// A reference found in a text, before resolution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reference {
    /// How it is written.
    pub kind: RefKind,
    /// The cited text as written (marks and clause included).
    pub text: String,
    /// What is looked up: the title inside the marks, the canonical
    /// document number, or the short name.
    pub name: String,
    /// Clause cited with the title (`第十条第二款`), when any.
    pub clause: Option<String>,
    /// A document number written right after the title, when any.
    pub docno: Option<String>,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// For a short name: the start of the reference that introduced it.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub alias_of: Option<usize>,
}

/// The outcome of resolving a reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Cites a document of the project.
    Resolved,
    /// Could not be matched (candidates may be listed).
    Unresolved,
    /// The citing document names itself.
    #[serde(rename = "self")]
    SelfRef,
    /// Cites an entry of the external catalog, not a project document.
    External,
}

impl Status {
    /// The name used in JSON and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Resolved => "resolved",
            Status::Unresolved => "unresolved",
            Status::SelfRef => "self",
            Status::External => "external",
        }
    }

    /// Parses [`Status::as_str`].
    pub fn parse(s: &str) -> Option<Status> {
        Some(match s {
            "resolved" => Status::Resolved,
            "unresolved" => Status::Unresolved,
            "self" => Status::SelfRef,
            "external" => Status::External,
            _ => return None,
        })
    }
}

/// How the version a reference resolved to relates to the citing
/// document's date: whether the text the citing document relied on is the
/// one in the project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VersionStatus {
    /// The version is dated on or before the citing document: it existed
    /// when cited (the latest such version is taken).
    InForce,
    /// The citing document or every candidate version is undated, so the
    /// two cannot be compared.
    Undated,
    /// Every version known is dated after the citing document: the version
    /// it cited is missing and the earliest later one stands in for it.
    LaterThanCiting,
}

impl VersionStatus {
    /// The name used in JSON, the database and graph exports.
    pub fn as_str(self) -> &'static str {
        match self {
            VersionStatus::InForce => "in_force",
            VersionStatus::Undated => "undated",
            VersionStatus::LaterThanCiting => "later_than_citing",
        }
    }

    /// Parses [`VersionStatus::as_str`].
    pub fn parse(s: &str) -> Option<VersionStatus> {
        Some(match s {
            "in_force" => VersionStatus::InForce,
            "undated" => VersionStatus::Undated,
            "later_than_citing" => VersionStatus::LaterThanCiting,
            _ => return None,
        })
    }
}

/// A document as shown in citation records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocRef {
    /// Project document id (absent for catalog entries).
    pub id: Option<i64>,
    /// Source path (absent for catalog entries).
    pub source_path: Option<String>,
    /// Title.
    pub title: String,
    /// Date of the version.
    pub date: Option<PolicyDate>,
    /// Catalog number, for catalog entries.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub catalog_no: Option<String>,
}

/// A possible target of an unresolved reference.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    /// The candidate document or catalog entry.
    pub target: DocRef,
    /// Similarity of the titles, 0–1.
    pub score: f64,
}

/// A resolved (or not) reference of one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Citation {
    /// The citing document.
    pub citing: DocRef,
    /// Position among the document's references, in text order.
    pub seq: usize,
    /// The reference as found.
    #[serde(flatten)]
    pub reference: Reference,
    /// What it resolved to.
    pub status: Status,
    /// The cited document or catalog entry (resolved, external, self).
    pub target: Option<DocRef>,
    /// How the target was found: `exact`, `alias`, `docno`, `fuzzy`.
    pub method: Option<String>,
    /// Match score (1 for exact matches).
    pub score: Option<f64>,
    /// For resolved and external citations: whether the target version
    /// existed on the citing date.
    #[serde(default)]
    pub version: Option<VersionStatus>,
    /// How the version was chosen, when several exist or the one taken is
    /// later than the citing document.
    pub version_note: Option<String>,
    /// Possible targets when unresolved.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub candidates: Vec<Candidate>,
}
