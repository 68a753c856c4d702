//! `matrix`: code × document counts, for R and pandas.

use serde::{Deserialize, Serialize};

use crate::data::{DocRef, Selection};
use crate::Result;

/// Coded passages per code and document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Matrix {
    /// Code paths (rows of `counts`).
    pub codes: Vec<String>,
    /// Documents (columns of `counts`): those with at least one coding.
    pub documents: Vec<DocRef>,
    /// `counts[code][document]`: distinct coded passages (0/1 if binary).
    pub counts: Vec<Vec<usize>>,
}

/// Builds the matrix; `binary` turns counts into 0/1, a document being 1
/// when it counts as coded under the document rule in force.
pub fn matrix(sel: &Selection, binary: bool) -> Matrix {
    let spans = sel.spans_by_code();
    let counted: Vec<std::collections::BTreeSet<i64>> =
        sel.codes.iter().map(|c| sel.counted_documents(c.id, spans.get(&c.id))).collect();
    // Every admitted document is a row, coded or not: shares computed from
    // the matrix must have the whole corpus as their base.
    let documents: Vec<DocRef> = sel.corpus.clone();
    let counts = sel
        .codes
        .iter()
        .zip(&counted)
        .map(|(code, counted)| {
            documents
                .iter()
                .map(|d| {
                    if binary {
                        return usize::from(counted.contains(&d.id));
                    }
                    spans.get(&code.id).map_or(0, |s| s.iter().filter(|x| sel.unit(x.0) == d.id).count())
                })
                .collect()
        })
        .collect();
    Matrix { codes: sel.codes.iter().map(|c| c.path.clone()).collect(), documents, counts }
}

impl Matrix {
    /// CSV, one row per document (tidy for data frames): `doc_id, label,
    /// title, source_path`, then one column per code.
    pub fn write_csv(&self, w: impl std::io::Write) -> Result<()> {
        let mut out = csv::Writer::from_writer(w);
        let mut header = vec!["doc_id".to_string(), "label".into(), "title".into(), "source_path".into()];
        header.extend(self.codes.iter().cloned());
        out.write_record(&header)?;
        for (j, d) in self.documents.iter().enumerate() {
            let mut row = vec![d.id.to_string(), d.label.clone(), d.title.clone(), d.source_path.clone()];
            row.extend(self.counts.iter().map(|r| r[j].to_string()));
            out.write_record(&row)?;
        }
        out.flush()?;
        Ok(())
    }

    /// A plain-text rendering: documents down, codes across (numbered).
    pub fn to_text(&self) -> String {
        let mut s = crate::data::text_table_head(&self.codes, "doc", 6, 4);
        for (j, d) in self.documents.iter().enumerate() {
            s.push_str(&format!("{:>6}", d.label));
            for r in &self.counts {
                s.push_str(&format!(" {:>4}", r[j]));
            }
            s.push_str(&format!("  {}\n", d.title));
        }
        s
    }
}
