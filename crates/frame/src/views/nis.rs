//! Coded documents and passages by NIS element and by mode, per year.
//!
//! Codes carry `nis:<element>` and `mode:<mode>` tags (a code inherits its
//! ancestors' tags). The selection's codings are regrouped under one
//! pseudo-code per element (and per mode) and handed to the coding
//! queries' trend and table, so a span coded by two codes of the same
//! element counts once, exactly as a parent code counts its children.

use std::collections::BTreeMap;

use policyscope_coding::{Code, CodingStore};
use policyscope_query::{table, trend, Selection, Table, Trend};
use serde::Serialize;

use crate::{Frame, Result};

/// The NIS view of a coded corpus.
#[derive(Debug, Clone, Serialize)]
pub struct NisView {
    /// Per NIS element (rows `NIS element/<name>`), documents and passages per year.
    pub by_element: Trend,
    /// Per mode (rows `Mode/<name>`), per year.
    pub by_mode: Trend,
    /// Per element and mode: the documents coded, over all years.
    pub table: Table,
}

/// The NIS view of the codings in `sel`.
pub fn nis(store: &CodingStore<'_>, sel: &Selection, frame: &Frame) -> Result<NisView> {
    let elements: Vec<String> = frame.nis_elements.iter().map(|e| e.name.clone()).collect();
    let modes: Vec<String> = frame.modes.iter().map(|m| m.mode.clone()).collect();
    let by_el = regroup(sel, "nis", "NIS element", &elements, -1_000_000);
    let by_mo = regroup(sel, "mode", "Mode", &modes, -2_000_000);
    let mut both = by_el.clone();
    both.codes.extend(by_mo.codes.iter().cloned());
    both.codings.extend(by_mo.codings.iter().cloned());
    for (k, v) in &by_mo.documents {
        both.documents.insert(*k, v.clone());
    }
    for (k, v) in &by_mo.dates {
        both.dates.insert(*k, *v);
    }
    Ok(NisView { by_element: trend(store, &by_el)?, by_mode: trend(store, &by_mo)?, table: table(&both) })
}

/// `sel` with its codings re-pointed at one pseudo-code per value of the
/// `key:` tag (the frame's values first, then any other value a code names).
fn regroup(sel: &Selection, key: &str, folder: &str, known: &[String], base: i64) -> Selection {
    let prefix = format!("{key}:");
    let tags: BTreeMap<i64, Vec<String>> = sel
        .lineage()
        .into_iter()
        .map(|(id, chain)| {
            let mut vals: Vec<String> = Vec::new();
            for c in chain.iter().filter_map(|cid| sel.codes.iter().find(|c| c.id == *cid)) {
                for t in c.tags.iter().filter_map(|t| t.strip_prefix(&prefix)) {
                    if !vals.iter().any(|v| v == t) {
                        vals.push(t.trim().to_string());
                    }
                }
            }
            (id, vals)
        })
        .collect();
    let mut values: Vec<String> = known.to_vec();
    for v in tags.values().flatten() {
        if !values.contains(v) {
            values.push(v.clone());
        }
    }
    let pseudo = |name: &str, id: i64, parent: Option<i64>, codable: bool| Code {
        id,
        guid: String::new(),
        parent_id: parent,
        name: name.to_string(),
        path: if parent.is_some() { format!("{folder}/{name}") } else { name.to_string() },
        description: String::new(),
        colour: None,
        codable,
        tags: Vec::new(),
        codebook: None,
    };
    let mut codes = vec![pseudo(folder, base, None, false)];
    for (i, v) in values.iter().enumerate() {
        codes.push(pseudo(v, base - 1 - i as i64, Some(base), true));
    }
    let mut codings = Vec::new();
    for c in &sel.codings {
        for v in tags.get(&c.code_id).into_iter().flatten() {
            if let Some(code) = codes.iter().find(|k| k.parent_id.is_some() && &k.name == v) {
                let mut c = c.clone();
                c.code_id = code.id;
                c.code_path = code.path.clone();
                codings.push(c);
            }
        }
    }
    Selection { codes, codings, ..sel.clone() }
}
