//! `cooccur`: code × code co-occurrence, by passage and by document.
//!
//! Two codes co-occur in a passage when both have a coding overlapping the
//! same sentence (so a paragraph-level coding counts for each of its
//! sentences), and in a document when both code it. The diagonal holds
//! each code's own count of sentences and documents. A parent code counts
//! the codings of the codes below it (see [`Selection::lineage`]).
//!
//! [`Selection::lineage`]: crate::Selection::lineage

use std::collections::{BTreeMap, BTreeSet};

use policyscope_coding::CodingStore;
use policyscope_text::SpanKind;
use serde::{Deserialize, Serialize};

use crate::data::Selection;
use crate::Result;

/// Co-occurrence counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cooccur {
    /// Code paths (rows and columns).
    pub codes: Vec<String>,
    /// Sentences coded with both codes.
    pub by_passage: Vec<Vec<usize>>,
    /// Documents coded with both codes.
    pub by_document: Vec<Vec<usize>>,
}

/// Counts co-occurrences in a selection.
pub fn cooccur(store: &CodingStore<'_>, sel: &Selection) -> Result<Cooccur> {
    let index: BTreeMap<i64, usize> = sel.codes.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
    let lineage = sel.lineage();
    let n = sel.codes.len();
    let mut by_passage = vec![vec![0usize; n]; n];
    let mut by_document = vec![vec![0usize; n]; n];
    let mut per_doc: BTreeMap<i64, Vec<(usize, i64, i64)>> = BTreeMap::new();
    for c in &sel.codings {
        for code in lineage.get(&c.code_id).map_or(&[][..], Vec::as_slice) {
            if let Some(&i) = index.get(code) {
                per_doc.entry(c.doc_id).or_default().push((i, c.start, c.end));
            }
        }
    }
    let mut in_unit: BTreeMap<i64, BTreeSet<usize>> = BTreeMap::new();
    for (doc, spans) in &per_doc {
        let sentences: Vec<(i64, i64)> = store
            .project()
            .passages(*doc, Some(SpanKind::Sentence))?
            .iter()
            .map(|p| (p.start, p.end))
            .collect();
        // Sentence index → codes touching it.
        let mut touched: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
        for &(code, s, e) in spans {
            let first = sentences.partition_point(|x| x.1 <= s);
            for (k, _) in sentences.iter().enumerate().skip(first).take_while(|(_, x)| x.0 < e) {
                touched.entry(k).or_default().insert(code);
            }
        }
        for codes in touched.values() {
            add_pairs(&mut by_passage, codes);
        }
        // A translation's codes count for the document it is counted as.
        in_unit.entry(sel.unit(*doc)).or_default().extend(spans.iter().map(|x| x.0));
    }
    for in_doc in in_unit.values() {
        add_pairs(&mut by_document, in_doc);
    }
    Ok(Cooccur { codes: sel.codes.iter().map(|c| c.path.clone()).collect(), by_passage, by_document })
}

fn add_pairs(m: &mut [Vec<usize>], codes: &BTreeSet<usize>) {
    for &a in codes {
        for &b in codes {
            m[a][b] += 1;
        }
    }
}

impl Cooccur {
    /// CSV in long form: `code_a, code_b, passages, documents` for a < b
    /// (and a = b for each code's own counts).
    pub fn write_csv(&self, w: impl std::io::Write) -> Result<()> {
        let mut out = csv::Writer::from_writer(w);
        out.write_record(["code_a", "code_b", "passages", "documents"])?;
        for a in 0..self.codes.len() {
            for b in a..self.codes.len() {
                out.write_record([
                    self.codes[a].as_str(),
                    self.codes[b].as_str(),
                    &self.by_passage[a][b].to_string(),
                    &self.by_document[a][b].to_string(),
                ])?;
            }
        }
        out.flush()?;
        Ok(())
    }

    /// A plain-text rendering: `passages/documents` per cell.
    pub fn to_text(&self) -> String {
        let mut s = crate::data::text_table_head(&self.codes, "", 5, 8);
        for a in 0..self.codes.len() {
            s.push_str(&format!("{:>5}", format!("c{}", a + 1)));
            for b in 0..self.codes.len() {
                s.push_str(&format!(
                    " {:>8}",
                    format!("{}/{}", self.by_passage[a][b], self.by_document[a][b])
                ));
            }
            s.push('\n');
        }
        s.push_str("\ncells: sentences/documents coded with both\n");
        s
    }
}
