//! One file through the import pipeline: read, recognise, decode, describe, store.

use std::path::Path;

use super::formats;
use super::read::Format;
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
    /// The path as shown in messages (escaped).
    named: String,
    /// Said when the stored path differs from the real one.
    name_warning: Option<String>,
    shown: std::path::PathBuf,
    stem: String,
    format: Format,
    bytes: Vec<u8>,
    file_hash: String,
    extract: policyscope_extract::Options,
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
    let named = super::names::escape_path(&shown);
    let (path_str, name_warning) = super::names::stored_path(&shown);
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let Some(format) = Format::from_extension(ext) else {
        let reason = format!(
            "unsupported file type `.{ext}` (supported: .txt, .md, .html, .htm, .pdf, .docx, .doc, .ofd)"
        );
        let outcome = if explicit { Outcome::Failed { reason } } else { Outcome::Skipped { reason } };
        return Staged::Done(report(named, outcome, None, vec![]));
    };
    let bytes = match read_bytes(path, options) {
        Ok(b) => b,
        Err(reason) => return Staged::Done(report(named, Outcome::Failed { reason }, None, vec![])),
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
            Staged::Done(report(named, outcome, encoding, name_warning.into_iter().collect()))
        }
        Ok(None) => {
            let extract = options.extract_options();
            Staged::ToPrepare(Pending {
                path_str,
                named,
                name_warning,
                shown,
                stem,
                format,
                bytes,
                file_hash,
                extract,
            })
        }
        Err(e) => {
            let reason = format!("could not read the project: {e}");
            Staged::Done(report(named, Outcome::Failed { reason }, None, vec![]))
        }
    }
}

/// Stage 2 (no database, runs in parallel): decode and describe.
pub(super) fn prepare_pending(mut pending: Pending) -> Prepared {
    let mut warnings: Vec<String> = pending.name_warning.take().into_iter().collect();
    let bytes = std::mem::take(&mut pending.bytes);
    let source = Source { stem: &pending.stem, shown: &pending.shown, file_hash: &pending.file_hash };
    let document = prepare(bytes, &source, pending.format, &pending.extract, &mut warnings);
    Prepared { pending, document, warnings }
}

/// Stage 3: store in one transaction.
pub(super) fn finish(project: &mut Project, prepared: Prepared, options: &ImportOptions) -> FileReport {
    let Prepared { pending: p, document, warnings } = prepared;
    match document {
        Err(reason) => report(p.named, Outcome::Failed { reason }, None, warnings),
        Ok(doc) => {
            let encoding = Some(doc.meta.encoding.clone());
            let kept = doc.published.as_ref().map_or(Ok(()), |p| formats::keep_original(project, p));
            let outcome = kept
                .and_then(|()| {
                    store(project, &p.path_str, &p.file_hash, &doc, options.catalog.as_ref(), &p.stem)
                })
                .unwrap_or_else(|e| Outcome::Failed { reason: format!("could not store: {e}") });
            report(p.named, outcome, encoding, warnings)
        }
    }
}

fn apply_catalog_only(project: &mut Project, id: i64, catalog: Option<&Catalog>, stem: &str) -> Result<()> {
    let Some(catalog) = catalog else { return Ok(()) };
    let meta = project.document_meta(id)?;
    if let Some(entry) = catalog.entry_for(stem, &meta.title, meta.date.as_ref()) {
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

/// Where a file's bytes came from.
pub(super) struct Source<'a> {
    /// File name without extension (may carry a date or a catalog number).
    pub(super) stem: &'a str,
    /// The path shown to users.
    pub(super) shown: &'a Path,
    /// Hash of the bytes.
    pub(super) file_hash: &'a str,
}

/// Reads and describes a file; errors are messages for the user.
pub(super) fn prepare(
    bytes: Vec<u8>,
    source: &Source<'_>,
    format: Format,
    extract: &policyscope_extract::Options,
    warnings: &mut Vec<String>,
) -> std::result::Result<NewDocument, String> {
    let (stem, shown) = (source.stem, source.shown);
    let formats::Text { extracted, encoding, published } =
        formats::read(bytes, format, source.file_hash, extract, warnings)?;
    if extracted.text.trim().is_empty() {
        return Err("the file has no text".to_string());
    }
    let text = extracted.text;
    // Metadata is read from the document, not from the comments in its markup.
    let described = crate::display::comments_blanked(&text);
    let title = extracted.title.or_else(|| metadata::title_from_text(&described)).unwrap_or_else(|| {
        warnings.push("no title in the text; the file name is used".to_string());
        metadata::title_from_file_stem(stem)
    });
    let date = metadata::date_for(stem, &described);
    let docno = metadata::own_docno(&described);
    drop(described);
    let norm_text = policyscope_text::normalize_for_search(&text);
    let content_hash = blake3::hash(text.as_bytes()).to_hex().to_string();
    let meta = DocumentMeta {
        doc_type: metadata::doc_type_from_title(&title),
        docno,
        language: policyscope_text::lang::detect_language(&text).to_string(),
        encoding,
        source_path: shown.display().to_string(),
        char_count: text.chars().count() as i64,
        ..DocumentMeta::new(0, &title, date)
    };
    Ok(NewDocument { meta, text, norm_text, content_hash, published })
}

pub(super) fn store(
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
            let id = write::insert_document(&tx, doc, previous)?;
            write::set_path(&tx, path, id, file_hash)?;
            match previous {
                Some(previous) => (Outcome::NewVersion { id, previous }, id),
                None => (Outcome::Imported { id }, id),
            }
        }
    };
    if let Some(entry) = catalog.and_then(|c| c.entry_for(stem, &doc.meta.title, doc.meta.date.as_ref())) {
        write::apply_catalog(&tx, id, entry)?;
    }
    tx.commit()?;
    Ok(outcome)
}
