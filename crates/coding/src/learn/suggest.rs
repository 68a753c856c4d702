//! Proposals from the learnt models.
//!
//! Each code's latest model scores every sentence of the current documents;
//! a sentence scoring at least the threshold becomes a proposal of coder
//! `model:<code path>` with its score. A person's decision always wins: no
//! proposal where a coding of that code was accepted or rejected (by anyone),
//! and a model's own proposals that a person decided are left as they are.
//! Undecided proposals of an earlier run are re-scored, or withdrawn when
//! they no longer reach the threshold (unless someone wrote a memo on them).

use std::collections::HashMap;

use policyscope_store::params;
use serde::{Deserialize, Serialize};

use super::data::{samples_of, DocText, Sample};
use super::models::{self, ModelInfo};
use super::Model;
use crate::evaluate::overlapped;
use crate::model::Status;
use crate::store::{CodingFilter, CodingStore, NewCoding};
use crate::{Result, MODEL_PREFIX};

/// What to propose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SuggestOptions {
    /// Lowest score that makes a proposal (0–1).
    pub min_score: f64,
    /// Only these codes' models (paths or unique names); all when empty.
    pub codes: Vec<String>,
    /// Only these documents; all current documents when empty.
    pub documents: Vec<i64>,
}

impl Default for SuggestOptions {
    fn default() -> Self {
        SuggestOptions { min_score: 0.5, codes: Vec::new(), documents: Vec::new() }
    }
}

/// What [`suggest`] did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SuggestSummary {
    /// Models applied.
    pub models: usize,
    /// Documents scored.
    pub documents: usize,
    /// Sentences scored (per model).
    pub sentences: usize,
    /// New proposals.
    pub proposed: usize,
    /// Earlier undecided proposals kept, with their new score.
    pub rescored: usize,
    /// Earlier undecided proposals withdrawn.
    pub withdrawn: usize,
    /// Sentences at or above the threshold left alone because a person
    /// decided on that code there.
    pub decided: usize,
}

/// Writes the models' proposals (see the module documentation).
pub fn suggest(store: &CodingStore<'_>, opts: &SuggestOptions) -> Result<SuggestSummary> {
    models::migrate(store)?;
    if !(0.0..=1.0).contains(&opts.min_score) {
        return Err(crate::Error::Invalid(format!(
            "the score threshold must lie in 0–1, got {}",
            opts.min_score
        )));
    }
    let conn = store.conn();
    conn.execute("DELETE FROM coding_scores WHERE coding_id NOT IN (SELECT id FROM codings)", [])?;
    let wanted: Vec<i64> =
        opts.codes.iter().map(|n| store.find_code(n).map(|c| c.id)).collect::<Result<_>>()?;
    let chosen: Vec<ModelInfo> = models::latest_models(store)?
        .into_iter()
        .filter(|m| wanted.is_empty() || wanted.contains(&m.code_id))
        .collect();
    let loaded: Vec<(ModelInfo, Model)> =
        chosen.into_iter().map(|m| models::weights(store, m.id).map(|w| (m, w))).collect::<Result<_>>()?;
    let docs: Vec<i64> = if opts.documents.is_empty() {
        store.project().documents(false)?.into_iter().map(|d| d.id).collect()
    } else {
        opts.documents.clone()
    };
    let mut summary =
        SuggestSummary { models: loaded.len(), documents: docs.len(), ..SuggestSummary::default() };
    if loaded.is_empty() {
        return Ok(summary);
    }
    for chunk in docs.chunks(64) {
        let texts = chunk.iter().map(|&id| DocText::read(store, id)).collect::<Result<Vec<_>>>()?;
        let samples = samples_of(&texts);
        let tx = conn.unchecked_transaction()?;
        for (&doc_id, samples) in chunk.iter().zip(&samples) {
            suggest_in(store, doc_id, samples, &loaded, opts.min_score, &mut summary)?;
        }
        tx.commit()?;
    }
    Ok(summary)
}

/// One document, every model.
fn suggest_in(
    store: &CodingStore<'_>,
    doc_id: i64,
    samples: &[Sample],
    loaded: &[(ModelInfo, Model)],
    min_score: f64,
    summary: &mut SuggestSummary,
) -> Result<()> {
    let spans: Vec<(usize, usize)> = samples.iter().map(|s| (s.start, s.end)).collect();
    let existing = store.codings(&CodingFilter { doc_id: Some(doc_id), ..CodingFilter::default() })?;
    for (info, model) in loaded {
        let coder = format!("{MODEL_PREFIX}{}", info.code_path);
        let of_code = existing.iter().filter(|c| c.code_id == info.code_id);
        let decided: Vec<(usize, usize)> = of_code
            .clone()
            .filter(|c| c.status != Status::Proposed)
            .map(|c| (c.start as usize, c.end as usize))
            .collect();
        let blocked = overlapped(&spans, &decided);
        let mut mine: HashMap<(usize, usize), (i64, Status)> = of_code
            .filter(|c| c.coder == coder)
            .map(|c| ((c.start as usize, c.end as usize), (c.id, c.status)))
            .collect();
        summary.sentences += samples.len();
        for (sample, blocked) in samples.iter().zip(blocked) {
            let score = model.score(&sample.features);
            if score < min_score {
                continue;
            }
            if blocked {
                summary.decided += 1;
                continue;
            }
            let id = match mine.remove(&(sample.start, sample.end)) {
                Some((_, status)) if status != Status::Proposed => continue,
                Some((id, _)) => {
                    summary.rescored += 1;
                    id
                }
                None => {
                    let new = store.add_coding(&NewCoding {
                        doc_id,
                        code_id: info.code_id,
                        start: sample.start as i64,
                        end: sample.end as i64,
                        coder: coder.clone(),
                        status: Status::Proposed,
                        guid: None,
                    })?;
                    summary.proposed += 1;
                    new.id
                }
            };
            store.conn().execute(
                "UPDATE codings SET rule = ?2 WHERE id = ?1",
                params![id, format!("model#{}", info.id)],
            )?;
            store.conn().execute(
                "INSERT INTO coding_scores (coding_id, model_id, score) VALUES (?1, ?2, ?3)
                 ON CONFLICT(coding_id) DO UPDATE SET model_id = excluded.model_id, score = excluded.score",
                params![id, info.id, score],
            )?;
        }
        // Earlier undecided proposals the model no longer makes.
        for (id, status) in mine.into_values() {
            if status != Status::Proposed || has_history(store, id)? {
                continue;
            }
            // No review and no memo: nothing else refers to the row (this
            // runs inside the caller's transaction, so not `delete_coding`).
            store.conn().execute("DELETE FROM codings WHERE id = ?1", [id])?;
            store.conn().execute("DELETE FROM coding_scores WHERE coding_id = ?1", [id])?;
            summary.withdrawn += 1;
        }
    }
    Ok(())
}

/// Whether anyone reviewed or wrote a memo on a coding.
fn has_history(store: &CodingStore<'_>, id: i64) -> Result<bool> {
    Ok(store.conn().query_row(
        "SELECT EXISTS (SELECT 1 FROM coding_reviews WHERE coding_id = ?1)
             OR EXISTS (SELECT 1 FROM memos WHERE target_kind = 'coding' AND target_id = ?1)",
        [id],
        |r| r.get(0),
    )?)
}
