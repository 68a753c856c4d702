//! REFI-QDA model → project database.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use policyscope_coding::{CodingStore, MemoTarget, NewCode, NewCoding, Status, AUTO_PREFIX};
use policyscope_corpus::import::{import_paths, ImportOptions, Outcome};
use policyscope_corpus::Project;
use serde::Serialize;

use super::{docmeta, UNKNOWN_USER, VARIABLES};
use crate::model::*;
use crate::{Error, Report, Result};

/// What an import did, with its data-loss report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportReport {
    /// Sources added as new documents.
    pub documents_added: usize,
    /// Sources whose text was already in the project.
    pub documents_matched: usize,
    /// Codes created or updated.
    pub codes: usize,
    /// Codings added.
    pub codings: usize,
    /// Codings already present (same document, code, span and coder).
    pub codings_existing: usize,
    /// Memos added.
    pub memos: usize,
    /// What was dropped or adjusted.
    pub report: Report,
}

/// Imports a `.qdpx` file into `project`.
pub fn import_project(project: &mut Project, path: &Path) -> Result<ImportReport> {
    let (model, report) = crate::read::read_qdpx(path, crate::Limits::default())?;
    let label = path.file_stem().and_then(|s| s.to_str()).unwrap_or("qdpx");
    import_model(project, &model, report, label)
}

/// Imports a `.qdc` codebook's codes into `project`.
pub fn import_codebook(project: &mut Project, path: &Path) -> Result<ImportReport> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let (codes, report) = crate::read::read_qdc(&bytes)?;
    let store = CodingStore::open(project)?;
    let mut out = ImportReport { report, ..ImportReport::default() };
    let mut map = HashMap::new();
    import_codes(&store, &codes, "", &Default::default(), &mut map, &mut out)?;
    Ok(out)
}

/// A code name usable in a `/`-separated path.
fn clean_name(name: &str, report: &mut Report) -> String {
    let n = name.trim().replace('/', "／");
    if n != name {
        report.warn(format!("code name {name:?} stored as {n:?} (`/` separates code paths)"));
    }
    n
}

fn import_codes(
    store: &CodingStore<'_>,
    codes: &[QdaCode],
    prefix: &str,
    used: &std::collections::HashSet<String>,
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
            out.report.warn(format!("code {path:?} is a folder in the file but has codings; imported as codable"));
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
                    out.report.warn(format!("code {path:?} exists with GUID {}; the file's {} maps to it", e.guid, c.guid));
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

fn safe_file_stem(label: &str) -> String {
    let s: String = label.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
    if s.is_empty() { "qdpx".into() } else { s }
}

/// Imports an already-read model. `label` names the folder under
/// `imported/` that keeps the sources' text.
pub fn import_model(project: &mut Project, model: &QdaProject, report: Report, label: &str) -> Result<ImportReport> {
    let mut out = ImportReport { report, ..ImportReport::default() };
    let own_export = model.origin.as_deref().is_some_and(|o| o.starts_with("policyscope"));

    // 1. Sources → documents, through the corpus import.
    let dir: PathBuf = project.artefact_dir("imported").join(safe_file_stem(label));
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let mut files = Vec::new();
    for s in &model.sources {
        let file = dir.join(format!("{}.txt", s.guid));
        std::fs::write(&file, s.text.as_bytes()).map_err(|e| Error::io(&file, e))?;
        files.push(file);
    }
    let summary = import_paths(project, &files, &ImportOptions::default(), &mut |_| {});
    let mut doc_of: HashMap<String, (i64, usize)> = HashMap::new();
    for (s, file_report) in model.sources.iter().zip(&summary.files) {
        let label = format!("TextSource {:?}", s.name.as_deref().unwrap_or(&s.guid));
        let (id, new) = match &file_report.outcome {
            Outcome::Imported { id } | Outcome::NewVersion { id, .. } => (*id, true),
            Outcome::AddedPath { id } | Outcome::Unchanged { id } => (*id, false),
            Outcome::Failed { reason } | Outcome::Skipped { reason } => {
                let n: usize = s.selections.iter().map(|x| x.codings.len()).sum::<usize>() + s.codings.len();
                out.report.lose(format!("{label} with {n} codings"), format!("could not be stored: {reason}"));
                continue;
            }
        };
        let stored = project.document(id)?;
        if stored.text != s.text {
            out.report.lose(format!("{label}: codings"), "the stored text differs from the source text");
            continue;
        }
        if new {
            out.documents_added += 1;
            let mut values: Vec<(String, String)> = Vec::new();
            let mut other: Vec<String> = Vec::new();
            for v in &s.values {
                let Some(var) = model.variables.iter().find(|d| d.guid == v.variable) else { continue };
                let key = var.name.to_lowercase();
                if VARIABLES.contains(&key.as_str()) {
                    values.push((key, v.value.clone()));
                } else {
                    other.push(format!("{} = {}", var.name, v.value));
                }
            }
            if own_export {
                // Restore the exact metadata: what the file leaves out was empty.
                for &name in VARIABLES {
                    if name != "language" && !values.iter().any(|(k, _)| k == name) {
                        project.conn().execute(&format!("UPDATE documents SET {name} = NULL WHERE id = ?1"), [id])?;
                    }
                }
            }
            docmeta::set(project, id, s.name.as_deref(), &values)?;
            if !other.is_empty() {
                let store = CodingStore::open(project)?;
                store.add_memo(MemoTarget::Document(id), UNKNOWN_USER, &format!("Variables: {}", other.join("; ")))?;
                out.memos += 1;
                out.report.warn(format!("{label}: variables without a document field kept as a memo"));
            }
        } else {
            out.documents_matched += 1;
        }
        doc_of.insert(s.guid.clone(), (id, stored.text.chars().count()));
    }

    let store = CodingStore::open(project)?;
    // 2. Codes (those that carry codings must be codable).
    let mut used = std::collections::HashSet::new();
    for s in &model.sources {
        used.extend(s.codings.iter().map(|c| c.code.clone()));
        for sel in &s.selections {
            used.extend(sel.codings.iter().map(|c| c.code.clone()));
        }
    }
    let mut code_id = HashMap::new();
    import_codes(&store, &model.codes, "", &used, &mut code_id, &mut out)?;

    // 3. Codings.
    let user_name = |g: Option<&String>| -> String {
        g.and_then(|g| model.users.iter().find(|u| &u.guid == g))
            .and_then(|u| u.name.clone())
            .filter(|n| !n.trim().is_empty() && !n.chars().any(char::is_control))
            .or_else(|| g.map(|g| format!("user-{}", &g[..8.min(g.len())])))
            .unwrap_or_else(|| UNKNOWN_USER.to_string())
    };
    let mut coding_of_selection: HashMap<String, i64> = HashMap::new();
    let mut coding_ids: HashMap<String, i64> = HashMap::new();
    let mut pending_notes: Vec<(String, MemoTarget)> = Vec::new();
    for s in &model.sources {
        let Some(&(doc_id, len)) = doc_of.get(&s.guid) else { continue };
        let add = |guid: String, c: &QdaCoding, fallback_user: Option<&String>, start: u64, end: u64, out: &mut ImportReport| -> Result<Option<i64>> {
            let Some(&code) = code_id.get(&c.code) else { return Ok(None) };
            let coder = user_name(c.creating_user.as_ref().or(fallback_user).or(s.creating_user.as_ref()));
            let status = if coder.starts_with(AUTO_PREFIX) { Status::Proposed } else { Status::Accepted };
            let taken = store.coding_by_guid(&guid)?.is_some();
            let guid = if taken { crate::guid::stable(&format!("qdpx-import:{guid}:{doc_id}:{start}:{end}:{}", c.code)) } else { guid };
            let before = store.coding_by_guid(&guid)?.is_some();
            let new = NewCoding { doc_id, code_id: code, start: start as i64, end: end as i64, coder, status, guid: Some(guid.clone()) };
            match store.add_coding(&new) {
                Ok(added) => {
                    if added.guid == guid && !before {
                        out.codings += 1;
                    } else {
                        out.codings_existing += 1;
                    }
                    Ok(Some(added.id))
                }
                Err(e @ policyscope_coding::Error::BadSpan { .. }) | Err(e @ policyscope_coding::Error::NotCodable(_)) => {
                    out.report.lose(format!("coding {guid}"), e.to_string());
                    Ok(None)
                }
                Err(e) => Err(e.into()),
            }
        };
        for sel in &s.selections {
            if sel.end as usize > len {
                out.report.lose(format!("selection {}", sel.guid), "outside the stored text");
                continue;
            }
            for (i, c) in sel.codings.iter().enumerate() {
                let guid = if i == 0 { sel.guid.clone() } else { crate::guid::stable(&format!("qdpx-selection:{}:{}", sel.guid, c.guid)) };
                if let Some(id) = add(guid, c, sel.creating_user.as_ref(), sel.start, sel.end, &mut out)? {
                    coding_ids.insert(c.guid.clone(), id);
                    coding_of_selection.entry(sel.guid.clone()).or_insert(id);
                    for n in &c.note_refs {
                        pending_notes.push((n.clone(), MemoTarget::Coding(id)));
                    }
                }
            }
            let target = coding_of_selection.get(&sel.guid).map(|&id| MemoTarget::Coding(id)).unwrap_or(MemoTarget::Document(doc_id));
            for n in &sel.note_refs {
                pending_notes.push((n.clone(), target));
            }
            if sel.codings.is_empty() {
                match &sel.description {
                    Some(d) => {
                        let text = format!("[{}–{}] «{}»: {d}", sel.start, sel.end, super::export::excerpt_of(&s.text, sel.start, sel.end));
                        store.add_memo(MemoTarget::Document(doc_id), &user_name(sel.creating_user.as_ref()), &text)?;
                        out.memos += 1;
                        out.report.warn(format!("comment on an uncoded selection [{}, {}) kept as a document memo", sel.start, sel.end));
                    }
                    None if sel.note_refs.is_empty() => {
                        out.report.lose(format!("selection {} [{}, {})", sel.guid, sel.start, sel.end), "no coding, comment or note");
                    }
                    None => {}
                }
            } else if let Some(d) = &sel.description {
                if let Some(&id) = coding_of_selection.get(&sel.guid) {
                    store.add_memo(MemoTarget::Coding(id), &user_name(sel.creating_user.as_ref()), d)?;
                    out.memos += 1;
                }
            }
        }
        for c in &s.codings {
            let guid = crate::guid::stable(&format!("qdpx-source-coding:{}", c.guid));
            if let Some(id) = add(guid, c, None, 0, len as u64, &mut out)? {
                out.report.warn(format!("coding of a whole source {:?} imported as a span over its text", s.name.as_deref().unwrap_or("")));
                coding_ids.insert(c.guid.clone(), id);
            }
        }
        for n in &s.note_refs {
            pending_notes.push((n.clone(), MemoTarget::Document(doc_id)));
        }
    }

    // 4. Notes → memos, on what refers to them (NoteRef) or what a Link joins them to.
    QdaCode::walk(&model.codes, &mut Vec::new(), &mut |_, c| {
        if let Some(&id) = code_id.get(&c.guid) {
            for n in &c.note_refs {
                pending_notes.push((n.clone(), MemoTarget::Code(id)));
            }
        }
    });
    for n in &model.note_refs {
        pending_notes.push((n.clone(), MemoTarget::Project));
    }
    let target_of = |g: &str| -> Option<MemoTarget> {
        if let Some(&id) = coding_of_selection.get(g).or_else(|| coding_ids.get(g)) {
            return Some(MemoTarget::Coding(id));
        }
        if let Some(&(id, _)) = doc_of.get(g) {
            return Some(MemoTarget::Document(id));
        }
        code_id.get(g).map(|&id| MemoTarget::Code(id))
    };
    for l in &model.links {
        let (Some(o), Some(t)) = (&l.origin, &l.target) else { continue };
        let is_note = |g: &str| model.notes.iter().any(|n| n.guid == g);
        let pair = if is_note(o) { Some((o, t)) } else if is_note(t) { Some((t, o)) } else { None };
        match pair.and_then(|(note, other)| target_of(other).map(|tg| (note, tg))) {
            Some((note, tg)) => pending_notes.push((note.clone(), tg)),
            None => out.report.lose(format!("Link {:?}", l.name.as_deref().unwrap_or(&l.guid)), "only links from a note to a coded span, source or code are kept"),
        }
    }
    let mut target_by_note: HashMap<&str, MemoTarget> = HashMap::new();
    for (n, t) in &pending_notes {
        if target_by_note.contains_key(n.as_str()) {
            out.report.warn(format!("note {n} is attached to several objects; kept on the first"));
        } else {
            target_by_note.insert(n.as_str(), *t);
        }
    }
    for note in &model.notes {
        let target = target_by_note.get(note.guid.as_str()).copied().unwrap_or(MemoTarget::Project);
        if store.memos(None)?.iter().any(|m| m.guid == note.guid) {
            continue;
        }
        let text = match &note.name {
            Some(n) if !n.trim().is_empty() && !own_export => format!("{n}\n{}", note.text),
            _ => note.text.clone(),
        };
        store.add_memo_with_guid(target, &user_name(note.creating_user.as_ref()), &text, Some(&note.guid))?;
        out.memos += 1;
    }
    Ok(out)
}
