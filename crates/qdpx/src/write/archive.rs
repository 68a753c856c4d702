//! The `.qdpx` zip: `project.qde` plus `sources/<guid>.txt` (and
//! `sources/<guid>.pdf` for sources carrying their PDF), with fixed
//! timestamps and permissions so the same project gives the same bytes.

use std::io::{Cursor, Write};
use std::path::Path;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::project::project_xml;
use crate::model::QdaProject;
use crate::{Error, Result};

fn options() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644)
}

/// The archive as bytes.
pub fn qdpx_bytes(project: &QdaProject) -> Result<Vec<u8>> {
    let zip_err = |e: zip::result::ZipError| Error::io("<qdpx>", std::io::Error::other(e));
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("project.qde", options()).map_err(zip_err)?;
    zip.write_all(project_xml(project).as_bytes()).map_err(|e| Error::io("project.qde", e))?;
    for s in &project.sources {
        let name = format!("sources/{}.txt", s.guid);
        zip.start_file(name.as_str(), options()).map_err(zip_err)?;
        zip.write_all(s.text.as_bytes()).map_err(|e| Error::io(&name, e))?;
        if let Some(pdf) = &s.pdf {
            let name = format!("sources/{}.pdf", pdf.guid);
            zip.start_file(name.as_str(), options()).map_err(zip_err)?;
            zip.write_all(&pdf.bytes).map_err(|e| Error::io(&name, e))?;
        }
    }
    Ok(zip.finish().map_err(zip_err)?.into_inner())
}

/// Writes the archive to `path` (through a temporary file beside it, so a
/// failure never leaves a half-written archive under the final name).
pub fn write_qdpx(project: &QdaProject, path: &Path) -> Result<()> {
    let bytes = qdpx_bytes(project)?;
    write_atomically(path, &bytes)
}

pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut tmp_name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    tmp_name.push(".partial");
    let tmp = path.with_file_name(tmp_name);
    std::fs::write(&tmp, bytes).map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e))
}
