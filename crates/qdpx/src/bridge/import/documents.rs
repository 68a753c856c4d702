//! Sources → documents, through the corpus import (which keeps a copy of
//! each text under `imported/` in the project).

use std::collections::HashMap;
use std::path::PathBuf;

use policyscope_coding::{CodingStore, MemoTarget};
use policyscope_corpus::import::{import_paths, ImportOptions, Outcome};
use policyscope_corpus::Project;

use super::ImportReport;
use crate::bridge::{docmeta, UNKNOWN_USER, VARIABLES};
use crate::model::QdaProject;
use crate::{Error, Result};

fn safe_file_stem(label: &str) -> String {
    let s: String =
        label.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
    if s.is_empty() {
        "qdpx".into()
    } else {
        s
    }
}

/// Adds every source as a document; returns source GUID → (document id,
/// length). Metadata comes from the variables; for policyscope's own
/// exports it is restored exactly.
pub(super) fn import_documents(
    project: &mut Project,
    model: &QdaProject,
    label: &str,
    own_export: bool,
    max_file_bytes: u64,
    out: &mut ImportReport,
) -> Result<HashMap<String, (i64, usize)>> {
    let dir: PathBuf = project.artefact_dir("imported").join(safe_file_stem(label));
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let lose = |s: &crate::model::TextSource, reason: String, out: &mut ImportReport| {
        let label = format!("TextSource {:?}", s.name.as_deref().unwrap_or(&s.guid));
        let n: usize = s.selections.iter().map(|x| x.codings.len()).sum::<usize>() + s.codings.len();
        out.report.lose(format!("{label} with {n} codings"), format!("could not be stored: {reason}"));
        out.documents_failed += 1;
    };
    // Sources too large for the import are refused before anything is
    // written, so they leave no file behind.
    let mut sources = Vec::new();
    let mut files = Vec::new();
    for s in &model.sources {
        if s.text.len() as u64 > max_file_bytes {
            let reason = format!(
                "the text is {} MB, larger than the limit of {} MB (raise it with --max-file-size)",
                s.text.len() / (1024 * 1024),
                max_file_bytes / (1024 * 1024)
            );
            lose(s, reason, out);
            continue;
        }
        let file = dir.join(format!("{}.txt", s.guid));
        if let Err(e) = std::fs::write(&file, s.text.as_bytes()) {
            remove_files(files.iter().chain([&file]));
            return Err(Error::io(&file, e));
        }
        sources.push(s);
        files.push(file);
    }
    let options = ImportOptions { max_file_bytes, ..ImportOptions::default() };
    let summary = import_paths(project, &files, &options, &mut |_| {});
    let mut doc_of: HashMap<String, (i64, usize)> = HashMap::new();
    for ((s, file_report), file) in sources.into_iter().zip(&summary.files).zip(&files) {
        let label = format!("TextSource {:?}", s.name.as_deref().unwrap_or(&s.guid));
        let (id, new) = match &file_report.outcome {
            Outcome::Imported { id } | Outcome::NewVersion { id, .. } => (*id, true),
            Outcome::AddedPath { id } | Outcome::Unchanged { id } => (*id, false),
            Outcome::Failed { reason } | Outcome::Skipped { reason } => {
                // Not a document: its copy would be an orphan.
                remove_files([file]);
                lose(s, reason.clone(), out);
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
                        project
                            .conn()
                            .execute(&format!("UPDATE documents SET {name} = NULL WHERE id = ?1"), [id])?;
                    }
                }
            }
            docmeta::set(project, id, s.name.as_deref(), &values)?;
            if !other.is_empty() {
                let store = CodingStore::open(project)?;
                store.add_memo(
                    MemoTarget::Document(id),
                    UNKNOWN_USER,
                    &format!("Variables: {}", other.join("; ")),
                )?;
                out.memos += 1;
                out.report.warn(format!("{label}: variables without a document field kept as a memo"));
            }
        } else {
            out.documents_matched += 1;
        }
        if let Some(d) = s.description.as_deref().filter(|d| !d.trim().is_empty()) {
            let store = CodingStore::open(project)?;
            let author = s
                .creating_user
                .as_ref()
                .and_then(|g| model.users.iter().find(|u| &u.guid == g))
                .and_then(|u| u.name.clone())
                .unwrap_or_else(|| UNKNOWN_USER.to_string());
            store.add_memo(MemoTarget::Document(id), &author, d)?;
            out.memos += 1;
        }
        doc_of.insert(s.guid.clone(), (id, stored.text.chars().count()));
    }
    // The folder goes again when no source was kept in it.
    let _ = std::fs::remove_dir(&dir);
    Ok(doc_of)
}

/// Removes copies that no document refers to; a copy already gone is fine.
fn remove_files<'a>(files: impl IntoIterator<Item = &'a PathBuf>) {
    for file in files {
        let _ = std::fs::remove_file(file);
    }
}
