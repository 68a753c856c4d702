//! The researcher's worklist of texts the project lacks: cited versions
//! missing from the project, and references that matched nothing.
//!
//! A cited version is *missing* when the citing document is dated and
//! every version of the cited document the project (or catalog) holds is
//! dated after it ([`VersionStatus::LaterThanCiting`]): the text in force
//! when the citing document was written — the one it actually cites — is
//! not there, and the reference points at a later text instead.

use std::collections::BTreeMap;

use policyscope_text::PolicyDate;
use serde::Serialize;

use crate::model::{Citation, DocRef, Status, VersionStatus};
use crate::resolve::normalize::cite_key;

/// A citing document that needs an earlier version than the project holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Needed {
    /// The citing document (its date is the date the needed version was in force).
    pub citing: DocRef,
    /// The later version the references resolved to for want of the right one.
    pub resolved_to: DocRef,
    /// References of the citing document behind this need.
    pub references: usize,
}

/// A cited document with versions missing from the project.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MissingVersions {
    /// Title of the cited document (as the earliest version held names it).
    pub title: String,
    /// Every citing document needing an earlier version, oldest first.
    pub needed: Vec<Needed>,
}

/// References with one looked-up name that matched nothing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnresolvedName {
    /// The name as most often written (title, document number or short name).
    pub name: String,
    /// References with this name.
    pub references: usize,
    /// Documents citing it, by id.
    pub citing: Vec<DocRef>,
    /// Titles of the best candidates, when there were any.
    pub candidates: Vec<String>,
}

/// What the project lacks, as a worklist.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Worklist {
    /// Cited documents whose cited version is missing, most citing documents first.
    pub missing_versions: Vec<MissingVersions>,
    /// Unresolved references grouped by name, most citing documents first.
    pub unresolved: Vec<UnresolvedName>,
    /// Resolved references that could not be judged because a date is missing.
    pub undated: usize,
}

/// Unresolved references with one key, as they are counted.
#[derive(Default)]
struct NameTally {
    /// Each way the name was written, with its count.
    written: BTreeMap<String, usize>,
    references: usize,
    citing: BTreeMap<Option<i64>, DocRef>,
    candidates: Vec<String>,
}

/// Builds the worklist from resolved citations.
pub fn worklist(citations: &[Citation]) -> Worklist {
    type ByCiting = BTreeMap<(Option<i64>, Option<PolicyDate>), Needed>;
    let mut versions: BTreeMap<String, (String, ByCiting)> = BTreeMap::new();
    let mut names: BTreeMap<String, NameTally> = BTreeMap::new();
    let mut undated = 0;
    for c in citations {
        match (c.status, c.version, &c.target) {
            (Status::Resolved | Status::External, Some(VersionStatus::LaterThanCiting), Some(t)) => {
                let group =
                    versions.entry(cite_key(&t.title)).or_insert_with(|| (t.title.clone(), BTreeMap::new()));
                let key = (c.citing.id, t.date);
                group
                    .1
                    .entry(key)
                    .or_insert_with(|| Needed {
                        citing: c.citing.clone(),
                        resolved_to: t.clone(),
                        references: 0,
                    })
                    .references += 1;
            }
            (Status::Resolved | Status::External, Some(VersionStatus::Undated), _) => undated += 1,
            (Status::Unresolved, _, _) => {
                let key = cite_key(&c.reference.name);
                let e = names.entry(if key.is_empty() { c.reference.name.clone() } else { key }).or_default();
                *e.written.entry(c.reference.name.clone()).or_default() += 1;
                e.references += 1;
                e.citing.entry(c.citing.id).or_insert_with(|| c.citing.clone());
                for k in &c.candidates {
                    if !e.candidates.contains(&k.target.title) && e.candidates.len() < 3 {
                        e.candidates.push(k.target.title.clone());
                    }
                }
            }
            _ => {}
        }
    }
    let mut missing_versions: Vec<MissingVersions> = versions
        .into_values()
        .map(|(title, needed)| {
            let mut needed: Vec<Needed> = needed.into_values().collect();
            needed.sort_by(|a, b| a.citing.date.cmp(&b.citing.date).then(a.citing.id.cmp(&b.citing.id)));
            MissingVersions { title, needed }
        })
        .collect();
    missing_versions.sort_by(|a, b| b.needed.len().cmp(&a.needed.len()).then(a.title.cmp(&b.title)));
    let mut unresolved: Vec<UnresolvedName> = names
        .into_values()
        .map(|t| {
            let name = t
                .written
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(n, _)| n.clone())
                .unwrap_or_default();
            UnresolvedName {
                name,
                references: t.references,
                citing: t.citing.into_values().collect(),
                candidates: t.candidates,
            }
        })
        .collect();
    unresolved.sort_by(|a, b| {
        b.citing.len().cmp(&a.citing.len()).then(b.references.cmp(&a.references)).then(a.name.cmp(&b.name))
    });
    Worklist { missing_versions, unresolved, undated }
}

#[cfg(test)]
mod tests;
