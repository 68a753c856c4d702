//! A codebook measured against a person: per code, precision, recall, F1
//! and Cohen's κ of the codebook's coding against the person's codings
//! (or review decisions), with the false positives and false negatives as
//! passages and, per rule, how many of its hits the person kept.
//!
//! The codebook runs in memory on the documents the person coded or
//! reviewed in; nothing is written, so editing the codebook and evaluating
//! again shows the change at once. Units are the corpus' sentences or
//! paragraphs of those documents, or the documents themselves; a unit is
//! positive for a code when a coding of it overlaps the unit. κ is
//! [`BinaryCounts::kappa`], the agreement measure of this crate.

mod gather;
pub mod stored;
mod types;

pub use policyscope_coding::evaluate::Scope;
pub use stored::StoredEvaluation;
pub use types::{CodeEvaluation, EvalPassage, EvaluateOptions, Evaluation, RuleTally};

use std::collections::{BTreeMap, HashMap};

use policyscope_coding::evaluate::{hits_in, overlapped, overlapping, units, Confusion};
use policyscope_coding::{Codebook, Engine};
use policyscope_corpus::Project;
use policyscope_text::SpanKind;

use crate::{BinaryCounts, Error, Result, Unit};

/// Longest passage text listed, in characters.
const PASSAGE_CHARS: usize = 160;

/// Evaluates `book` against `opts.coder` in `project`.
pub fn evaluate(project: &Project, book: &Codebook, opts: &EvaluateOptions) -> Result<Evaluation> {
    let kind = match opts.unit {
        Unit::Sentence => Some(SpanKind::Sentence),
        Unit::Paragraph => Some(SpanKind::Paragraph),
        Unit::Document => None,
        Unit::Char => {
            return Err(Error::Invalid("a codebook is evaluated by sentence, paragraph or document".into()))
        }
    };
    let person = gather::person(project, &opts.coder)?;
    let engine = Engine::new(book)?;
    let codes: Vec<(usize, &str)> =
        book.codes.iter().enumerate().filter(|(_, c)| !c.folder).map(|(i, c)| (i, c.path.as_str())).collect();
    let mut acc: Vec<Acc> = codes.iter().map(|_| Acc::default()).collect();
    let empty = Vec::new();
    for &doc_id in &person.documents {
        let doc = project.document(doc_id)?;
        let hits = hits_in(project, &engine, &doc)?;
        let len = doc.text.chars().count();
        let units = units(project, doc_id, kind, len)?;
        for (slot, &(ci, path)) in codes.iter().enumerate() {
            let mine: Vec<_> = hits.iter().filter(|h| h.code == ci).collect();
            let machine: Vec<(usize, usize)> = mine.iter().map(|h| (h.start, h.end)).collect();
            let human = person.positives.get(&(path.to_string(), doc_id)).unwrap_or(&empty);
            let judged = overlapped(&units, human);
            let fired = overlapping(&units, &machine);
            let in_scope = match opts.scope {
                Scope::Documents => vec![true; units.len()],
                Scope::Decided => {
                    overlapped(&units, person.decided.get(&(path.to_string(), doc_id)).unwrap_or(&empty))
                }
            };
            let a = &mut acc[slot];
            for (u, &(start, end)) in units.iter().enumerate() {
                if !in_scope[u] {
                    continue;
                }
                let predicted = !fired[u].is_empty();
                a.counts.count(predicted, judged[u]);
                let mut rules: Vec<&str> = fired[u]
                    .iter()
                    .map(|&k| book.codes[ci].rules.get(mine[k].rule).map_or("?", |r| r.id.as_str()))
                    .collect();
                rules.sort_unstable();
                rules.dedup();
                for r in &rules {
                    let t = a.rules.entry(r.to_string()).or_default();
                    t.0 += 1;
                    t.1 += u64::from(judged[u]);
                }
                let list = match (predicted, judged[u]) {
                    (true, false) => &mut a.false_positives,
                    (false, true) => &mut a.false_negatives,
                    _ => continue,
                };
                if list.len() < opts.examples {
                    let matched = fired[u]
                        .iter()
                        .map(|&k| {
                            policyscope_text::slice_chars(&doc.text, mine[k].match_start, mine[k].match_end)
                        })
                        .map(str::to_string)
                        .collect();
                    list.push(EvalPassage {
                        doc_id,
                        title: doc.meta.title.clone(),
                        start,
                        end,
                        text: policyscope_text::shorten(
                            policyscope_text::slice_chars(&doc.text, start, end).trim(),
                            PASSAGE_CHARS,
                        ),
                        rules: rules.iter().map(|r| r.to_string()).collect(),
                        matched,
                    });
                }
            }
        }
    }
    let codes = codes
        .iter()
        .zip(acc)
        .map(|(&(_, path), a)| {
            let c = a.counts;
            let table = BinaryCounts { both: c.tp, only_a: c.fp, only_b: c.fn_, neither: c.tn };
            CodeEvaluation {
                code: path.to_string(),
                units: c.total(),
                counts: c,
                precision: c.precision(),
                recall: c.recall(),
                f1: c.f1(),
                kappa: table.kappa(),
                rules: a
                    .rules
                    .into_iter()
                    .map(|(rule, (hits, kept))| RuleTally { rule, hits, kept })
                    .collect(),
                false_positives: a.false_positives,
                false_negatives: a.false_negatives,
            }
        })
        .collect();
    Ok(Evaluation {
        codebook: book.name.clone(),
        version: book.version.clone(),
        coder: opts.coder.clone(),
        unit: opts.unit,
        scope: opts.scope,
        documents: person.documents.len(),
        codes,
    })
}

/// Running totals of one code.
#[derive(Default)]
struct Acc {
    counts: Confusion,
    /// Rule id → (units it fired on, of which the person coded).
    rules: BTreeMap<String, (u64, u64)>,
    false_positives: Vec<EvalPassage>,
    false_negatives: Vec<EvalPassage>,
}

/// Spans per (code path, document).
pub(crate) type SpansByCode = HashMap<(String, i64), Vec<(usize, usize)>>;
