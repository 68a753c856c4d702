//! Re-extracting documents from their kept originals, after the readers
//! changed: a document whose text comes out different becomes a new version
//! of itself (the old one is kept, superseded); one whose text is the same
//! only records the new reader.

use std::path::Path;

use policyscope_store::params;
use serde::Serialize;

use super::file::{self, Source};
use super::{Format, ImportOptions, Outcome};
use crate::{DocumentMeta, Project, Result};

/// What re-extraction found (and, unless dry, did) for one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reextracted {
    /// The document.
    pub id: i64,
    /// Its path.
    pub path: String,
    /// The reader recorded before (`name version`).
    pub extractor_before: String,
    /// What happened.
    #[serde(flatten)]
    pub change: Change,
}

/// The outcome of re-extracting one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Change {
    /// The text is the same.
    Same,
    /// The text changed.
    Changed {
        /// Length before, in code points.
        chars_before: usize,
        /// Length after.
        chars_after: usize,
        /// Code point where the texts first differ.
        first_difference: usize,
        /// The old text around there.
        before: String,
        /// The new text around there.
        after: String,
        /// The new version, when stored (not in a dry run).
        new_id: Option<i64>,
    },
    /// The original could not be read again.
    Failed {
        /// Why.
        reason: String,
    },
}

/// Re-extracts every current document that was read from a published format.
/// With `dry_run`, only reports.
pub fn reextract(project: &mut Project, options: &ImportOptions, dry_run: bool) -> Result<Vec<Reextracted>> {
    let mut reports = Vec::new();
    for meta in project.documents(false)? {
        let Some(source) = project.source(meta.id)? else { continue };
        let before = format!("{} {}", source.extractor, source.extractor_version);
        let change = match again(project, &meta, &source, options) {
            Err(reason) => Change::Failed { reason },
            Ok((doc, file_hash)) => {
                let old = project.document(meta.id)?.text;
                if old == doc.text {
                    if !dry_run {
                        if let Some(p) = &doc.published {
                            project.conn().execute(
                                "UPDATE document_sources SET extractor = ?2, extractor_version = ?3 WHERE doc_id = ?1",
                                params![meta.id, p.source.extractor, p.source.extractor_version],
                            )?;
                        }
                    }
                    Change::Same
                } else {
                    let new_id = if dry_run {
                        None
                    } else {
                        let path = meta.paths.first().cloned().unwrap_or_else(|| meta.source_path.clone());
                        match file::store(project, &path, &file_hash, &doc, None, &stem(&meta.source_path))? {
                            Outcome::NewVersion { id, .. }
                            | Outcome::Imported { id }
                            | Outcome::AddedPath { id } => Some(id),
                            _ => None,
                        }
                    };
                    difference(&old, &doc.text, new_id)
                }
            }
        };
        reports.push(Reextracted {
            id: meta.id,
            path: meta.source_path.clone(),
            extractor_before: before,
            change,
        });
    }
    Ok(reports)
}

fn stem(path: &str) -> String {
    Path::new(path).file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string()
}

/// Reads a document's original again, as import would.
fn again(
    project: &Project,
    meta: &DocumentMeta,
    source: &crate::DocumentSource,
    options: &ImportOptions,
) -> std::result::Result<(crate::NewDocument, String), String> {
    let kind = policyscope_extract::Kind::from_extension(&source.format)
        .ok_or_else(|| format!("unknown format `{}`", source.format))?;
    let original = project.original_path(source);
    let bytes = std::fs::read(&original).map_err(|e| format!("original {}: {e}", original.display()))?;
    let file_hash = blake3::hash(&bytes).to_hex().to_string();
    let stem = stem(&meta.source_path);
    let shown = Path::new(&meta.source_path);
    let mut warnings = Vec::new();
    let src = Source { stem: &stem, shown, file_hash: &file_hash };
    let doc = file::prepare(bytes, &src, Format::Published(kind), &options.extract_options(), &mut warnings)?;
    Ok((doc, file_hash))
}

/// Where two texts first differ, with a little context of each.
fn difference(old: &str, new: &str, new_id: Option<i64>) -> Change {
    let (a, b): (Vec<char>, Vec<char>) = (old.chars().collect(), new.chars().collect());
    let at = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let around = |t: &[char]| t[at.saturating_sub(20).min(t.len())..(at + 40).min(t.len())].iter().collect();
    Change::Changed {
        chars_before: a.len(),
        chars_after: b.len(),
        first_difference: at,
        before: around(&a),
        after: around(&b),
        new_id,
    }
}
