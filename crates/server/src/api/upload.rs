//! `POST /api/documents/upload`: files (or a folder's files) sent from the
//! browser as multipart form data, imported by the same importer as
//! `policyscope import`, with its per-file report.
//!
//! Each file is written under `<project>/uploads/` at its relative name
//! (the folder structure of a folder upload is kept), so uploading the same
//! file again is "unchanged" and a changed one a new version, as on the
//! command line. A file that cannot be saved or imported fails alone.

use std::path::{Component, Path, PathBuf};

use axum::extract::{Multipart, State};
use axum::Json;
use policyscope_corpus::import::{import_paths, FileReport, ImportOptions, Outcome, DEFAULT_MAX_FILE_BYTES};
use serde::Serialize;

use crate::{AppState, Error, Result};

/// Folder of the project that keeps uploaded files.
pub const UPLOADS_DIR: &str = "uploads";
/// Largest request body: several files of the importer's largest size.
pub const MAX_UPLOAD_BYTES: usize = 4 * DEFAULT_MAX_FILE_BYTES as usize;
/// Most files in one upload.
pub const MAX_FILES: usize = 2000;
/// Deepest folder structure kept from a folder upload.
const MAX_DEPTH: usize = 16;
/// Longest relative name, in characters.
const MAX_NAME_CHARS: usize = 400;

/// The importer's report, as `policyscope import --json` gives it, with counts.
#[derive(Debug, Serialize)]
pub struct UploadReport {
    /// One report per file, `path` being the name it was uploaded under.
    pub files: Vec<FileReport>,
    /// New documents (and new versions).
    pub imported: usize,
    /// Files already in the project.
    pub unchanged: usize,
    /// Files that failed.
    pub failed: usize,
    /// Files skipped as unsupported.
    pub skipped: usize,
}

/// The relative path an uploaded file name is saved at, or why not. Only
/// normal components are kept: no root, no `..`, no drive prefix.
pub fn safe_relative(name: &str) -> std::result::Result<PathBuf, String> {
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(format!("the file name is longer than {MAX_NAME_CHARS} characters"));
    }
    if name.chars().any(char::is_control) {
        return Err("the file name holds control characters".into());
    }
    let unified = name.replace('\\', "/");
    let mut out = PathBuf::new();
    for part in unified.split('/') {
        match Path::new(part).components().next() {
            None | Some(Component::CurDir) => continue,
            Some(Component::Normal(_)) if part != ".." => out.push(part),
            _ => return Err(format!("the file name `{name}` leaves its folder")),
        }
    }
    if out.as_os_str().is_empty() {
        return Err("the file has no name".into());
    }
    if out.components().count() > MAX_DEPTH {
        return Err(format!("the file is nested deeper than {MAX_DEPTH} folders"));
    }
    Ok(out)
}

/// A report for a file refused before the importer saw it.
fn refused(name: &str, reason: String) -> FileReport {
    FileReport {
        path: name.to_string(),
        outcome: Outcome::Failed { reason },
        encoding: None,
        warnings: vec![],
    }
}

/// Reads every file of the form, then imports the saved ones.
pub async fn upload(State(state): State<AppState>, mut form: Multipart) -> Result<Json<UploadReport>> {
    let dir = state.dir().join(UPLOADS_DIR);
    let mut early: Vec<(usize, FileReport)> = Vec::new();
    let mut saved: Vec<(usize, String, PathBuf)> = Vec::new();
    let mut n = 0;
    while let Some(mut field) = form.next_field().await.map_err(multipart_error)? {
        let Some(name) = field.file_name().map(str::to_string) else { continue };
        if n >= MAX_FILES {
            return Err(Error::TooLarge(format!("at most {MAX_FILES} files can be uploaded at once")));
        }
        let index = n;
        n += 1;
        let relative = match safe_relative(&name) {
            Ok(r) => r,
            Err(reason) => {
                early.push((index, refused(&name, reason)));
                continue;
            }
        };
        let mut bytes: Vec<u8> = Vec::new();
        let mut too_large = false;
        while let Some(chunk) = field.chunk().await.map_err(multipart_error)? {
            if bytes.len() + chunk.len() > DEFAULT_MAX_FILE_BYTES as usize {
                too_large = true;
                break;
            }
            bytes.extend_from_slice(&chunk);
        }
        if too_large {
            let mb = DEFAULT_MAX_FILE_BYTES / (1024 * 1024);
            early.push((index, refused(&name, format!("larger than the {mb} MB a file may have"))));
            continue;
        }
        let path = dir.join(&relative);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, &bytes));
        match written {
            Ok(()) => saved.push((index, name, path)),
            Err(e) => early.push((index, refused(&name, format!("cannot save the upload: {e}")))),
        }
    }
    if n == 0 {
        return Err(Error::BadRequest(
            "no file in the upload (send them as multipart form fields with a file name)".into(),
        ));
    }
    let report = state
        .with_documents_changed(move |project| {
            let paths: Vec<PathBuf> = saved.iter().map(|(_, _, p)| p.clone()).collect();
            let summary = import_paths(project, &paths, &ImportOptions::default(), &mut |_| {});
            // Reports name files as the importer shows paths; give each back
            // the name it was uploaded under.
            let by_path: std::collections::HashMap<String, (usize, String)> = saved
                .into_iter()
                .map(|(index, name, path)| {
                    let shown = std::fs::canonicalize(&path).unwrap_or(path);
                    (policyscope_corpus::import::escape_path(&shown), (index, name))
                })
                .collect();
            let mut files: Vec<(usize, FileReport)> = summary
                .files
                .into_iter()
                .map(|report| match by_path.get(&report.path) {
                    Some((index, name)) => (*index, FileReport { path: name.clone(), ..report }),
                    None => (usize::MAX, report),
                })
                .collect();
            files.extend(early);
            files.sort_by_key(|(index, _)| *index);
            let files: Vec<FileReport> = files.into_iter().map(|(_, r)| r).collect();
            let count = |f: fn(&Outcome) -> bool| files.iter().filter(|r| f(&r.outcome)).count();
            Ok(UploadReport {
                imported: count(|o| matches!(o, Outcome::Imported { .. } | Outcome::NewVersion { .. })),
                unchanged: count(|o| matches!(o, Outcome::Unchanged { .. } | Outcome::AddedPath { .. })),
                failed: count(|o| matches!(o, Outcome::Failed { .. })),
                skipped: count(|o| matches!(o, Outcome::Skipped { .. })),
                files,
            })
        })
        .await?;
    Ok(Json(report))
}

/// A malformed or over-long form as the API's JSON error: 413 with the
/// limit when the body is too large, else 400.
fn multipart_error(e: axum::extract::multipart::MultipartError) -> Error {
    if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        let mb = MAX_UPLOAD_BYTES / (1024 * 1024);
        Error::TooLarge(format!("the upload is larger than {mb} MB; send fewer or smaller files at a time"))
    } else {
        Error::BadRequest(format!("the upload could not be read: {}", e.body_text()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn folder_names_are_kept_and_escapes_refused() {
        assert_eq!(safe_relative("study/08-办法.md").ok(), Some(PathBuf::from("study/08-办法.md")));
        assert_eq!(safe_relative("./a\\b.txt").ok(), Some(PathBuf::from("a/b.txt")));
        // A root is dropped: the name stays inside the uploads folder.
        assert_eq!(safe_relative("/etc/passwd").ok(), Some(PathBuf::from("etc/passwd")));
        for bad in ["../x.md", "a/../../x.md", "", "/", "a\nb.md"] {
            assert!(safe_relative(bad).is_err(), "{bad:?}");
        }
    }

    proptest! {
        #[test]
        fn any_upload_name_stays_inside_the_uploads_folder(name in "\\\\PC{0,60}|[./\\\\a]{0,30}") {
            if let Ok(p) = safe_relative(&name) {
                prop_assert!(p.is_relative());
                prop_assert!(p.components().all(|c| matches!(c, Component::Normal(_))));
            }
        }
    }
}
