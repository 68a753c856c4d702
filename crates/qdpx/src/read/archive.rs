//! Opening a `.qdpx` safely: entry names checked, sizes capped (by the
//! declared size before an entry is decompressed, then by the bytes actually
//! read), nothing written to disk.

use std::collections::HashMap;
use std::io::{Read, Seek};
use std::path::Path;

use zip::ZipArchive;

use crate::{Error, Result};

/// Caps on what an archive may unpack to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest single entry, uncompressed.
    pub max_entry_bytes: u64,
    /// Largest sum of all entries read, uncompressed.
    pub max_total_bytes: u64,
    /// Most entries in the archive.
    pub max_entries: usize,
}

impl Default for Limits {
    /// The limits that go with the document import's default file size.
    fn default() -> Self {
        Limits::for_max_file(policyscope_corpus::import::DEFAULT_MAX_FILE_BYTES)
    }
}

impl Limits {
    /// Limits that agree with a document import refusing files larger than
    /// `max_file_bytes`: no entry may be larger (each source becomes such a
    /// file), and all entries together at most sixteen times that.
    pub fn for_max_file(max_file_bytes: u64) -> Limits {
        Limits {
            max_entry_bytes: max_file_bytes,
            max_total_bytes: max_file_bytes.saturating_mul(16),
            max_entries: 100_000,
        }
    }
}

/// An opened archive: the project file's text and access to its sources.
pub(crate) struct Archive<R: Read + Seek> {
    zip: ZipArchive<R>,
    limits: Limits,
    read_so_far: u64,
    /// Lower-cased file name inside `sources/` (any case) → entry index.
    sources: HashMap<String, usize>,
    qde: usize,
    qde_name: String,
}

/// How source files are looked up: case-insensitive, GUID braces ignored
/// (a path may name `{guid}.txt` for a file stored as `guid.txt`).
fn source_key(file: &str) -> String {
    file.to_lowercase().replace(['{', '}'], "")
}

/// Whether a name could escape the folder it is unpacked into: the check
/// every zip container of the project (DOCX, OFD, QDPX) shares.
pub(crate) use policyscope_extract::unsafe_name;

impl<R: Read + Seek> Archive<R> {
    pub(crate) fn open(reader: R, path: &Path, limits: Limits) -> Result<Archive<R>> {
        let zip = ZipArchive::new(reader)
            .map_err(|e| Error::NotZip { path: path.to_path_buf(), message: e.to_string() })?;
        if zip.len() > limits.max_entries {
            return Err(Error::TooLarge {
                what: "number of entries".into(),
                size: zip.len() as u64,
                limit: limits.max_entries as u64,
            });
        }
        let mut archive =
            Archive { zip, limits, read_so_far: 0, sources: HashMap::new(), qde: 0, qde_name: String::new() };
        let mut qdes: Vec<(usize, String)> = Vec::new();
        let mut declared_total: u64 = 0;
        for i in 0..archive.zip.len() {
            let entry = archive
                .zip
                .by_index_raw(i)
                .map_err(|e| Error::NotZip { path: path.to_path_buf(), message: e.to_string() })?;
            let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
            if unsafe_name(&name) {
                return Err(Error::UnsafeEntry(name));
            }
            // Declared sizes first: nothing is decompressed to learn that
            // an entry is too large.
            if entry.size() > limits.max_entry_bytes {
                return Err(Error::TooLarge {
                    what: name,
                    size: entry.size(),
                    limit: limits.max_entry_bytes,
                });
            }
            declared_total = declared_total.saturating_add(entry.size());
            if entry.is_dir() {
                continue;
            }
            let lower = name.to_lowercase();
            if lower.ends_with(".qde") && !lower.starts_with("__macosx/") {
                qdes.push((i, name.clone()));
            }
            let mut parts = lower.rsplitn(2, '/');
            let file = parts.next().unwrap_or("");
            let dir = parts.next().unwrap_or("");
            if dir == "sources" || dir.ends_with("/sources") {
                archive.sources.insert(source_key(file), i);
            }
        }
        if declared_total > limits.max_total_bytes {
            return Err(Error::TooLarge {
                what: "total".into(),
                size: declared_total,
                limit: limits.max_total_bytes,
            });
        }
        match qdes.len() {
            1 => {
                let (i, name) = qdes.remove(0);
                archive.qde = i;
                archive.qde_name = name;
            }
            0 => return Err(Error::NoProjectFile("the archive holds no project file (*.qde)".into())),
            _ => {
                let names: Vec<String> = qdes.into_iter().map(|(_, n)| n).collect();
                return Err(Error::NoProjectFile(format!(
                    "the archive holds {} project files ({}); expected one",
                    names.len(),
                    names.join(", ")
                )));
            }
        }
        Ok(archive)
    }

    /// Name of the project file inside the archive.
    pub(crate) fn qde_name(&self) -> &str {
        &self.qde_name
    }

    /// Reads the project file's bytes.
    pub(crate) fn read_qde(&mut self) -> Result<Vec<u8>> {
        self.read_index(self.qde)
    }

    /// Reads `sources/<file>` (file name compared case-insensitively);
    /// `Ok(None)` when there is no such entry.
    pub(crate) fn read_source(&mut self, file: &str) -> Result<Option<Vec<u8>>> {
        match self.sources.get(&source_key(file)).copied() {
            Some(i) => self.read_index(i).map(Some),
            None => Ok(None),
        }
    }

    fn read_index(&mut self, i: usize) -> Result<Vec<u8>> {
        let limits = self.limits;
        let entry = self.zip.by_index(i).map_err(|e| Error::io("<qdpx entry>", std::io::Error::other(e)))?;
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        let remaining = limits.max_total_bytes.saturating_sub(self.read_so_far);
        let cap = limits.max_entry_bytes.min(remaining);
        let too_large = |size: u64, name: String| {
            if cap == limits.max_entry_bytes {
                Error::TooLarge { what: name, size, limit: limits.max_entry_bytes }
            } else {
                Error::TooLarge {
                    what: "total".to_string(),
                    size: self.read_so_far + size,
                    limit: limits.max_total_bytes,
                }
            }
        };
        // Refused by its declared size before anything is decompressed;
        // declared sizes can lie, so at most one byte past the cap is read.
        if entry.size() > cap {
            return Err(too_large(entry.size(), name));
        }
        let mut buf = Vec::with_capacity(usize::try_from(entry.size()).unwrap_or(0));
        entry.take(cap.saturating_add(1)).read_to_end(&mut buf).map_err(|e| Error::io(&name, e))?;
        let got = buf.len() as u64;
        if got > cap {
            return Err(too_large(got, name));
        }
        self.read_so_far += got;
        Ok(buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_names() {
        for bad in ["../x", "a/../../x", "/etc/passwd", "\\windows", "C:/x", "sources/..", "a\0b"] {
            assert!(unsafe_name(bad), "{bad}");
        }
        for ok in ["project.qde", "Sources/abc.txt", "a..b/c", "x/.../y"] {
            assert!(!unsafe_name(ok), "{ok}");
        }
    }
}
