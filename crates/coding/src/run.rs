//! Running a codebook's auto-coder over a project.
//!
//! A run records the codebook and its codes, then codes every current
//! document whose last run with this codebook used other rules (or none).
//! For each such document the new hits are compared with the codings the
//! codebook's auto-coder (any version) already holds there:
//! * undecided proposals still hit are kept (their coder/rule updated),
//! * undecided proposals no longer hit are deleted,
//! * new hits are inserted as `proposed`,
//! * codings a person accepted or rejected are never touched, and a hit on
//!   the same code and span is not proposed again.

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::codebook::Codebook;
use crate::engine::{Engine, Hit};
use crate::model::Status;
use crate::store::{CodingStore, NewCode, NOW};
use crate::{guid, Result};

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

/// Existing coding of this auto-coder family on one document.
struct Existing {
    id: i64,
    status: Status,
    coder: String,
    rule: Option<String>,
}

/// Runs `book` over every current document of the store's project;
/// `progress(done, total)` is called after each document.
pub fn run_codebook(
    store: &CodingStore<'_>,
    book: &Codebook,
    options: RunOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<RunSummary> {
    let engine = Engine::new(book)?;
    let hash = book.rules_hash();
    let coder = book.coder();
    let code_ids = record_codebook(store, book, &hash)?;
    let conn = store.conn();
    let docs: Vec<i64> = {
        let mut stmt = conn.prepare("SELECT id FROM documents WHERE superseded = 0 ORDER BY id")?;
        let ids = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        ids
    };
    let mut summary = RunSummary {
        coder: coder.clone(),
        rules_hash: hash.clone(),
        documents: docs.len(),
        ..RunSummary::default()
    };
    let family = format!("{}@", coder.split('@').next().unwrap_or(&coder));
    let mut tx = Some(conn.unchecked_transaction()?);
    for (n, &doc_id) in docs.iter().enumerate() {
        let applied: Option<(String, i64)> = conn
            .prepare_cached(
                "SELECT rules_hash, proposals FROM coding_runs WHERE doc_id = ?1 AND codebook = ?2",
            )?
            .query_row(params![doc_id, book.name], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if !options.force && applied.as_ref().map(|a| a.0.as_str()) == Some(hash.as_str()) {
            summary.skipped += 1;
        } else {
            let norm: String = conn
                .prepare_cached("SELECT norm_text FROM documents WHERE id = ?1")?
                .query_row([doc_id], |r| r.get(0))?;
            let mut failed = None;
            let hits = engine.code_lazy(&norm, &mut || {
                spans(store, doc_id).unwrap_or_else(|e| {
                    failed = Some(e);
                    (Vec::new(), Vec::new())
                })
            });
            if let Some(e) = failed {
                return Err(e);
            }
            // No hits now and no proposals before: nothing can differ.
            if !hits.is_empty() || applied.as_ref().is_none_or(|a| a.1 > 0) {
                // The original text only for the matched strings of hits.
                let text: String = if hits.is_empty() {
                    String::new()
                } else {
                    conn.prepare_cached("SELECT text FROM documents WHERE id = ?1")?
                        .query_row([doc_id], |r| r.get(0))?
                };
                apply(store, book, &code_ids, &coder, &family, doc_id, &text, &hits, &mut summary)?;
            }
            conn.prepare_cached(&format!(
                "INSERT INTO coding_runs (doc_id, codebook, rules_hash, proposals) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(doc_id, codebook) DO UPDATE SET rules_hash = excluded.rules_hash,
                     proposals = excluded.proposals, applied_at = {NOW}"
            ))?
            .execute(params![doc_id, book.name, hash, hits.len() as i64])?;
            summary.coded += 1;
        }
        // Commit in batches: fast, and a crash loses at most one batch,
        // which the next run redoes.
        if n % 200 == 199 {
            if let Some(t) = tx.take() {
                t.commit()?;
            }
            tx = Some(conn.unchecked_transaction()?);
        }
        progress(n + 1, docs.len());
    }
    if let Some(t) = tx.take() {
        t.commit()?;
    }
    Ok(summary)
}

/// Sentences and paragraphs of a document, ordered by start.
/// `[start, end)` spans in code points.
type Spans = Vec<(usize, usize)>;

fn spans(store: &CodingStore<'_>, doc_id: i64) -> Result<(Spans, Spans)> {
    // Read straight from the corpus' passages table (cheaper than
    // building `Passage` records for every row).
    let mut stmt = store.conn().prepare_cached(
        "SELECT kind = 'sentence', start, end FROM passages WHERE doc_id = ?1 ORDER BY start, end",
    )?;
    let mut rows = stmt.query([doc_id])?;
    let mut sentences = Vec::new();
    let mut paragraphs = Vec::new();
    while let Some(r) = rows.next()? {
        let span = (r.get::<_, i64>(1)?.max(0) as usize, r.get::<_, i64>(2)?.max(0) as usize);
        if r.get::<_, bool>(0)? {
            sentences.push(span);
        } else {
            paragraphs.push(span);
        }
    }
    Ok((sentences, paragraphs))
}

/// Stores the codebook row and its codes; returns code ids by index.
fn record_codebook(store: &CodingStore<'_>, book: &Codebook, hash: &str) -> Result<Vec<i64>> {
    store.conn().execute(
        &format!(
            "INSERT INTO codebooks (name, version, description, source, rules_hash) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(name) DO UPDATE SET version = excluded.version, description = excluded.description,
                 source = excluded.source, rules_hash = excluded.rules_hash, loaded_at = {NOW}"
        ),
        params![book.name, book.version, book.description, book.source, hash],
    )?;
    let mut positions: HashMap<String, i64> = HashMap::new();
    let mut ids = Vec::with_capacity(book.codes.len());
    for code in &book.codes {
        let parent = code.path.rsplit_once('/').map(|(p, _)| p.to_string()).unwrap_or_default();
        let pos = positions.entry(parent).or_insert(0);
        *pos += 1;
        let stored = store.upsert_code(&NewCode {
            path: code.path.clone(),
            description: code.description.clone(),
            colour: code.colour.clone(),
            codable: !code.folder,
            tags: code.tags.clone(),
            codebook: Some(book.name.clone()),
            guid: None,
            position: *pos,
        })?;
        ids.push(stored.id);
    }
    Ok(ids)
}

#[allow(clippy::too_many_arguments)]
fn apply(
    store: &CodingStore<'_>,
    book: &Codebook,
    code_ids: &[i64],
    coder: &str,
    family: &str,
    doc_id: i64,
    text: &str,
    hits: &[Hit],
    summary: &mut RunSummary,
) -> Result<()> {
    let conn = store.conn();
    let mut existing: HashMap<(i64, i64, i64), Existing> = HashMap::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT id, code_id, start, end, status, coder, rule FROM codings
             WHERE doc_id = ?1 AND substr(coder, 1, length(?2)) = ?2",
        )?;
        let rows = stmt.query_map(params![doc_id, family], |r| {
            let status: String = r.get(4)?;
            Ok((
                (r.get::<_, i64>(1)?, r.get::<_, i64>(2)?, r.get::<_, i64>(3)?),
                Existing {
                    id: r.get(0)?,
                    status: Status::parse(&status).unwrap_or(Status::Proposed),
                    coder: r.get(5)?,
                    rule: r.get(6)?,
                },
            ))
        })?;
        for row in rows {
            let (k, v) = row?;
            // Several versions may have coded the same span; a decided one wins.
            match existing.get(&k) {
                Some(e) if e.status != Status::Proposed => {}
                _ => {
                    existing.insert(k, v);
                }
            }
        }
    }
    let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len())).collect();
    let slice = |s: usize, e: usize| -> &str {
        let (a, b) = (starts[s.min(starts.len() - 1)], starts[e.min(starts.len() - 1)]);
        &text[a..b.max(a)]
    };
    let mut seen: std::collections::HashSet<(i64, i64, i64)> = std::collections::HashSet::new();
    for h in hits {
        let code_id = code_ids[h.code];
        let key = (code_id, h.start as i64, h.end as i64);
        seen.insert(key);
        let rule_id = &book.codes[h.code].rules[h.rule].id;
        let matched = slice(h.match_start, h.match_end);
        match existing.get(&key) {
            Some(e) if e.status != Status::Proposed => summary.decided += 1,
            Some(e) => {
                if e.coder != coder || e.rule.as_deref() != Some(rule_id.as_str()) {
                    conn.prepare_cached(&format!(
                        "UPDATE codings SET coder = ?2, rule = ?3, matched = ?4, updated_at = {NOW} WHERE id = ?1"
                    ))?
                    .execute(params![e.id, coder, rule_id, matched])?;
                }
                summary.kept += 1;
            }
            None => {
                let g =
                    guid::stable(&format!("auto:{}:{doc_id}:{}:{}:{}", book.name, code_id, h.start, h.end));
                conn.prepare_cached(
                    "INSERT INTO codings (guid, doc_id, code_id, start, end, coder, status, rule, matched)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'proposed', ?7, ?8)
                     ON CONFLICT(guid) DO NOTHING",
                )?
                .execute(params![
                    g,
                    doc_id,
                    code_id,
                    h.start as i64,
                    h.end as i64,
                    coder,
                    rule_id,
                    matched
                ])?;
                summary.added += 1;
            }
        }
    }
    for (key, e) in &existing {
        if e.status == Status::Proposed && !seen.contains(key) {
            // A proposal someone wrote a memo on is kept: the memo is a
            // human contribution.
            let memos: i64 = conn.query_row(
                "SELECT count(*) FROM memos WHERE target_kind = 'coding' AND target_id = ?1",
                [e.id],
                |r| r.get(0),
            )?;
            if memos == 0 {
                conn.execute("DELETE FROM codings WHERE id = ?1 AND status = 'proposed'", [e.id])?;
                summary.removed += 1;
            }
        }
    }
    Ok(())
}
