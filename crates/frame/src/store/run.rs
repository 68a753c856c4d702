//! `mentions run`: find mentions and roles in every current document whose
//! last run used another frame (or none).
//!
//! A document's mentions and roles are replaced as a whole in one
//! transaction batch, so a crash leaves each document with its old or its
//! new findings, never half; the next run redoes what was not recorded.
//! Findings of documents that are no longer current (a newer version was
//! imported) are dropped.

use std::collections::HashMap;

use rusqlite::params;
use serde::Serialize;

use super::FrameStore;
use crate::{Extractor, Frame, Result};

/// Documents written between commits.
const BATCH: usize = 200;

/// What a run did.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct RunSummary {
    /// Hash of the frame applied.
    pub frame_hash: String,
    /// Current documents.
    pub documents: usize,
    /// Documents scanned in this run.
    pub scanned: usize,
    /// Documents skipped because this frame was already applied.
    pub skipped: usize,
    /// Mentions now stored for the scanned documents.
    pub mentions: usize,
    /// Role statements now stored for the scanned documents.
    pub roles: usize,
}

impl FrameStore<'_> {
    /// Finds mentions and roles with `frame`; `force` rescans every
    /// document. `progress(done, total)` is called after each document.
    pub fn run(
        &self,
        frame: &Frame,
        force: bool,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<RunSummary> {
        let extractor = Extractor::new(frame)?;
        let hash = frame.hash();
        let conn = self.conn();
        let docs: Vec<i64> = self.project.documents(false)?.into_iter().map(|d| d.id).collect();
        let applied: HashMap<i64, String> = {
            let mut stmt = conn.prepare("SELECT doc_id, frame_hash FROM mention_runs")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let todo: Vec<i64> =
            docs.iter().copied().filter(|d| force || applied.get(d) != Some(&hash)).collect();
        let mut summary = RunSummary {
            frame_hash: hash.clone(),
            documents: docs.len(),
            skipped: docs.len() - todo.len(),
            ..RunSummary::default()
        };
        let mut tx = conn.unchecked_transaction()?;
        for table in ["mentions", "roles", "mention_runs"] {
            tx.execute(
                &format!(
                    "DELETE FROM {table} WHERE doc_id IN (SELECT id FROM documents WHERE superseded = 1)"
                ),
                [],
            )?;
        }
        let mut done = summary.skipped;
        progress(done, docs.len());
        for (n, id) in todo.iter().enumerate() {
            let doc = self.project.document(*id)?;
            let found = extractor.extract(&doc.text, &doc.norm_text)?;
            tx.execute("DELETE FROM mentions WHERE doc_id = ?1", [id])?;
            tx.execute("DELETE FROM roles WHERE doc_id = ?1", [id])?;
            {
                let mut ins = tx.prepare_cached(
                    "INSERT INTO mentions (doc_id, kind, entity, text, start, end, sentence, rule, frame_hash)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                )?;
                for m in &found.mentions {
                    ins.execute(params![
                        id,
                        m.kind.as_str(),
                        m.entity,
                        m.text,
                        m.start as i64,
                        m.end as i64,
                        m.sentence as i64,
                        m.rule,
                        hash
                    ])?;
                }
                let mut ins = tx.prepare_cached(
                    "INSERT INTO roles (doc_id, actor, actor_text, actor_start, actor_end, verb, verb_start, object,
                         pattern, partners, start, end, sentence, frame_hash)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                )?;
                for r in &found.roles {
                    ins.execute(params![
                        id,
                        r.actor,
                        r.actor_text,
                        r.actor_start as i64,
                        r.actor_end as i64,
                        r.verb,
                        r.verb_start as i64,
                        r.object,
                        r.pattern,
                        serde_json::to_string(&r.partners)?,
                        r.start as i64,
                        r.end as i64,
                        r.sentence as i64,
                        hash
                    ])?;
                }
            }
            tx.execute(
                "INSERT INTO mention_runs (doc_id, frame_hash, mentions, roles) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(doc_id) DO UPDATE SET frame_hash = excluded.frame_hash, mentions = excluded.mentions,
                     roles = excluded.roles, applied_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
                params![id, hash, found.mentions.len() as i64, found.roles.len() as i64],
            )?;
            summary.scanned += 1;
            summary.mentions += found.mentions.len();
            summary.roles += found.roles.len();
            if n % BATCH == BATCH - 1 {
                tx.commit()?;
                tx = conn.unchecked_transaction()?;
            }
            done += 1;
            progress(done, docs.len());
        }
        tx.commit()?;
        Ok(summary)
    }
}
