//! Reading the codings to compare from the project.

use std::collections::HashMap;

use policyscope_coding::{CodingFilter, CodingStore, Status};
use policyscope_corpus::Project;
use policyscope_text::SpanKind;

use super::measure::measure;
use super::types::{Comparison, DocInput, Input, SpansByCell, Unit};
use crate::{Error, Result};

/// What to compare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompareOptions {
    /// The coders or groups; a group is written `alice+bob` (it codes a unit
    /// when any member does). An auto-coder may be named without its
    /// version (`auto:study`).
    pub coders: Vec<String>,
    /// The unit of comparison.
    pub unit: Unit,
    /// Only these codes (paths or unambiguous names); all codable codes when empty.
    pub codes: Vec<String>,
    /// Only these documents; all current documents when empty.
    pub documents: Vec<i64>,
    /// Also report code × document cells in which no compared coder used the
    /// code (NVivo lists every combination; such cells agree completely and
    /// pull means up, so they are left out by default).
    pub all_cells: bool,
}

/// Compares the codings of `opts.coders` in `project`.
pub fn compare(project: &Project, opts: &CompareOptions) -> Result<Comparison> {
    if opts.coders.len() < 2 {
        return Err(Error::Invalid("agreement needs at least two coders (or groups)".into()));
    }
    let store = CodingStore::open(project)?;
    let codes: Vec<(i64, String)> = if opts.codes.is_empty() {
        store.codes()?.into_iter().filter(|c| c.codable).map(|c| (c.id, c.path)).collect()
    } else {
        opts.codes
            .iter()
            .map(|n| store.find_code(n).map(|c| (c.id, c.path)))
            .collect::<std::result::Result<_, _>>()?
    };
    let code_index: HashMap<i64, usize> = codes.iter().enumerate().map(|(i, (id, _))| (*id, i)).collect();
    let metas = project.documents(false)?;
    let metas: Vec<_> =
        metas.into_iter().filter(|m| opts.documents.is_empty() || opts.documents.contains(&m.id)).collect();
    let doc_index: HashMap<i64, usize> = metas.iter().enumerate().map(|(i, m)| (m.id, i)).collect();
    let mut spans: SpansByCell = HashMap::new();
    for (g, group) in opts.coders.iter().enumerate() {
        let members: Vec<&str> = group.split('+').map(str::trim).filter(|m| !m.is_empty()).collect();
        if members.is_empty() {
            return Err(Error::Invalid(format!("empty coder name in {group:?}")));
        }
        let mut found = false;
        for member in members {
            let filter = CodingFilter {
                coder: Some(member.to_string()),
                statuses: vec![Status::Proposed, Status::Accepted],
                ..CodingFilter::default()
            };
            for c in store.codings(&filter)? {
                found = true;
                let (Some(&ci), Some(&di)) = (code_index.get(&c.code_id), doc_index.get(&c.doc_id)) else {
                    continue;
                };
                let entry = spans.entry((ci, di)).or_insert_with(|| vec![Vec::new(); opts.coders.len()]);
                entry[g].push((c.start as u64, c.end as u64));
            }
        }
        if !found {
            return Err(Error::Invalid(format!(
                "coder {group:?} has no codings (known coders: {})",
                store.coders()?.join(", ")
            )));
        }
    }
    if opts.all_cells {
        for ci in 0..codes.len() {
            for di in 0..metas.len() {
                spans.entry((ci, di)).or_insert_with(|| vec![Vec::new(); opts.coders.len()]);
            }
        }
    }
    let kind = match opts.unit {
        Unit::Sentence => Some(SpanKind::Sentence),
        Unit::Paragraph => Some(SpanKind::Paragraph),
        Unit::Char | Unit::Document => None,
    };
    let needed_docs: std::collections::HashSet<usize> = spans.keys().map(|(_, d)| *d).collect();
    let mut docs = Vec::with_capacity(metas.len());
    for (i, m) in metas.iter().enumerate() {
        let needed = needed_docs.contains(&i);
        let text = if needed { project.document(m.id)?.text } else { String::new() };
        let passages = match kind {
            Some(k) if needed => {
                project.passages(m.id, Some(k))?.iter().map(|p| (p.start as u64, p.end as u64)).collect()
            }
            _ => Vec::new(),
        };
        docs.push(DocInput {
            doc_id: m.id,
            title: m.title.clone(),
            len: m.char_count as u64,
            passages,
            text,
        });
    }
    let input = Input {
        coders: opts.coders.clone(),
        codes: codes.into_iter().map(|(_, p)| p).collect(),
        docs,
        spans,
    };
    Ok(measure(&input, opts.unit))
}
