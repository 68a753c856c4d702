//! `trend`: codes by year of the document.

use std::collections::{BTreeMap, BTreeSet};

use policyscope_coding::CodingStore;
use policyscope_text::PolicyDate;
use serde::{Deserialize, Serialize};

use crate::data::Selection;
use crate::Result;

/// Label of documents without a date.
pub const UNDATED: &str = "undated";

/// One code's counts per year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrendRow {
    /// Code path.
    pub path: String,
    /// Documents coded, per year (same order as [`Trend::years`]).
    pub documents: Vec<usize>,
    /// Distinct coded passages, per year.
    pub passages: Vec<usize>,
}

/// Codes by year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trend {
    /// Years (`YYYY`), ascending, then `undated` if any.
    pub years: Vec<String>,
    /// Current documents in the project per year (the base for shares).
    pub corpus_documents: Vec<usize>,
    /// One row per code (a parent with the codes below it).
    pub codes: Vec<TrendRow>,
}

/// The column of a date: its year, or [`UNDATED`].
fn column(date: Option<&PolicyDate>) -> String {
    date.map_or_else(|| UNDATED.to_string(), |d| d.year().to_string())
}

/// Counts codes by the year of their documents.
pub fn trend(store: &CodingStore<'_>, sel: &Selection) -> Result<Trend> {
    let mut corpus: BTreeMap<String, usize> = BTreeMap::new();
    for d in store.project().documents(false)? {
        if sel.counted_as.contains_key(&d.id) {
            continue;
        }
        *corpus.entry(column(d.date.as_ref())).or_default() += 1;
    }
    let mut years: Vec<String> = corpus.keys().filter(|y| y.as_str() != UNDATED).cloned().collect();
    if corpus.contains_key(UNDATED) {
        years.push(UNDATED.to_string());
    }
    let col: BTreeMap<&str, usize> = years.iter().enumerate().map(|(i, y)| (y.as_str(), i)).collect();
    let spans = sel.spans_by_code();
    let codes = sel
        .codes
        .iter()
        .map(|code| {
            let mut documents = vec![BTreeSet::new(); years.len()];
            let mut passages = vec![0usize; years.len()];
            let counted = sel.counted_documents(code.id, spans.get(&code.id));
            for &(doc, _, _) in spans.get(&code.id).into_iter().flatten() {
                let doc = sel.unit(doc);
                let y = column(sel.dates.get(&doc).and_then(Option::as_ref));
                if let Some(&i) = col.get(y.as_str()) {
                    if counted.contains(&doc) {
                        documents[i].insert(doc);
                    }
                    passages[i] += 1;
                }
            }
            TrendRow {
                path: code.path.clone(),
                documents: documents.iter().map(BTreeSet::len).collect(),
                passages,
            }
        })
        .collect();
    let corpus_documents = years.iter().map(|y| corpus.get(y).copied().unwrap_or(0)).collect();
    Ok(Trend { years, corpus_documents, codes })
}

impl Trend {
    /// CSV in long form: `code, year, documents, passages, corpus_documents`.
    pub fn write_csv(&self, w: impl std::io::Write) -> Result<()> {
        let mut out = csv::Writer::from_writer(w);
        out.write_record(["code", "year", "documents", "passages", "corpus_documents"])?;
        for r in &self.codes {
            for (i, y) in self.years.iter().enumerate() {
                out.write_record([
                    r.path.as_str(),
                    y.as_str(),
                    &r.documents[i].to_string(),
                    &r.passages[i].to_string(),
                    &self.corpus_documents[i].to_string(),
                ])?;
            }
        }
        out.flush()?;
        Ok(())
    }

    /// A plain-text rendering: documents coded per year.
    pub fn to_text(&self) -> String {
        let width = self.codes.iter().map(|r| r.path.chars().count()).max().unwrap_or(4).max(6);
        let mut s = format!("{:<width$}", "code");
        for y in &self.years {
            s.push_str(&format!(" {y:>7}"));
        }
        s.push('\n');
        for r in &self.codes {
            s.push_str(&format!("{:<width$}", r.path));
            for n in &r.documents {
                s.push_str(&format!(" {n:>7}"));
            }
            s.push('\n');
        }
        s.push_str(&format!("{:<width$}", "(corpus)"));
        for n in &self.corpus_documents {
            s.push_str(&format!(" {n:>7}"));
        }
        s.push('\n');
        s
    }
}
