//! Importing files into a project.
//!
//! Each file is read, decoded, described and stored in its own transaction,
//! so a failure or a crash never leaves half a document behind and never
//! touches documents already imported; a re-run completes what was missing.
//! Content is identified by a hash of the decoded text: the same content at
//! a second path is one document with two paths, a changed file becomes a new
//! version that supersedes the old one.

mod file;
mod formats;
mod html;
mod names;
mod read;
mod reextract;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

pub use names::escape_path;
pub use read::Format;
pub use reextract::{reextract, Change, Reextracted};

pub(crate) use formats::Published;

use crate::{Catalog, Project};

/// Files larger than this are refused unless the limit is raised.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// How to import.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// Metadata to attach from a catalog.
    pub catalog: Option<Catalog>,
    /// Largest file accepted, in bytes.
    pub max_file_bytes: u64,
    /// OCR the pages of PDFs that have no text layer (needs tesseract).
    pub ocr: bool,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions { catalog: None, max_file_bytes: DEFAULT_MAX_FILE_BYTES, ocr: false }
    }
}

/// Whether `--ocr` can work here; the message names the packages to install.
pub fn ocr_ready() -> std::result::Result<(), String> {
    policyscope_extract::ocr_ready(&policyscope_extract::Limits::default()).map_err(|e| e.to_string())
}

impl ImportOptions {
    /// How published formats are read under these options.
    pub(crate) fn extract_options(&self) -> policyscope_extract::Options {
        policyscope_extract::Options { ocr: self.ocr, ..policyscope_extract::Options::default() }
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
    /// The file (absolute when it could be resolved), escaped for messages
    /// as by [`escape_path`].
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
        self.count(|o| {
            matches!(o, Outcome::Imported { .. } | Outcome::NewVersion { .. } | Outcome::AddedPath { .. })
        }) > 0
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
    // Decoding, normalising and splitting dominate the cost and need no
    // database: they run in parallel on a batch, stores stay sequential and
    // in file order.
    for batch in files.chunks(32) {
        let staged: Vec<file::Staged> =
            batch.iter().map(|(path, explicit)| file::stage(project, path, *explicit, options)).collect();
        let prepared: Vec<Result<file::Prepared, FileReport>> = staged
            .into_par_iter()
            .map(|s| match s {
                file::Staged::Done(report) => Err(report),
                file::Staged::ToPrepare(p) => Ok(file::prepare_pending(p)),
            })
            .collect();
        for item in prepared {
            let report = match item {
                Err(report) => report,
                Ok(p) => file::finish(project, p, options),
            };
            progress(ImportEvent::Done(&report));
            summary.files.push(report);
        }
    }
    summary
}

fn collect(path: &Path, files: &mut Vec<(PathBuf, bool)>, summary: &mut ImportSummary) {
    match std::fs::metadata(path) {
        Err(e) => summary.files.push(failed(path, unreadable(path, &e))),
        Ok(m) if m.is_dir() => {
            let walker = walkdir::WalkDir::new(path).follow_links(true).sort_by_file_name();
            for entry in walker {
                match entry {
                    Ok(e) if e.file_type().is_file() => files.push((e.into_path(), false)),
                    Ok(_) => {}
                    Err(e) => {
                        let p = e.path().map(Path::to_path_buf).unwrap_or_else(|| path.to_path_buf());
                        summary.files.push(failed(&p, walk_error(&p, &e)));
                    }
                }
            }
        }
        Ok(_) => files.push((path.to_path_buf(), true)),
    }
}

/// Why a folder entry could not be read, in words, with names escaped
/// (the error's own text would print them raw).
fn walk_error(path: &Path, e: &walkdir::Error) -> String {
    if let Some(ancestor) = e.loop_ancestor() {
        return format!("symbolic link loop: leads back to {}", escape_path(ancestor));
    }
    match e.io_error() {
        Some(io) => unreadable(path, io),
        None => "cannot read".to_string(),
    }
}

/// Why `path` could not be read: a dangling link and an unlistable folder
/// are told apart from other errors.
fn unreadable(path: &Path, e: &std::io::Error) -> String {
    let link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if link && e.kind() == std::io::ErrorKind::NotFound {
        return "dangling symbolic link: its target does not exist".to_string();
    }
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) {
        return format!("cannot list the folder: {e}");
    }
    format!("cannot read: {e}")
}

pub(crate) fn failed(path: &Path, reason: String) -> FileReport {
    FileReport {
        path: escape_path(path),
        outcome: Outcome::Failed { reason },
        encoding: None,
        warnings: vec![],
    }
}
