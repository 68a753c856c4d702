//! Running a codebook's auto-coder over a project.
//!
//! A run records the codebook and its codes, then codes every current
//! document whose last run with this codebook used other rules (or none).
//! For each such document the new hits are compared with the codings the
//! codebook's auto-coder (any version) already holds there:
//! * undecided proposals still hit are kept — untouched when their code's
//!   rules are the same as in the codebook's previous run, otherwise
//!   relabelled with the new version and rule,
//! * undecided proposals no longer hit are deleted,
//! * new hits are inserted as `proposed`,
//! * codings a person accepted or rejected are never touched, and a hit on
//!   the same code and span is not proposed again.

mod apply;
mod confidence;
mod matching;
mod recorded;

use std::collections::{BTreeMap, HashMap};

use policyscope_store::params;
use serde::Serialize;

pub use confidence::{order_by_confidence, rule_confidences};
pub use recorded::recorded_codebooks;

use crate::codebook::Codebook;
use crate::engine::Engine;
use crate::store::{CodingStore, NOW};
use crate::Result;

/// Options of a run.
#[derive(Debug, Clone, Copy, Default)]
pub struct RunOptions {
    /// Re-code documents even when their last run used the same rules.
    pub force: bool,
}

/// What a run did.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct RunSummary {
    /// The auto-coder's name.
    pub coder: String,
    /// Hash of the rules applied.
    pub rules_hash: String,
    /// Documents looked at.
    pub documents: usize,
    /// Documents coded in this run.
    pub coded: usize,
    /// Documents skipped because these rules were already applied.
    pub skipped: usize,
    /// New proposals.
    pub added: usize,
    /// Proposals withdrawn because the rules no longer hit.
    pub removed: usize,
    /// Proposals that still hit.
    pub kept: usize,
    /// Hits on spans a person already decided on (left alone).
    pub decided: usize,
}

/// Runs `book` over every current document of the store's project;
/// `progress(done, total)` is called after each document.
///
/// Reading and matching run on worker threads, each with its own read-only
/// connection (the database is in WAL mode); this thread writes.
pub fn run_codebook(
    store: &CodingStore<'_>,
    book: &Codebook,
    options: RunOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<RunSummary> {
    let engine = Engine::new(book)?;
    let hash = book.rules_hash();
    let coder = book.coder();
    let code_ids = apply::record_codebook(store, book, &hash)?;
    let conn = store.conn();
    let docs: Vec<i64> = {
        let mut stmt = conn.prepare("SELECT id FROM documents WHERE superseded = 0 ORDER BY id")?;
        let ids = stmt.query_map([], |r| r.get(0))?.collect::<policyscope_store::Result<_>>()?;
        ids
    };
    // Rules hash and number of proposals of the last run on each document.
    let applied: HashMap<i64, (String, i64)> = {
        let mut stmt =
            conn.prepare("SELECT doc_id, rules_hash, proposals FROM coding_runs WHERE codebook = ?1")?;
        let rows = stmt.query_map([&book.name], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
        rows.collect::<policyscope_store::Result<_>>()?
    };
    let mut summary = RunSummary {
        coder: coder.clone(),
        rules_hash: hash.clone(),
        documents: docs.len(),
        ..RunSummary::default()
    };
    let todo: Vec<i64> = docs
        .iter()
        .copied()
        .filter(|d| options.force || applied.get(d).map(|a| a.0.as_str()) != Some(hash.as_str()))
        .collect();
    summary.skipped = docs.len() - todo.len();
    let family = format!("{}@", coder.split('@').next().unwrap_or(&coder));
    let run =
        apply::RunCtx { book, code_ids: code_ids.0, coder: coder.clone(), family, unchanged: code_ids.1 };
    let db = store.project().location().clone();
    let mut done = summary.skipped;
    progress(done, docs.len());
    std::thread::scope(|scope| -> Result<()> {
        if engine.needs_segmenter() && !todo.is_empty() {
            // Loading the dictionary takes a moment: do it while the first
            // documents are read and scanned, not when the first needs it.
            scope.spawn(|| {
                policyscope_text::segment::jieba();
            });
        }
        let results = matching::spawn(scope, &db, &engine, &todo);
        let mut tx = Some(conn.unchecked_transaction()?);
        // Results are written in document order, whichever worker finished
        // first, so coding ids do not depend on thread timing.
        let mut pending: BTreeMap<usize, matching::Matched> = BTreeMap::new();
        let mut next = 0;
        for result in results {
            let m = result?;
            pending.insert(m.index, m);
            while let Some(m) = pending.remove(&next) {
                let n = next;
                next += 1;
                // No hits now and no proposals before: nothing can differ.
                if !m.hits.is_empty() || applied.get(&m.doc_id).is_none_or(|a| a.1 > 0) {
                    apply::apply(store, &run, m.doc_id, &m.text, &m.hits, &mut summary)?;
                }
                // Record the run unless it is the very same as recorded (a
                // forced re-run of unchanged rules).
                let same = applied.get(&m.doc_id).is_some_and(|a| a.0 == hash && a.1 == m.hits.len() as i64);
                if !same {
                    conn.prepare_cached(&format!(
                        "INSERT INTO coding_runs (doc_id, codebook, rules_hash, proposals) VALUES (?1, ?2, ?3, ?4)
                         ON CONFLICT(doc_id, codebook) DO UPDATE SET rules_hash = excluded.rules_hash,
                             proposals = excluded.proposals, applied_at = {NOW}"
                    ))?
                    .execute(params![m.doc_id, book.name, hash, m.hits.len() as i64])?;
                }
                summary.coded += 1;
                // Commit in batches: fast, and a crash loses at most one batch,
                // which the next run redoes.
                if n % 200 == 199 {
                    if let Some(t) = tx.take() {
                        t.commit()?;
                    }
                    tx = Some(conn.unchecked_transaction()?);
                }
                done += 1;
                progress(done, docs.len());
            }
        }
        if let Some(t) = tx.take() {
            t.commit()?;
        }
        Ok(())
    })?;
    Ok(summary)
}
