//! REFI-QDA model → project database: sources become documents (through
//! the corpus import), then codes, codings and memos are added with their
//! GUIDs; whatever cannot be carried is listed in the report.

mod codes;
mod codings;
mod documents;
mod notes;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use policyscope_coding::{CodingStore, MemoTarget};
use policyscope_corpus::Project;
use serde::Serialize;

use super::UNKNOWN_USER;
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
    /// Sources that could not become documents (each listed in the report).
    pub documents_failed: usize,
    /// What was dropped or adjusted.
    pub report: Report,
}

/// Imports a `.qdpx` file into `project` with the default limits.
pub fn import_project(project: &mut Project, path: &Path) -> Result<ImportReport> {
    import_project_with(project, path, crate::Limits::default())
}

/// Imports a `.qdpx` file into `project`; `limits` cap the archive, and
/// its per-entry limit is also the largest source accepted as a document.
pub fn import_project_with(
    project: &mut Project,
    path: &Path,
    limits: crate::Limits,
) -> Result<ImportReport> {
    let (model, report) = crate::read::read_qdpx(path, limits)?;
    let label = path.file_stem().and_then(|s| s.to_str()).unwrap_or("qdpx");
    import_model_with(project, &model, report, label, limits.max_entry_bytes)
}

/// Imports a `.qdc` codebook's codes into `project`.
pub fn import_codebook(project: &mut Project, path: &Path) -> Result<ImportReport> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let (codes, report) = crate::read::read_qdc(&bytes)?;
    let store = CodingStore::open(project)?;
    let mut out = ImportReport { report, ..ImportReport::default() };
    let mut map = HashMap::new();
    codes::import_codes(&store, &codes, "", &HashSet::new(), &mut map, &mut out)?;
    Ok(out)
}

/// The state of one import after its documents are in.
struct Importer<'a, 'p> {
    model: &'a QdaProject,
    store: CodingStore<'p>,
    out: ImportReport,
    own_export: bool,
    /// Source GUID → (document id, length in code points).
    doc_of: HashMap<String, (i64, usize)>,
    /// Code GUID → code id.
    code_id: HashMap<String, i64>,
    /// Selection GUID → the first coding made from it.
    coding_of_selection: HashMap<String, i64>,
    /// Coding GUID → coding id.
    coding_ids: HashMap<String, i64>,
    /// Notes and the objects that refer to them, in file order.
    pending_notes: Vec<(String, MemoTarget)>,
}

impl Importer<'_, '_> {
    fn codings_and_notes(&mut self) -> Result<()> {
        self.codings()?;
        self.notes()?;
        let model = self.model;
        if let Some(d) = model.description.as_deref().filter(|d| !d.trim().is_empty()) {
            let author = self.user_name(model.creating_user.as_ref());
            self.store.add_memo(MemoTarget::Project, &author, d)?;
            self.out.memos += 1;
        }
        Ok(())
    }

    /// The name of the user with this GUID (a readable stand-in when the
    /// file names none).
    fn user_name(&self, g: Option<&String>) -> String {
        g.and_then(|g| self.model.users.iter().find(|u| &u.guid == g))
            .and_then(|u| u.name.clone())
            .filter(|n| !n.trim().is_empty() && !n.chars().any(char::is_control))
            .or_else(|| g.map(|g| format!("user-{}", &g[..8.min(g.len())])))
            .unwrap_or_else(|| UNKNOWN_USER.to_string())
    }
}

/// Imports an already-read model. `label` names the folder under
/// `imported/` that keeps the sources' text.
pub fn import_model(
    project: &mut Project,
    model: &QdaProject,
    report: Report,
    label: &str,
) -> Result<ImportReport> {
    let max_file_bytes = policyscope_corpus::import::DEFAULT_MAX_FILE_BYTES;
    import_model_with(project, model, report, label, max_file_bytes)
}

/// [`import_model`] refusing sources larger than `max_file_bytes`.
fn import_model_with(
    project: &mut Project,
    model: &QdaProject,
    report: Report,
    label: &str,
    max_file_bytes: u64,
) -> Result<ImportReport> {
    let mut out = ImportReport { report, ..ImportReport::default() };
    let own_export = model.origin.as_deref().is_some_and(|o| o.starts_with("policyscope"));
    let doc_of = documents::import_documents(project, model, label, own_export, max_file_bytes, &mut out)?;
    let store = CodingStore::open(project)?;
    // Codes that carry codings must be codable, whatever the file says.
    let mut used = HashSet::new();
    for s in &model.sources {
        used.extend(s.codings.iter().map(|c| c.code.clone()));
        for sel in &s.selections {
            used.extend(sel.codings.iter().map(|c| c.code.clone()));
        }
    }
    let mut code_id = HashMap::new();
    codes::import_codes(&store, &model.codes, "", &used, &mut code_id, &mut out)?;
    let mut importer = Importer {
        model,
        store,
        out,
        own_export,
        doc_of,
        code_id,
        coding_of_selection: HashMap::new(),
        coding_ids: HashMap::new(),
        pending_notes: Vec::new(),
    };
    // Codings and memos go in together or not at all (and much faster
    // than one transaction per row); a failed import can be run again.
    let tx = importer.store.project().conn().write_transaction()?;
    match importer.codings_and_notes() {
        Ok(()) => tx.commit()?,
        Err(e) => {
            tx.rollback()?;
            return Err(e);
        }
    }
    Ok(importer.out)
}
