//! Writing a document's hits: the diff against what is stored.

use std::collections::{HashMap, HashSet};

use policyscope_store::{params, OptionalExtension};

use super::{RunSummary, NOW};
use crate::codebook::Codebook;
use crate::engine::Hit;
use crate::model::Status;
use crate::store::{CodingStore, NewCode};
use crate::{guid, Result};

/// Existing coding of this auto-coder family on one document.
struct Existing {
    id: i64,
    status: Status,
    coder: String,
    rule: Option<String>,
}

/// Stores the codebook row and its codes; returns code ids by index and
/// the ids of codes whose rules are unchanged since the last run.
pub(super) fn record_codebook(
    store: &CodingStore<'_>,
    book: &Codebook,
    hash: &str,
) -> Result<(Vec<i64>, HashSet<i64>)> {
    let mut positions: HashMap<String, i64> = HashMap::new();
    let mut ids = Vec::with_capacity(book.codes.len());
    for code in &book.codes {
        let parent = code.path.rsplit_once('/').map(|(p, _)| p.to_string()).unwrap_or_default();
        let pos = positions.entry(parent).or_insert(0);
        *pos += 1;
        // A code a person made, renamed, moved, restyled or merged away
        // keeps what they did; the codebook's rules then code into it.
        if let Some(id) = store.adopt_for_codebook(&code.path)? {
            ids.push(id);
            continue;
        }
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
    // Compare with the previous run's rules before recording the new ones.
    let unchanged = unchanged_codes(store, book, &ids)?;
    store.conn().execute(
        &format!(
            "INSERT INTO codebooks (name, version, description, source, rules_hash) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(name) DO UPDATE SET version = excluded.version, description = excluded.description,
                 source = excluded.source, rules_hash = excluded.rules_hash, loaded_at = {NOW}"
        ),
        params![book.name, book.version, book.description, book.source, hash],
    )?;
    Ok((ids, unchanged))
}

/// What every document of a run shares.
pub(super) struct RunCtx<'a> {
    pub book: &'a Codebook,
    /// Code ids by index in `book.codes`.
    pub code_ids: Vec<i64>,
    /// `auto:<name>@<version>`.
    pub coder: String,
    /// `auto:<name>@`: every version of this codebook's auto-coder.
    pub family: String,
    /// Codes whose rules are the same as in the codebook's previous run:
    /// their proposals are left exactly as they are.
    pub unchanged: HashSet<i64>,
}

/// Codes whose rules did not change since the previous run of a codebook
/// of the same name (whose source the store kept).
fn unchanged_codes(store: &CodingStore<'_>, book: &Codebook, code_ids: &[i64]) -> Result<HashSet<i64>> {
    let previous: Option<String> = store
        .conn()
        .query_row("SELECT source FROM codebooks WHERE name = ?1", [&book.name], |r| r.get(0))
        .optional()?;
    let Some(old) = previous.and_then(|src| Codebook::parse(&src).ok()) else { return Ok(HashSet::new()) };
    let old_rules: HashMap<&str, &Vec<crate::codebook::Rule>> =
        old.codes.iter().map(|c| (c.path.as_str(), &c.rules)).collect();
    Ok(book
        .codes
        .iter()
        .zip(code_ids)
        .filter(|(c, _)| old_rules.get(c.path.as_str()) == Some(&&c.rules))
        .map(|(_, &id)| id)
        .collect())
}

/// Writes one document's hits: keeps, adds and withdraws proposals.
pub(super) fn apply(
    store: &CodingStore<'_>,
    run: &RunCtx<'_>,
    doc_id: i64,
    text: &str,
    hits: &[Hit],
    summary: &mut RunSummary,
) -> Result<()> {
    let (book, code_ids, coder, family) = (run.book, &run.code_ids, run.coder.as_str(), run.family.as_str());
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
                let relabel = e.coder != coder || e.rule.as_deref() != Some(rule_id.as_str());
                if relabel && !run.unchanged.contains(&code_id) {
                    conn.prepare_cached(&format!(
                        "UPDATE codings SET coder = ?2, rule = ?3, matched = ?4, confidence = ?5,
                             updated_at = {NOW} WHERE id = ?1"
                    ))?
                    .execute(params![
                        e.id,
                        coder,
                        rule_id,
                        matched,
                        h.confidence.value()
                    ])?;
                }
                summary.kept += 1;
            }
            None => {
                let g =
                    guid::stable(&format!("auto:{}:{doc_id}:{}:{}:{}", book.name, code_id, h.start, h.end));
                conn.prepare_cached(
                    "INSERT INTO codings (guid, doc_id, code_id, start, end, coder, status, rule, matched, confidence)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'proposed', ?7, ?8, ?9)
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
                    matched,
                    h.confidence.value()
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
