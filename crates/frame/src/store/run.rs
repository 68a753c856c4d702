//! `mentions run`: find mentions and roles in every current document whose
//! last run used another frame (or none).
//!
//! A document's mentions and roles are replaced as a whole in one
//! transaction batch, so a crash leaves each document with its old or its
//! new findings, never half; the next run redoes what was not recorded.
//! Findings of documents that are no longer current (a newer version was
//! imported) are dropped.

use std::collections::HashMap;

use policyscope_store::{insert_rows, params, Value};
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
            rows.collect::<policyscope_store::Result<_>>()?
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
            // Many rows per statement: on a server each statement is a round trip.
            let int = |n: usize| Value::Integer(n as i64);
            let text = |t: &str| Value::Text(t.to_string());
            let mentions: Vec<Value> = found
                .mentions
                .iter()
                .flat_map(|m| {
                    [
                        Value::Integer(*id),
                        text(m.kind.as_str()),
                        text(&m.entity),
                        text(&m.text),
                        int(m.start),
                        int(m.end),
                        int(m.sentence),
                        text(&m.rule),
                        text(&hash),
                    ]
                })
                .collect();
            insert_rows(
                &tx,
                "INSERT INTO mentions (doc_id, kind, entity, text, start, end, sentence, rule, frame_hash)",
                9,
                &mentions,
            )?;
            let mut roles = Vec::with_capacity(found.roles.len() * 14);
            for r in &found.roles {
                roles.extend([
                    Value::Integer(*id),
                    text(&r.actor),
                    text(&r.actor_text),
                    int(r.actor_start),
                    int(r.actor_end),
                    text(&r.verb),
                    int(r.verb_start),
                    text(&r.object),
                    text(&r.pattern),
                    Value::Text(serde_json::to_string(&r.partners)?),
                    int(r.start),
                    int(r.end),
                    int(r.sentence),
                    text(&hash),
                ]);
            }
            insert_rows(
                &tx,
                "INSERT INTO roles (doc_id, actor, actor_text, actor_start, actor_end, verb, verb_start, object,
                     pattern, partners, start, end, sentence, frame_hash)",
                14,
                &roles,
            )?;
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
