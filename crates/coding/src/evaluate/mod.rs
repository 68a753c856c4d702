//! What measuring coding against a person needs from this crate: the
//! confusion counts with their precision, recall and F1, units marked by the
//! spans that overlap them, and the codebook's hits on one document computed
//! in memory (nothing is written).
//!
//! The codebook evaluation itself (`policyscope_agree::evaluate`) adds
//! Cohen's κ, which lives in the agreement crate; the learner
//! ([`crate::learn`]) scores its cross-validation with the same counts.

use policyscope_corpus::{Document, Project};
use policyscope_text::SpanKind;
use serde::{Deserialize, Serialize};

use crate::codebook::Codebook;
use crate::engine::{Engine, Hit};
use crate::store::CodingStore;
use crate::Result;

pub mod judgements;

/// Which units of a person's documents count as judged.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Every unit of every document the person coded or reviewed in: what
    /// they left unmarked counts as absent.
    #[default]
    Documents,
    /// Only units the person decided on for the code (a coding of it they
    /// made or reviewed, accepted or rejected), as in a sample judged
    /// sentence by sentence.
    Decided,
}

/// Units counted by whether a prediction and a person's judgement say a
/// code is present.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Confusion {
    /// Predicted and judged present.
    pub tp: u64,
    /// Predicted present, judged absent.
    pub fp: u64,
    /// Predicted absent, judged present.
    #[serde(rename = "fn")]
    pub fn_: u64,
    /// Predicted and judged absent.
    pub tn: u64,
}

impl Confusion {
    /// Counts one unit.
    pub fn count(&mut self, predicted: bool, judged: bool) {
        match (predicted, judged) {
            (true, true) => self.tp += 1,
            (true, false) => self.fp += 1,
            (false, true) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }

    /// Adds another table cell by cell.
    pub fn add(&mut self, other: &Confusion) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
        self.tn += other.tn;
    }

    /// All units.
    pub fn total(&self) -> u64 {
        self.tp + self.fp + self.fn_ + self.tn
    }

    /// TP / (TP + FP); `None` when nothing was predicted present.
    pub fn precision(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fp)
    }

    /// TP / (TP + FN); `None` when nothing was judged present.
    pub fn recall(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// 2·TP / (2·TP + FP + FN), the harmonic mean of precision and recall
    /// written so that it is 0, not undefined, when one of them is; `None`
    /// only when no unit was predicted or judged present.
    pub fn f1(&self) -> Option<f64> {
        ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }

    /// (TP + TN) / all.
    pub fn accuracy(&self) -> Option<f64> {
        ratio(self.tp + self.tn, self.total())
    }
}

fn ratio(num: u64, den: u64) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

/// Marks which of `units` (ordered, non-overlapping `[start, end)`) any of
/// `spans` overlaps.
pub fn overlapped(units: &[(usize, usize)], spans: &[(usize, usize)]) -> Vec<bool> {
    overlapping(units, spans).into_iter().map(|v| !v.is_empty()).collect()
}

/// For each of `units` (ordered, non-overlapping `[start, end)`), the
/// indices of the `spans` that overlap it. Each span is placed by binary
/// search, so a document's thousands of sentences cost little.
pub fn overlapping(units: &[(usize, usize)], spans: &[(usize, usize)]) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); units.len()];
    for (k, &(s, e)) in spans.iter().enumerate() {
        // First unit ending after the span starts.
        let mut i = units.partition_point(|u| u.1 <= s);
        while i < units.len() && units[i].0 < e {
            if units[i].1 > s && e > s {
                out[i].push(k);
            }
            i += 1;
        }
    }
    out
}

/// The units of a document: its sentences or paragraphs as the corpus
/// split them at import, or the whole text as one unit.
pub fn units(
    project: &Project,
    doc_id: i64,
    kind: Option<SpanKind>,
    len: usize,
) -> Result<Vec<(usize, usize)>> {
    let Some(kind) = kind else {
        return Ok(if len > 0 { vec![(0, len)] } else { Vec::new() });
    };
    let mut spans: Vec<(usize, usize)> = project
        .passages(doc_id, Some(kind))?
        .iter()
        .map(|p| (p.start.max(0) as usize, p.end.max(0) as usize))
        .filter(|(s, e)| s < e)
        .collect();
    spans.sort_unstable();
    Ok(spans)
}

/// Codes one stored document with `engine` in memory, as a run would,
/// without writing anything.
pub fn hits_in(project: &Project, engine: &Engine, doc: &Document) -> Result<Vec<Hit>> {
    let id = doc.meta.id;
    let sentences = units(project, id, Some(SpanKind::Sentence), 0)?;
    let paragraphs = units(project, id, Some(SpanKind::Paragraph), 0)?;
    Ok(engine.code(&doc.norm_text, &sentences, &paragraphs))
}

/// The codebook a run recorded in the project under `name` (its TOML as it
/// was loaded), or without a name the only one recorded; `None` when there
/// is no such codebook (or several and no name). Lets a caller that must
/// not read files (the web app) evaluate the rules the project was coded with.
pub fn recorded_codebook(store: &CodingStore<'_>, name: Option<&str>) -> Result<Option<Codebook>> {
    let mut stmt = store.conn().prepare("SELECT name, source FROM codebooks ORDER BY name")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let all: Vec<(String, String)> = rows.collect::<policyscope_store::Result<_>>()?;
    let source = match name {
        Some(n) => all.into_iter().find(|(k, _)| k == n).map(|(_, s)| s),
        None if all.len() == 1 => all.into_iter().next().map(|(_, s)| s),
        None => None,
    };
    source.map(|s| Codebook::parse(&s)).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_of_a_hand_counted_table() {
        let c = Confusion { tp: 3, fp: 1, fn_: 2, tn: 4 };
        assert_eq!(c.precision(), Some(0.75));
        assert_eq!(c.recall(), Some(0.6));
        assert_eq!(c.f1(), Some(6.0 / 9.0));
        assert_eq!(c.accuracy(), Some(0.7));
        let nothing = Confusion { tn: 5, ..Confusion::default() };
        assert_eq!((nothing.precision(), nothing.recall(), nothing.f1()), (None, None, None));
    }

    #[test]
    fn a_span_marks_every_unit_it_touches_and_no_other() {
        let units = [(0, 5), (5, 10), (10, 15), (20, 25)];
        assert_eq!(overlapped(&units, &[(4, 6)]), [true, true, false, false]);
        assert_eq!(overlapped(&units, &[(15, 20)]), [false; 4]);
        assert_eq!(overlapped(&units, &[(10, 11), (24, 30)]), [false, false, true, true]);
        assert_eq!(overlapped(&units, &[(3, 3)]), [false; 4]);
    }
}
