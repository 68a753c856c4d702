//! One file through the import pipeline: read, recognise, decode, describe, store.

use std::path::Path;

use super::read::{self, Format};
use super::{FileReport, ImportOptions, Outcome};
use crate::metadata;
use crate::store_write as write;
use crate::{Catalog, DocumentMeta, NewDocument, Project, Result};

/// A file after the cheap, sequential first stage.
pub(super) enum Staged {
    /// Nothing more to do (unsupported, unreadable, unchanged).
    Done(FileReport),
    /// Needs decoding and describing (the costly, parallel stage).
    ToPrepare(Pending),
}

/// A file whose content must be decoded and described.
pub(super) struct Pending {
    path_str: String,
    shown: std::path::PathBuf,
    stem: String,
    format: Format,
    bytes: Vec<u8>,
    file_hash: String,
}

/// A file after the parallel stage, ready to store.
pub(super) struct Prepared {
    pending: Pending,
    document: std::result::Result<NewDocument, String>,
    warnings: Vec<String>,
}

fn report(path: String, outcome: Outcome, encoding: Option<String>, warnings: Vec<String>) -> FileReport {
    FileReport { path, outcome, encoding, warnings }
}

/// Stage 1: recognise the file type, read the bytes, and stop early when the
/// same bytes were imported from the same path before.
pub(super) fn stage(project: &mut Project, path: &Path, explicit: bool, options: &ImportOptions) -> Staged {
    let shown = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let path_str = shown.display().to_string();
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let Some(format) = Format::from_extension(ext) else {
        let reason = format!("unsupported file type `.{ext}` (supported: .txt, .md, .html, .htm)");
        let outcome = if explicit { Outcome::Failed { reason } } else { Outcome::Skipped { reason } };
        return Staged::Done(report(path_str, outcome, None, vec![]));
    };
    let bytes = match read_bytes(path, options) {
        Ok(b) => b,
        Err(reason) => return Staged::Done(report(path_str, Outcome::Failed { reason }, None, vec![])),
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
            Staged::Done(report(path_str, outcome, encoding, vec![]))
        }
        Ok(None) => Staged::ToPrepare(Pending { path_str, shown, stem, format, bytes, file_hash }),
        Err(e) => {
            let reason = format!("could not read the project: {e}");
            Staged::Done(report(path_str, Outcome::Failed { reason }, None, vec![]))
        }
    }
}

/// Stage 2 (no database, runs in parallel): decode and describe.
pub(super) fn prepare_pending(mut pending: Pending) -> Prepared {
    let mut warnings = Vec::new();
    let bytes = std::mem::take(&mut pending.bytes);
    let document = prepare(bytes, &pending.stem, &pending.shown, pending.format, &mut warnings);
    Prepared { pending, document, warnings }
}

/// Stage 3: store in one transaction.
pub(super) fn finish(project: &mut Project, prepared: Prepared, options: &ImportOptions) -> FileReport {
    let Prepared { pending: p, document, warnings } = prepared;
    match document {
        Err(reason) => report(p.path_str, Outcome::Failed { reason }, None, warnings),
        Ok(doc) => {
            let encoding = Some(doc.meta.encoding.clone());
            let outcome = store(project, &p.path_str, &p.file_hash, &doc, options.catalog.as_ref(), &p.stem)
                .unwrap_or_else(|e| Outcome::Failed { reason: format!("could not store: {e}") });
            report(p.path_str, outcome, encoding, warnings)
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
        doc_type: metadata::doc_type_from_title(&title),
        docno: metadata::own_docno(&text),
        language: policyscope_text::lang::detect_language(&text).to_string(),
        encoding: decoded.encoding,
        source_path: shown.display().to_string(),
        char_count: text.chars().count() as i64,
        ..DocumentMeta::new(0, &title, date.as_deref())
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
