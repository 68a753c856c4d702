//! Reading `.qdpx` archives and `.qdc` codebooks.

pub(crate) mod archive;
mod codebook;
mod dom;
mod offsets;
mod project;
mod refs;
mod source;

use std::io::{Cursor, Read, Seek};
use std::path::Path;

pub use archive::Limits;
pub use codebook::read_qdc;
pub use project::{read_qde, SourceLoader};

use crate::model::QdaProject;
use crate::{Error, Report, Result};

/// Reads a `.qdpx` file.
pub fn read_qdpx(path: &Path, limits: Limits) -> Result<(QdaProject, Report)> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    read_qdpx_from(std::io::BufReader::new(file), path, limits)
}

/// Reads a `.qdpx` archive held in memory.
pub fn read_qdpx_bytes(bytes: &[u8], limits: Limits) -> Result<(QdaProject, Report)> {
    read_qdpx_from(Cursor::new(bytes), Path::new("<memory>"), limits)
}

fn read_qdpx_from<R: Read + Seek>(reader: R, path: &Path, limits: Limits) -> Result<(QdaProject, Report)> {
    let mut archive = archive::Archive::open(reader, path, limits)?;
    let qde = archive.read_qde()?;
    let qde_name = archive.qde_name().to_string();
    let mut load = |file: &str| archive.read_source(file);
    let (project, mut report) = read_qde(&qde, &mut load)?;
    if !qde_name.eq_ignore_ascii_case("project.qde") {
        report.warn(format!("project file read from {qde_name:?}"));
    }
    Ok((project, report))
}
