//! The coded spans a query works on, gathered once.

use std::collections::{BTreeMap, BTreeSet};

use policyscope_coding::{Code, Coding, CodingFilter, CodingStore};
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
    /// Codable codes in tree order (every one, coded or not).
    pub codes: Vec<Code>,
    /// The codings (several coders may code the same span).
    pub codings: Vec<Coding>,
    /// Documents that hold at least one selected coding, by id.
    pub documents: BTreeMap<i64, DocRef>,
    /// Date of each of those documents.
    pub dates: BTreeMap<i64, Option<String>>,
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

/// Whether `date` passes a `YYYY[-MM[-DD]]` window compared at each bound's
/// precision (as the coding filter compares them).
fn in_window(date: Option<&str>, from: Option<&str>, to: Option<&str>) -> bool {
    if from.is_none() && to.is_none() {
        return true;
    }
    let Some(d) = date else { return false };
    let cut = |bound: &str| d.get(..bound.len()).unwrap_or(d).to_string();
    from.is_none_or(|f| cut(f).as_str() >= f) && to.is_none_or(|t| cut(t).as_str() <= t)
}

impl Selection {
    /// Loads the codings `filter` selects.
    pub fn load(store: &CodingStore<'_>, filter: &CodingFilter) -> Result<Selection> {
        let codes: Vec<Code> = store.codes()?.into_iter().filter(|c| c.codable).collect();
        let codings = store.codings(filter)?;
        let ids: BTreeSet<i64> = codings.iter().map(|c| c.doc_id).collect();
        let mut documents = BTreeMap::new();
        let mut dates = BTreeMap::new();
        for id in ids {
            let m = store.project().document_meta(id)?;
            dates.insert(id, m.date.clone());
            documents.insert(id, DocRef { id, source_path: m.source_path, title: m.title });
        }
        let corpus = store
            .project()
            .documents(filter.include_superseded)?
            .into_iter()
            .filter(|m| in_window(m.date.as_deref(), filter.doc_from.as_deref(), filter.doc_to.as_deref()))
            .map(|m| DocRef { id: m.id, source_path: m.source_path, title: m.title })
            .collect();
        Ok(Selection { codes, codings, documents, dates, corpus })
    }

    /// Distinct coded spans `(doc, start, end)` of each code id.
    pub fn spans_by_code(&self) -> BTreeMap<i64, BTreeSet<(i64, i64, i64)>> {
        let mut out: BTreeMap<i64, BTreeSet<(i64, i64, i64)>> = BTreeMap::new();
        for c in &self.codings {
            out.entry(c.code_id).or_default().insert((c.doc_id, c.start, c.end));
        }
        out
    }
}

#[cfg(test)]
mod window_tests {
    use super::in_window;

    #[test]
    fn compares_at_the_bound_precision() {
        assert!(in_window(Some("2021-08-20"), Some("2021"), Some("2021-08")));
        assert!(!in_window(Some("2021-09-01"), None, Some("2021-08")));
        assert!(!in_window(None, Some("2000"), None));
        assert!(in_window(None, None, None));
    }
}
