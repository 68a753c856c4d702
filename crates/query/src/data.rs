//! The coded spans a query works on, gathered once.
//!
//! Sub-codes roll up: a coding of `Goal/Global` also counts for `Goal`, so
//! a parent code's documents and passages are those of itself and every
//! code below it (a span coded by two children counts once for the
//! parent). Every query — table, matrix, trend, co-occurrence — and the
//! report built on them read the codes through [`Selection::lineage`].

use std::collections::{BTreeMap, BTreeSet};

use policyscope_coding::{Code, Coding, CodingFilter, CodingStore};
use policyscope_text::PolicyDate;
use serde::{Deserialize, Serialize};

use crate::Result;

/// A document as queries show it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DocRef {
    /// Document id.
    pub id: i64,
    /// Path the document was first imported from.
    pub source_path: String,
    /// Title.
    pub title: String,
}

/// Codings selected by a filter, with their codes and documents.
#[derive(Debug, Clone)]
pub struct Selection {
    /// Every code in tree order (coded or not; folders too, as they
    /// aggregate the codes below them).
    pub codes: Vec<Code>,
    /// The codings (several coders may code the same span).
    pub codings: Vec<Coding>,
    /// Documents that hold at least one selected coding, by id.
    pub documents: BTreeMap<i64, DocRef>,
    /// Date of each of those documents.
    pub dates: BTreeMap<i64, Option<PolicyDate>>,
    /// Every document the filter's document conditions admit (dates,
    /// superseded versions), coded or not: the rows of a matrix.
    pub corpus: Vec<DocRef>,
}

/// The start of a plain-text code table: a legend numbering the codes
/// (`c1 Target/…`), then a header row with `corner` and one `cN` column of
/// `width` per code.
pub(crate) fn text_table_head(codes: &[String], corner: &str, corner_width: usize, width: usize) -> String {
    let mut s = String::new();
    for (i, c) in codes.iter().enumerate() {
        s.push_str(&format!("c{:<3} {c}\n", i + 1));
    }
    s.push_str(&format!("\n{corner:>corner_width$}"));
    for i in 0..codes.len() {
        s.push_str(&format!(" {:>width$}", format!("c{}", i + 1)));
    }
    s.push('\n');
    s
}

impl Selection {
    /// Loads the codings `filter` selects.
    pub fn load(store: &CodingStore<'_>, filter: &CodingFilter) -> Result<Selection> {
        let codes: Vec<Code> = store.codes()?;
        let codings = store.codings(filter)?;
        let ids: BTreeSet<i64> = codings.iter().map(|c| c.doc_id).collect();
        let mut documents = BTreeMap::new();
        let mut dates = BTreeMap::new();
        for id in ids {
            let m = store.project().document_meta(id)?;
            dates.insert(id, m.date);
            documents.insert(id, DocRef { id, source_path: m.source_path, title: m.title });
        }
        let corpus = store
            .project()
            .documents(filter.include_superseded)?
            .into_iter()
            .filter(|m| filter.dated.admits(m.date.as_ref()))
            .map(|m| DocRef { id: m.id, source_path: m.source_path, title: m.title })
            .collect();
        Ok(Selection { codes, codings, documents, dates, corpus })
    }

    /// For each code id, the code itself and its ancestors (nearest
    /// first): the codes a coding of it counts for.
    pub fn lineage(&self) -> BTreeMap<i64, Vec<i64>> {
        let parent: BTreeMap<i64, Option<i64>> = self.codes.iter().map(|c| (c.id, c.parent_id)).collect();
        self.codes
            .iter()
            .map(|c| {
                let mut chain = vec![c.id];
                // Bounded by the number of codes, so a damaged tree cannot loop.
                while let Some(Some(p)) = chain.last().and_then(|id| parent.get(id)) {
                    if chain.len() > self.codes.len() || chain.contains(p) {
                        break;
                    }
                    chain.push(*p);
                }
                (c.id, chain)
            })
            .collect()
    }

    /// Distinct coded spans `(doc, start, end)` of each code id, a parent
    /// holding those of the codes below it.
    pub fn spans_by_code(&self) -> BTreeMap<i64, BTreeSet<(i64, i64, i64)>> {
        let lineage = self.lineage();
        let mut out: BTreeMap<i64, BTreeSet<(i64, i64, i64)>> = BTreeMap::new();
        for c in &self.codings {
            for code in lineage.get(&c.code_id).map_or(&[][..], Vec::as_slice) {
                out.entry(*code).or_default().insert((c.doc_id, c.start, c.end));
            }
        }
        out
    }
}
