//! Importing files into a project.
//!
//! Each file is read, decoded, described and stored in its own transaction,
//! so a failure or a crash never leaves half a document behind and never
//! touches documents already imported; a re-run completes what was missing.
//! Content is identified by a hash of the decoded text: the same content at
//! a second path is one document with two paths, a changed file becomes a new
//! version that supersedes the old one.

mod read;

use std::path::{Path, PathBuf};

use serde::Serialize;

pub use read::Format;

use crate::metadata;
use crate::store_write as write;
use crate::{Catalog, DocumentMeta, NewDocument, Project, Result};

/// Files larger than this are refused unless the limit is raised.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// How to import.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// Metadata to attach from a catalog.
    pub catalog: Option<Catalog>,
    /// Largest file accepted, in bytes.
    pub max_file_bytes: u64,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions { catalog: None, max_file_bytes: DEFAULT_MAX_FILE_BYTES }
    }
}

/// What happened to one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Outcome {
    /// A new document.
    Imported {
        /// Its id.
        id: i64,
    },
    /// The same content as an existing document, found at a new path.
    AddedPath {
        /// The existing document.
        id: i64,
    },
    /// The file changed since it was imported: a new version.
    NewVersion {
        /// The new version.
        id: i64,
        /// The version it supersedes.
        previous: i64,
    },
    /// Already imported from this path with this content.
    Unchanged {
        /// The document.
        id: i64,
    },
    /// Not a supported file type (only when met while walking a folder).
    Skipped {
        /// Why.
        reason: String,
    },
    /// The file could not be imported.
    Failed {
        /// Why, in words.
        reason: String,
    },
}

/// The report for one file.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    /// The file (absolute when it could be resolved).
    pub path: String,
    /// What happened.
    #[serde(flatten)]
    pub outcome: Outcome,
    /// The encoding the file was decoded from.
    pub encoding: Option<String>,
    /// Things worth knowing that did not stop the import.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// The result of an import run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportSummary {
    /// One report per file met.
    pub files: Vec<FileReport>,
}

impl ImportSummary {
    fn count(&self, f: impl Fn(&Outcome) -> bool) -> usize {
        self.files.iter().filter(|r| f(&r.outcome)).count()
    }
    /// New documents (including new versions).
    pub fn imported(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Imported { .. } | Outcome::NewVersion { .. }))
    }
    /// Files whose content was already in the project.
    pub fn unchanged(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Unchanged { .. } | Outcome::AddedPath { .. }))
    }
    /// Files that failed.
    pub fn failed(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Failed { .. }))
    }
    /// Files skipped as unsupported.
    pub fn skipped(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Skipped { .. }))
    }
    /// Whether anything changed in the project.
    pub fn changed(&self) -> bool {
        self.count(|o| matches!(o, Outcome::Imported { .. } | Outcome::NewVersion { .. } | Outcome::AddedPath { .. })) > 0
    }
}

/// Progress of an import, for progress bars.
#[derive(Debug)]
pub enum ImportEvent<'a> {
    /// The number of files found.
    Found(usize),
    /// A file is done.
    Done(&'a FileReport),
}

/// Imports files and folders (recursively) into `project`.
pub fn import_paths(
    project: &mut Project,
    paths: &[PathBuf],
    options: &ImportOptions,
    progress: &mut dyn FnMut(ImportEvent<'_>),
) -> ImportSummary {
    let mut summary = ImportSummary::default();
    let mut files: Vec<(PathBuf, bool)> = Vec::new();
    for path in paths {
        collect(path, &mut files, &mut summary);
    }
    progress(ImportEvent::Found(files.len()));
    for (file, explicit) in files {
        let report = import_file(project, &file, explicit, options);
        progress(ImportEvent::Done(&report));
        summary.files.push(report);
    }
    summary
}

fn collect(path: &Path, files: &mut Vec<(PathBuf, bool)>, summary: &mut ImportSummary) {
    match std::fs::metadata(path) {
        Err(e) => summary.files.push(failed(path, format!("cannot read: {e}"))),
        Ok(m) if m.is_dir() => {
            let walker = walkdir::WalkDir::new(path).follow_links(true).sort_by_file_name();
            for entry in walker {
                match entry {
                    Ok(e) if e.file_type().is_file() => files.push((e.into_path(), false)),
                    Ok(_) => {}
                    Err(e) => {
                        let p = e.path().map(Path::to_path_buf).unwrap_or_else(|| path.to_path_buf());
                        summary.files.push(failed(&p, format!("cannot read: {e}")));
                    }
                }
            }
        }
        Ok(_) => files.push((path.to_path_buf(), true)),
    }
}

fn failed(path: &Path, reason: String) -> FileReport {
    FileReport { path: path.display().to_string(), outcome: Outcome::Failed { reason }, encoding: None, warnings: vec![] }
}

fn import_file(project: &mut Project, path: &Path, explicit: bool, options: &ImportOptions) -> FileReport {
    let shown = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let path_str = shown.display().to_string();
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let Some(format) = Format::from_extension(ext) else {
        let reason = format!("unsupported file type `.{ext}` (supported: .txt, .md, .html, .htm)");
        let outcome = if explicit { Outcome::Failed { reason } } else { Outcome::Skipped { reason } };
        return FileReport { path: path_str, outcome, encoding: None, warnings: vec![] };
    };
    let mut warnings = Vec::new();
    let bytes = match read_bytes(path, options) {
        Ok(b) => b,
        Err(reason) => return FileReport { path: path_str, outcome: Outcome::Failed { reason }, encoding: None, warnings },
    };
    let file_hash = blake3::hash(&bytes).to_hex().to_string();
    let stem = file_stem(path);
    match project.document_with_file_hash(&path_str, &file_hash) {
        Ok(Some(id)) => {
            // The same bytes at the same path: nothing to decode or store,
            // but a catalog given this time still applies.
            let outcome = apply_catalog_only(project, id, options.catalog.as_ref(), &stem)
                .map(|()| Outcome::Unchanged { id })
                .unwrap_or_else(|e| Outcome::Failed { reason: format!("could not store: {e}") });
            let encoding = project.document_meta(id).ok().map(|m| m.encoding);
            return FileReport { path: path_str, outcome, encoding, warnings };
        }
        Ok(None) => {}
        Err(e) => {
            let reason = format!("could not read the project: {e}");
            return FileReport { path: path_str, outcome: Outcome::Failed { reason }, encoding: None, warnings };
        }
    }
    match prepare(bytes, &stem, &shown, format, &mut warnings) {
        Err(reason) => FileReport { path: path_str, outcome: Outcome::Failed { reason }, encoding: None, warnings },
        Ok(doc) => {
            let encoding = Some(doc.meta.encoding.clone());
            let outcome = store(project, &path_str, &file_hash, &doc, options.catalog.as_ref(), &stem)
                .unwrap_or_else(|e| Outcome::Failed { reason: format!("could not store: {e}") });
            FileReport { path: path_str, outcome, encoding, warnings }
        }
    }
}

fn apply_catalog_only(project: &mut Project, id: i64, catalog: Option<&Catalog>, stem: &str) -> Result<()> {
    let Some(catalog) = catalog else { return Ok(()) };
    let meta = project.document_meta(id)?;
    if let Some(entry) = catalog.entry_for(stem, &meta.title, meta.date.as_deref()) {
        let tx = project.conn_mut().transaction()?;
        write::apply_catalog(&tx, id, entry)?;
        tx.commit()?;
    }
    Ok(())
}

/// Reads a file within the size limit; errors are messages for the user.
fn read_bytes(path: &Path, options: &ImportOptions) -> std::result::Result<Vec<u8>, String> {
    let size = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?.len();
    if size > options.max_file_bytes {
        return Err(format!(
            "file is {} MB, larger than the limit of {} MB (raise it with --max-file-size)",
            size / (1024 * 1024),
            options.max_file_bytes / (1024 * 1024)
        ));
    }
    std::fs::read(path).map_err(|e| format!("cannot read: {e}"))
}

fn file_stem(path: &Path) -> String {
    path.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string()
}

/// Reads and describes a file; errors are messages for the user.
fn prepare(
    bytes: Vec<u8>,
    stem: &str,
    shown: &Path,
    format: Format,
    warnings: &mut Vec<String>,
) -> std::result::Result<NewDocument, String> {
    let decoded = policyscope_text::decode(&bytes).map_err(|e| e.to_string())?;
    let extracted = read::extract(format, decoded.text);
    if extracted.text.trim().is_empty() {
        return Err("the file has no text".to_string());
    }
    let text = extracted.text;
    let title = extracted.title.or_else(|| metadata::title_from_text(&text)).unwrap_or_else(|| {
        warnings.push("no title in the text; the file name is used".to_string());
        metadata::title_from_file_stem(stem)
    });
    let date = metadata::date_for(stem, &text);
    let norm_text = policyscope_text::normalize_for_search(&text);
    let content_hash = blake3::hash(text.as_bytes()).to_hex().to_string();
    let meta = DocumentMeta {
        id: 0,
        doc_type: metadata::doc_type_from_title(&title),
        title,
        date,
        docno: metadata::own_docno(&text),
        language: policyscope_text::lang::detect_language(&text).to_string(),
        encoding: decoded.encoding,
        issuer: None,
        source_path: shown.display().to_string(),
        paths: vec![],
        char_count: text.chars().count() as i64,
        catalog_no: None,
        title_en: None,
        previous_version: None,
        superseded: false,
    };
    Ok(NewDocument { meta, text, norm_text, content_hash })
}

fn store(
    project: &mut Project,
    path: &str,
    file_hash: &str,
    doc: &NewDocument,
    catalog: Option<&Catalog>,
    stem: &str,
) -> Result<Outcome> {
    let at_path = project.document_at_path(path)?;
    let same_content = project.document_with_hash(&doc.content_hash)?;
    let tx = project.conn_mut().transaction()?;
    let (outcome, id) = match (at_path, same_content) {
        (Some((id, hash)), _) if hash == doc.content_hash => (Outcome::Unchanged { id }, id),
        (_, Some(id)) => {
            write::set_path(&tx, path, id, file_hash)?;
            (Outcome::AddedPath { id }, id)
        }
        (previous, None) => {
            let previous = previous.map(|(prev, _)| prev);
            let spans = policyscope_text::split_passages(&doc.text);
            let id = write::insert_document(&tx, doc, previous, &spans)?;
            write::set_path(&tx, path, id, file_hash)?;
            match previous {
                Some(previous) => (Outcome::NewVersion { id, previous }, id),
                None => (Outcome::Imported { id }, id),
            }
        }
    };
    if let Some(entry) = catalog.and_then(|c| c.entry_for(stem, &doc.meta.title, doc.meta.date.as_deref())) {
        write::apply_catalog(&tx, id, entry)?;
    }
    tx.commit()?;
    Ok(outcome)
}
