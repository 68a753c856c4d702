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
    /// The document's one visible label (`policyscope_corpus::label`).
    #[serde(default)]
    pub label: String,
}

impl DocRef {
    /// The reference to a document as every query shows it.
    pub fn of(meta: &policyscope_corpus::DocumentMeta) -> DocRef {
        DocRef {
            id: meta.id,
            source_path: meta.source_path.clone(),
            title: meta.title.clone(),
            label: policyscope_corpus::label(meta),
        }
    }
}

/// How translations count: with their original (the default, so a document
/// published in two languages is one document of the study), or each text
/// on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Translations {
    /// An original and its translations are one document, the original.
    #[default]
    WithOriginal,
    /// Every text counts as a document of its own.
    Separate,
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
    /// superseded versions), coded or not: the rows of a matrix. A
    /// translation counted with its original is not among them.
    pub corpus: Vec<DocRef>,
    /// Translation id → the original it is counted as (empty when
    /// translations count separately).
    pub counted_as: BTreeMap<i64, i64>,
    /// When a document counts as coded with each code.
    pub doc_rules: crate::docrule::DocRules,
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

/// For each code id of a tree given as `(id, parent)` pairs, the code itself
/// and its ancestors (nearest first): the codes a coding of it counts for.
/// [`Selection::lineage`] and every page that lists a parent's passages
/// (the report's code pages) read the tree through it.
pub fn lineage(tree: impl Iterator<Item = (i64, Option<i64>)>) -> BTreeMap<i64, Vec<i64>> {
    let parent: BTreeMap<i64, Option<i64>> = tree.collect();
    parent
        .keys()
        .map(|&id| {
            let mut chain = vec![id];
            // Bounded by the number of codes, so a damaged tree cannot loop.
            while let Some(Some(p)) = chain.last().and_then(|id| parent.get(id)) {
                if chain.len() > parent.len() || chain.contains(p) {
                    break;
                }
                chain.push(*p);
            }
            (id, chain)
        })
        .collect()
}

impl Selection {
    /// Loads the codings `filter` selects, a translation counted with its original.
    pub fn load(store: &CodingStore<'_>, filter: &CodingFilter) -> Result<Selection> {
        Self::load_counting(store, filter, Translations::WithOriginal)
    }

    /// Loads the codings `filter` selects, counting translations as asked.
    pub fn load_counting(
        store: &CodingStore<'_>,
        filter: &CodingFilter,
        translations: Translations,
    ) -> Result<Selection> {
        let codes: Vec<Code> = store.codes()?;
        let codings = store.codings(filter)?;
        let all = store.project().documents(filter.include_superseded)?;
        let counted_as = match translations {
            Translations::Separate => BTreeMap::new(),
            Translations::WithOriginal => {
                let present: BTreeSet<i64> = all.iter().map(|m| m.id).collect();
                all.iter()
                    .filter_map(|m| m.translation_of.filter(|o| present.contains(o)).map(|o| (m.id, o)))
                    .collect()
            }
        };
        let unit = |id: i64| counted_as.get(&id).copied().unwrap_or(id);
        let ids: BTreeSet<i64> = codings.iter().flat_map(|c| [c.doc_id, unit(c.doc_id)]).collect();
        let mut documents = BTreeMap::new();
        let mut dates = BTreeMap::new();
        for id in ids {
            let m = store.project().document_meta(id)?;
            dates.insert(id, m.date);
            documents.insert(id, DocRef::of(&m));
        }
        let corpus = all
            .iter()
            .filter(|m| filter.dated.admits(m.date.as_ref()) && !counted_as.contains_key(&m.id))
            .map(DocRef::of)
            .collect();
        let mut doc_rules = crate::docrule::DocRules::load(store, None)?;
        doc_rules.load_layouts(store, &codings.iter().map(|c| c.doc_id).collect())?;
        Ok(Selection { codes, codings, documents, dates, corpus, counted_as, doc_rules })
    }

    /// The document `doc` counts as: its original when it is a translation
    /// counted with it, else itself.
    pub fn unit(&self, doc: i64) -> i64 {
        self.counted_as.get(&doc).copied().unwrap_or(doc)
    }

    /// For each code id, the code itself and its ancestors (nearest
    /// first): the codes a coding of it counts for.
    pub fn lineage(&self) -> BTreeMap<i64, Vec<i64>> {
        lineage(self.codes.iter().map(|c| (c.id, c.parent_id)))
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
