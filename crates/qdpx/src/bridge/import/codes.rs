//! The code tree.

use std::collections::{HashMap, HashSet};

use policyscope_coding::{CodingStore, NewCode};

use super::ImportReport;
use crate::model::QdaCode;
use crate::{Report, Result};

/// A code name usable in a `/`-separated path.
fn clean_name(name: &str, report: &mut Report) -> String {
    let n = name.trim().replace('/', "／");
    if n != name {
        report.warn(format!("code name {name:?} stored as {n:?} (`/` separates code paths)"));
    }
    n
}

pub(super) fn import_codes(
    store: &CodingStore<'_>,
    codes: &[QdaCode],
    prefix: &str,
    used: &HashSet<String>,
    map: &mut HashMap<String, i64>,
    out: &mut ImportReport,
) -> Result<()> {
    for (position, c) in codes.iter().enumerate() {
        let name = clean_name(&c.name, &mut out.report);
        let path = if prefix.is_empty() { name } else { format!("{prefix}/{name}") };
        // A code already at this path keeps its GUID, tags and codebook; a
        // code the file holds elsewhere under this GUID is moved here.
        let existing = match store.code_by_guid(&c.guid)? {
            Some(e) => Some(e),
            None => store.code_by_path(&path)?,
        };
        let codable = c.codable || used.contains(&c.guid);
        if codable && !c.codable {
            out.report
                .warn(format!("code {path:?} is a folder in the file but has codings; imported as codable"));
        }
        let new = NewCode {
            path: path.clone(),
            description: c
                .description
                .clone()
                .or_else(|| existing.as_ref().map(|e| e.description.clone()))
                .unwrap_or_default(),
            colour: c.color.clone().or_else(|| existing.as_ref().and_then(|e| e.colour.clone())),
            codable,
            tags: existing.as_ref().map(|e| e.tags.clone()).unwrap_or_default(),
            codebook: existing.as_ref().and_then(|e| e.codebook.clone()),
            guid: match &existing {
                Some(e) if e.guid != c.guid => {
                    out.report.warn(format!(
                        "code {path:?} exists with GUID {}; the file's {} maps to it",
                        e.guid, c.guid
                    ));
                    None
                }
                _ => Some(c.guid.clone()),
            },
            position: position as i64,
        };
        let code = store.upsert_code(&new)?;
        out.codes += 1;
        map.insert(c.guid.clone(), code.id);
        import_codes(store, &c.children, &path, used, map, out)?;
    }
    Ok(())
}
