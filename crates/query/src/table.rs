//! `table`: for each code, the documents coded with it — the study's Table 4.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::data::{DocRef, Selection};
use crate::Result;

/// One row of the table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableRow {
    /// Code path.
    pub path: String,
    /// Documents coded with it, by id.
    pub documents: Vec<DocRef>,
    /// Number of those documents.
    pub count: usize,
    /// Number of distinct coded passages (spans).
    pub passages: usize,
}

/// The code table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// One row per code, in code-tree order; a parent counts the documents
    /// and passages of the codes below it.
    pub codes: Vec<TableRow>,
}

/// Builds the table from a selection.
pub fn table(sel: &Selection) -> Table {
    let spans = sel.spans_by_code();
    let codes = sel
        .codes
        .iter()
        .map(|code| {
            let s = spans.get(&code.id);
            let docs: BTreeSet<i64> = sel.counted_documents(code.id, s);
            let documents: Vec<DocRef> = docs.iter().filter_map(|d| sel.documents.get(d).cloned()).collect();
            TableRow {
                path: code.path.clone(),
                count: documents.len(),
                documents,
                passages: s.map_or(0, |s| s.len()),
            }
        })
        .collect();
    Table { codes }
}

impl Table {
    /// CSV: one row per code with the document ids and titles joined by `; `.
    pub fn write_csv(&self, w: impl std::io::Write) -> Result<()> {
        let mut out = csv::Writer::from_writer(w);
        out.write_record([
            "code",
            "documents",
            "passages",
            "document_ids",
            "document_labels",
            "document_titles",
        ])?;
        for r in &self.codes {
            let ids: Vec<String> = r.documents.iter().map(|d| d.id.to_string()).collect();
            let labels: Vec<&str> = r.documents.iter().map(|d| d.label.as_str()).collect();
            let titles: Vec<&str> = r.documents.iter().map(|d| d.title.as_str()).collect();
            out.write_record([
                r.path.as_str(),
                &r.count.to_string(),
                &r.passages.to_string(),
                &ids.join("; "),
                &labels.join("; "),
                &titles.join("; "),
            ])?;
        }
        out.flush()?;
        Ok(())
    }

    /// A plain-text rendering for people.
    pub fn to_text(&self) -> String {
        let width = self.codes.iter().map(|r| r.path.chars().count()).max().unwrap_or(4).max(4);
        let mut s = format!("{:<width$}  {:>9}  {:>8}  documents\n", "code", "documents", "passages");
        for r in &self.codes {
            let ids: Vec<&str> = r.documents.iter().map(|d| d.label.as_str()).collect();
            s.push_str(&format!(
                "{:<width$}  {:>9}  {:>8}  {}\n",
                r.path,
                r.count,
                r.passages,
                ids.join(", ")
            ));
        }
        s
    }
}
