//! The examples a model learns from: the project's human decisions.
//!
//! A document counts as *decided* when a person coded in it or reviewed one
//! of its codings. A sentence is positive for a code when an accepted coding
//! of that code overlaps it (a person's own coding, or a proposal someone
//! accepted), negative otherwise. With [`Scope::Documents`] every sentence
//! of a decided document is an example (rejected proposals and what the
//! coders left unmarked alike are negatives); with [`Scope::Decided`] only
//! the sentences a decision on that code overlaps are (a sample judged
//! sentence by sentence). Undecided proposals of the machine's coders are
//! not decisions.

use std::collections::{BTreeSet, HashMap};

use policyscope_text::SpanKind;

use super::features::{features, Features};
use crate::evaluate::{overlapped, units, Scope};
use crate::store::CodingStore;
use crate::Result;

/// SQL condition over `c` (codings): made by a person (not an `auto:` or
/// `model:` coder, compared case-insensitively as [`crate::HumanCoder`] does).
pub(crate) const BY_A_PERSON: &str = "lower(c.coder) NOT LIKE 'auto:%' AND lower(c.coder) NOT LIKE 'model:%'";

/// One sentence of a decided document.
#[derive(Debug, Clone)]
pub struct Sample {
    /// The document.
    pub doc_id: i64,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// Its features.
    pub features: Features,
}

/// Every example, with what is needed to label it for any code.
#[derive(Debug, Clone, Default)]
pub struct Decisions {
    /// Sentences of decided documents, in document and text order.
    pub samples: Vec<Sample>,
    /// The decided documents.
    pub documents: Vec<i64>,
    /// The people whose codings or reviews made them decided.
    pub coders: Vec<String>,
    /// Accepted spans per code id and document.
    accepted: SpansByCode,
    /// Spans decided either way per code id and document.
    decided: SpansByCode,
}

/// Spans per code id, then document id.
type SpansByCode = HashMap<i64, HashMap<i64, Vec<(usize, usize)>>>;

impl Decisions {
    /// Reads the decisions of the store's project.
    pub fn load(store: &CodingStore<'_>) -> Result<Decisions> {
        let conn = store.conn();
        let documents: Vec<i64> = {
            let mut stmt = conn.prepare(&format!(
                "SELECT DISTINCT c.doc_id FROM codings c JOIN documents d ON d.id = c.doc_id
                 WHERE d.superseded = 0 AND (({BY_A_PERSON})
                     OR EXISTS (SELECT 1 FROM coding_reviews r WHERE r.coding_id = c.id))
                 ORDER BY c.doc_id"
            ))?;
            let ids = stmt.query_map([], |r| r.get(0))?.collect::<policyscope_store::Result<_>>()?;
            ids
        };
        let coders: Vec<String> = {
            let mut stmt = conn.prepare(&format!(
                "SELECT c.coder FROM codings c WHERE {BY_A_PERSON}
                 UNION SELECT reviewer FROM coding_reviews ORDER BY 1"
            ))?;
            let names = stmt.query_map([], |r| r.get(0))?.collect::<policyscope_store::Result<_>>()?;
            names
        };
        let in_decided: BTreeSet<i64> = documents.iter().copied().collect();
        let mut accepted = SpansByCode::new();
        let mut decided = SpansByCode::new();
        let mut stmt = conn.prepare(&format!(
            "SELECT c.code_id, c.doc_id, c.start, c.end, c.status = 'accepted' FROM codings c
             WHERE c.status = 'accepted' OR ({BY_A_PERSON})
                 OR EXISTS (SELECT 1 FROM coding_reviews r WHERE r.coding_id = c.id)"
        ))?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
                r.get(4)?,
            ))
        })?;
        for row in rows {
            let (code, doc, start, end, is_accepted): (i64, i64, i64, i64, bool) = row?;
            if !in_decided.contains(&doc) {
                continue;
            }
            let span = (start.max(0) as usize, end.max(0) as usize);
            if is_accepted {
                accepted.entry(code).or_default().entry(doc).or_default().push(span);
            }
            decided.entry(code).or_default().entry(doc).or_default().push(span);
        }
        let mut samples = Vec::new();
        for chunk in documents.chunks(64) {
            let texts = chunk.iter().map(|&id| DocText::read(store, id)).collect::<Result<Vec<_>>>()?;
            samples.extend(samples_of(&texts).into_iter().flatten());
        }
        Ok(Decisions { samples, documents, coders, accepted, decided })
    }

    /// Labels of [`samples`](Self::samples) for a code: whether an accepted
    /// coding of it overlaps each; `None` for a sentence that is no example
    /// in `scope`.
    pub fn labels(&self, code_id: i64, scope: Scope) -> Vec<Option<bool>> {
        let none = HashMap::new();
        let accepted = self.accepted.get(&code_id).unwrap_or(&none);
        let decided = self.decided.get(&code_id).unwrap_or(&none);
        let mut labels = Vec::with_capacity(self.samples.len());
        let mut i = 0;
        while i < self.samples.len() {
            let doc = self.samples[i].doc_id;
            let j = i + self.samples[i..].iter().take_while(|s| s.doc_id == doc).count();
            let spans: Vec<(usize, usize)> = self.samples[i..j].iter().map(|s| (s.start, s.end)).collect();
            let flags = |by_doc: &HashMap<i64, Vec<(usize, usize)>>| {
                by_doc.get(&doc).map_or_else(|| vec![false; spans.len()], |coded| overlapped(&spans, coded))
            };
            let positive = flags(accepted);
            let counted = match scope {
                Scope::Documents => vec![true; spans.len()],
                Scope::Decided => flags(decided),
            };
            labels.extend(positive.into_iter().zip(counted).map(|(p, c)| c.then_some(p)));
            i = j;
        }
        labels
    }

    /// Codes with at least one accepted coding in a decided document.
    pub fn codes(&self) -> Vec<i64> {
        let mut ids: Vec<i64> = self.accepted.keys().copied().collect();
        ids.sort_unstable();
        ids
    }
}

/// What the features of a document's sentences are made from.
pub(crate) struct DocText {
    /// The document.
    pub doc_id: i64,
    /// Its search view.
    pub norm_text: String,
    /// Its sentences, ordered.
    pub sentences: Vec<(usize, usize)>,
}

impl DocText {
    /// Reads a stored document.
    pub(crate) fn read(store: &CodingStore<'_>, doc_id: i64) -> Result<DocText> {
        let norm_text = store.project().document(doc_id)?.norm_text;
        let sentences = units(store.project(), doc_id, Some(SpanKind::Sentence), 0)?;
        Ok(DocText { doc_id, norm_text, sentences })
    }
}

/// The samples of several documents, in their order. Segmenting is most of
/// the cost of learning and suggesting, and documents are independent: two
/// threads share the work, each document's result landing in its place.
pub(crate) fn samples_of(texts: &[DocText]) -> Vec<Vec<Sample>> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 2);
    let per = texts.len().div_ceil(workers).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = texts
            .chunks(per)
            .map(|part| {
                s.spawn(move || {
                    part.iter()
                        .map(|t| sentence_samples(t.doc_id, &t.norm_text, &t.sentences))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    })
}

/// The sentences of one text (search view) with their features.
pub(crate) fn sentence_samples(doc_id: i64, norm_text: &str, sentences: &[(usize, usize)]) -> Vec<Sample> {
    // Byte offset of every code point, once per document.
    let bytes: Vec<usize> = norm_text.char_indices().map(|(b, _)| b).chain([norm_text.len()]).collect();
    let chars = bytes.len() - 1;
    sentences
        .iter()
        .filter(|(s, e)| s < e && *e <= chars)
        .map(|&(start, end)| Sample {
            doc_id,
            start,
            end,
            features: features(&norm_text[bytes[start]..bytes[end]]),
        })
        .collect()
}
