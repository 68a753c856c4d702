//! Counts over a set of citations: by status and kind, and the most cited
//! documents.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::model::{Citation, DocRef, Status};

/// A document with the number of references that resolve to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cited {
    /// The document or catalog entry.
    pub target: DocRef,
    /// References resolving to it.
    pub references: usize,
    /// Distinct documents citing it.
    pub citing_documents: usize,
}

/// Counts over citations.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// All references.
    pub references: usize,
    /// Documents with at least one reference.
    pub citing_documents: usize,
    /// References by status (`resolved`, `unresolved`, `self`, `external`).
    pub by_status: BTreeMap<String, usize>,
    /// References by kind (`title`, `docno`, `alias`).
    pub by_kind: BTreeMap<String, usize>,
    /// Resolved and external references by version (`in_force`,
    /// `later_than_citing`, `undated`).
    pub by_version: BTreeMap<String, usize>,
    /// Most cited documents (resolved and external), most first.
    pub top_cited: Vec<Cited>,
}

/// Summarises `citations`, keeping the `top` most cited documents.
pub fn summarize(citations: &[Citation], top: usize) -> Summary {
    let mut by_status = BTreeMap::new();
    let mut by_kind = BTreeMap::new();
    let mut by_version = BTreeMap::new();
    let mut citing = std::collections::HashSet::new();
    let mut counts: HashMap<String, (DocRef, usize, std::collections::HashSet<Option<i64>>)> = HashMap::new();
    for c in citations {
        *by_status.entry(c.status.as_str().to_string()).or_default() += 1;
        *by_kind.entry(c.reference.kind.as_str().to_string()).or_default() += 1;
        citing.insert(c.citing.id);
        if let Some(v) = c.version {
            *by_version.entry(v.as_str().to_string()).or_default() += 1;
        }
        if matches!(c.status, Status::Resolved | Status::External) {
            if let Some(t) = &c.target {
                let key = format!("{:?}|{:?}|{}", t.id, t.catalog_no, t.title);
                let e = counts.entry(key).or_insert_with(|| (t.clone(), 0, Default::default()));
                e.1 += 1;
                e.2.insert(c.citing.id);
            }
        }
    }
    let mut top_cited: Vec<Cited> = counts
        .into_values()
        .map(|(target, references, docs)| Cited { target, references, citing_documents: docs.len() })
        .collect();
    top_cited.sort_by(|a, b| {
        b.citing_documents
            .cmp(&a.citing_documents)
            .then(b.references.cmp(&a.references))
            .then(a.target.title.cmp(&b.target.title))
            .then(a.target.id.cmp(&b.target.id))
    });
    top_cited.truncate(top);
    Summary {
        references: citations.len(),
        citing_documents: citing.len(),
        by_status,
        by_kind,
        by_version,
        top_cited,
    }
}
