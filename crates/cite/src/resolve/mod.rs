//! Resolution: from a reference to a project document (in the version in
//! force on the citing date), a catalog entry, the citing document itself,
//! or `unresolved` with candidates.
//!
//! Order of lookup for a title: short name introduced earlier in the same
//! text → the citing document's own title (`self`) → exact key among
//! project documents → exact key among catalog titles and aliases → fuzzy
//! ([`fuzzy`]). A `《…》` that matches nothing and does not look like a
//! document title ([`normalize::is_document_title`]) is not a reference at
//! all and is dropped.

pub mod fuzzy;
mod levenshtein;
pub mod normalize;
pub mod version;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use policyscope_corpus::{Catalog, DocumentMeta};

use crate::extract::Extraction;
use crate::model::{Candidate, Citation, DocRef, RefKind, Reference, Status, VersionStatus};
use normalize::cite_key;

#[derive(Debug, Clone)]
struct Entry {
    doc: DocRef,
    external: bool,
}

/// Lookup tables over the project's documents and an optional catalog.
#[derive(Debug)]
pub struct Resolver {
    entries: Vec<Entry>,
    by_key: HashMap<String, Vec<usize>>,
    by_docno: HashMap<String, Vec<usize>>,
    fuzzy: fuzzy::FuzzyIndex,
    /// Fuzzy lookups already made: a title that matches nothing exactly is
    /// usually cited by many documents, and its lookup is the costly part
    /// of resolution in a large corpus.
    fuzzy_seen: Mutex<HashMap<String, Arc<fuzzy::FuzzyResult>>>,
}

/// Fuzzy lookups remembered at most: the memory stays bounded whatever the corpus.
const FUZZY_REMEMBERED: usize = 100_000;

/// Where a lookup ended.
#[derive(Debug, Clone)]
struct Outcome {
    status: Status,
    target: Option<DocRef>,
    method: Option<&'static str>,
    score: Option<f64>,
    version: Option<VersionStatus>,
    version_note: Option<String>,
    candidates: Vec<Candidate>,
}

impl Outcome {
    fn unresolved(candidates: Vec<Candidate>) -> Outcome {
        Outcome {
            status: Status::Unresolved,
            target: None,
            method: None,
            score: None,
            version: None,
            version_note: None,
            candidates,
        }
    }
}

/// The citing document as a [`DocRef`].
pub fn doc_ref(meta: &DocumentMeta) -> DocRef {
    DocRef {
        id: Some(meta.id),
        source_path: Some(meta.source_path.clone()),
        title: meta.title.clone(),
        date: meta.date,
        catalog_no: meta.catalog_no.clone(),
    }
}

impl Resolver {
    /// Builds the tables from the project's current documents and a catalog.
    pub fn new(docs: &[DocumentMeta], catalog: Option<&Catalog>) -> Resolver {
        let mut entries = Vec::new();
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_docno: HashMap<String, Vec<usize>> = HashMap::new();
        for d in docs.iter().filter(|d| !d.superseded) {
            let i = entries.len();
            entries.push(Entry { doc: doc_ref(d), external: false });
            by_key.entry(cite_key(&d.title)).or_default().push(i);
            if let Some(n) = &d.docno {
                by_docno.entry(n.clone()).or_default().push(i);
            }
        }
        for e in catalog.map(|c| c.entries.as_slice()).unwrap_or(&[]) {
            let key = cite_key(&e.title);
            // A catalog row describing a project document adds nothing.
            if by_key.get(&key).is_some_and(|v| v.iter().any(|&i| !entries[i].external)) {
                continue;
            }
            let i = entries.len();
            entries.push(Entry {
                doc: DocRef {
                    id: None,
                    source_path: None,
                    title: e.title.clone(),
                    date: e.date,
                    catalog_no: e.no.clone(),
                },
                external: true,
            });
            by_key.entry(key).or_default().push(i);
            for a in &e.aliases {
                by_key.entry(cite_key(a)).or_default().push(i);
            }
            if let Some(n) = &e.docno {
                for found in policyscope_text::docno::find_document_numbers(n) {
                    by_docno.entry(found.canonical()).or_default().push(i);
                }
            }
        }
        let fuzzy = fuzzy::FuzzyIndex::new(by_key.keys().map(String::as_str));
        Resolver { entries, by_key, by_docno, fuzzy, fuzzy_seen: Mutex::default() }
    }

    /// Resolves the references of one document, in text order. `《…》` that
    /// match nothing and do not look like documents are left out.
    pub fn resolve(&self, citing: &DocumentMeta, extraction: &Extraction) -> Vec<Citation> {
        let own_key = cite_key(&citing.title);
        let mut by_start: HashMap<usize, Outcome> = HashMap::new();
        let mut out = Vec::new();
        for r in &extraction.references {
            let outcome = match (r.kind, r.alias_of) {
                (RefKind::Alias, Some(origin)) => match by_start.get(&origin) {
                    Some(o) => Outcome { method: Some("alias"), ..o.clone() },
                    None => continue, // the defining title was not a document
                },
                // The document quoting its own number names itself.
                (RefKind::Docno, _) if extraction.own_numbers.contains(&r.name) => {
                    self_outcome(citing, "docno", 1.0)
                }
                (RefKind::Docno, _) => self.by_docno(citing, &r.name),
                _ => match self.by_title(citing, &own_key, r) {
                    Some(o) => o,
                    None => continue,
                },
            };
            by_start.insert(r.start, outcome.clone());
            out.push(self.citation(citing, out.len(), r, outcome));
        }
        out
    }

    fn citation(&self, citing: &DocumentMeta, seq: usize, r: &Reference, o: Outcome) -> Citation {
        Citation {
            citing: doc_ref(citing),
            seq,
            reference: r.clone(),
            status: o.status,
            target: o.target,
            method: o.method.map(str::to_string),
            score: o.score,
            version: o.version,
            version_note: o.version_note,
            candidates: o.candidates,
        }
    }

    fn by_title(&self, citing: &DocumentMeta, own_key: &str, r: &Reference) -> Option<Outcome> {
        let key = cite_key(&r.name);
        if key.is_empty() {
            return None;
        }
        if key == own_key {
            return Some(self_outcome(citing, "exact", 1.0));
        }
        if let Some(found) = self.pick(citing, &key, "exact", 1.0) {
            return Some(found);
        }
        if let Some(found) = r.docno.as_deref().map(|n| self.by_docno(citing, n)) {
            // A number equal to the citing document's own (often misread
            // from its header) does not make another title `self`.
            if matches!(found.status, Status::Resolved | Status::External) {
                return Some(found);
            }
        }
        if !normalize::is_document_title(&r.name) {
            return None;
        }
        let fz = self.fuzzy_lookup(&key);
        if let Some(k) = &fz.resolved {
            let score = fz.candidates.first().map(|c| c.1).unwrap_or(0.0);
            // A variant of the citing document's own title names a
            // predecessor (`…同时废止`) rather than the document itself.
            if let Some(found) = self.pick(citing, k, "fuzzy", score).filter(|f| f.status != Status::SelfRef)
            {
                return Some(found);
            }
        }
        let candidates = fz
            .candidates
            .iter()
            .filter_map(|(k, s)| {
                let pick = self.version_of(citing, k)?;
                Some(Candidate { target: self.entries[pick.index].doc.clone(), score: *s })
            })
            .collect();
        Some(Outcome::unresolved(candidates))
    }

    /// [`fuzzy::FuzzyIndex::lookup`], remembered by key.
    fn fuzzy_lookup(&self, key: &str) -> Arc<fuzzy::FuzzyResult> {
        // A poisoned lock only means another thread panicked: the results
        // in it are still whole.
        let seen = |m: &Mutex<HashMap<String, Arc<fuzzy::FuzzyResult>>>| {
            m.lock().unwrap_or_else(std::sync::PoisonError::into_inner).get(key).cloned()
        };
        if let Some(found) = seen(&self.fuzzy_seen) {
            return found;
        }
        let result = Arc::new(self.fuzzy.lookup(key));
        let mut remembered = self.fuzzy_seen.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if remembered.len() < FUZZY_REMEMBERED {
            remembered.insert(key.to_string(), Arc::clone(&result));
        }
        result
    }

    fn by_docno(&self, citing: &DocumentMeta, docno: &str) -> Outcome {
        if citing.docno.as_deref() == Some(docno) {
            return self_outcome(citing, "docno", 1.0);
        }
        match self.by_docno.get(docno).map(Vec::as_slice) {
            Some([one]) => {
                let date = self.entries[*one].doc.date;
                match version::pick_version(&[(*one, date)], citing.date) {
                    Some(pick) => self.outcome_for(citing, pick, "docno", 1.0),
                    None => Outcome::unresolved(vec![]),
                }
            }
            Some(many) if !many.is_empty() => {
                let candidates = many
                    .iter()
                    .map(|&i| Candidate { target: self.entries[i].doc.clone(), score: 1.0 })
                    .collect();
                Outcome::unresolved(candidates)
            }
            _ => Outcome::unresolved(vec![]),
        }
    }

    /// The version of the documents under `key` in force on the citing date.
    fn version_of(&self, citing: &DocumentMeta, key: &str) -> Option<version::Pick> {
        let ids = self.by_key.get(key)?;
        let internal: Vec<usize> = ids.iter().copied().filter(|&i| !self.entries[i].external).collect();
        let pool = if internal.is_empty() { ids.clone() } else { internal };
        let versions: Vec<(usize, Option<policyscope_text::PolicyDate>)> =
            pool.iter().map(|&i| (i, self.entries[i].doc.date)).collect();
        version::pick_version(&versions, citing.date)
    }

    fn pick(&self, citing: &DocumentMeta, key: &str, method: &'static str, score: f64) -> Option<Outcome> {
        let pick = self.version_of(citing, key)?;
        Some(self.outcome_for(citing, pick, method, score))
    }

    fn outcome_for(
        &self,
        citing: &DocumentMeta,
        pick: version::Pick,
        method: &'static str,
        score: f64,
    ) -> Outcome {
        let e = &self.entries[pick.index];
        if e.doc.id == Some(citing.id) {
            return self_outcome(citing, method, score);
        }
        Outcome {
            status: if e.external { Status::External } else { Status::Resolved },
            target: Some(e.doc.clone()),
            method: Some(method),
            score: Some(score),
            version: Some(pick.version),
            version_note: pick.note,
            candidates: vec![],
        }
    }
}

fn self_outcome(citing: &DocumentMeta, method: &'static str, score: f64) -> Outcome {
    Outcome {
        status: Status::SelfRef,
        target: Some(doc_ref(citing)),
        method: Some(method),
        score: Some(score),
        version: None,
        version_note: None,
        candidates: vec![],
    }
}

#[cfg(test)]
mod tests;
