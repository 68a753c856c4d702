//! Reading zip containers (DOCX, OFD) safely: entry names checked, sizes
//! capped by what is actually inflated (declared sizes can lie), nothing
//! written to disk.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use zip::ZipArchive;

use crate::{Error, Limits, Result};

/// Most entries a container may hold.
const MAX_ENTRIES: usize = 100_000;

/// Whether a zip entry name could escape the folder it is unpacked into
/// (absolute, drive letter, `..`, NUL).
pub fn unsafe_name(name: &str) -> bool {
    let n = name.replace('\\', "/");
    n.starts_with('/')
        || n.as_bytes().get(1) == Some(&b':')
        || n.split('/').any(|part| part == "..")
        || n.contains('\0')
}

/// An opened container.
pub(crate) struct Container<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    format: &'static str,
    limits: Limits,
    read_so_far: u64,
    /// Entry name (as stored, `/`-separated) → index.
    names: HashMap<String, usize>,
}

impl<'a> Container<'a> {
    /// Opens `bytes` as a zip; `format` names the format in errors.
    pub(crate) fn open(bytes: &'a [u8], format: &'static str, limits: &Limits) -> Result<Container<'a>> {
        let mut zip =
            ZipArchive::new(Cursor::new(bytes)).map_err(|e| Error::corrupt(format, e.to_string()))?;
        if zip.len() > MAX_ENTRIES {
            return Err(Error::TooLarge {
                what: "number of entries".into(),
                size: zip.len() as u64,
                limit: MAX_ENTRIES as u64,
            });
        }
        let mut names = HashMap::new();
        for i in 0..zip.len() {
            let entry = zip.by_index_raw(i).map_err(|e| Error::corrupt(format, e.to_string()))?;
            let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
            if unsafe_name(&name) {
                return Err(Error::UnsafeEntry(name));
            }
            if !entry.is_dir() {
                names.insert(name.replace('\\', "/"), i);
            }
        }
        Ok(Container { zip, format, limits: *limits, read_so_far: 0, names })
    }

    /// Whether an entry exists (exact name).
    pub(crate) fn has(&self, name: &str) -> bool {
        self.names.contains_key(name)
    }

    /// Reads an entry (exact name, a leading `/` ignored); `Ok(None)` when absent.
    pub(crate) fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>> {
        let name = name.trim_start_matches('/');
        let Some(&i) = self.names.get(name) else { return Ok(None) };
        let cap =
            self.limits.max_entry_bytes.min(self.limits.max_total_bytes.saturating_sub(self.read_so_far));
        let entry = self.zip.by_index(i).map_err(|e| Error::corrupt(self.format, e.to_string()))?;
        let mut buf = Vec::new();
        entry
            .take(cap.saturating_add(1))
            .read_to_end(&mut buf)
            .map_err(|e| Error::corrupt(self.format, format!("{name}: {e}")))?;
        if buf.len() as u64 > cap {
            let (what, limit) = if cap == self.limits.max_entry_bytes {
                (format!("archive entry {name}"), self.limits.max_entry_bytes)
            } else {
                ("the archive's content".to_string(), self.limits.max_total_bytes)
            };
            return Err(Error::TooLarge { what, size: self.read_so_far + buf.len() as u64, limit });
        }
        self.read_so_far += buf.len() as u64;
        Ok(Some(buf))
    }

    /// Reads an entry that must exist.
    pub(crate) fn require(&mut self, name: &str) -> Result<Vec<u8>> {
        let format = self.format;
        self.read(name)?.ok_or_else(|| Error::corrupt(format, format!("missing {name}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_escape_are_unsafe() {
        for bad in ["../x", "a/../../x", "/etc/passwd", "\\windows", "C:/x", "a\0b"] {
            assert!(unsafe_name(bad), "{bad}");
        }
        for ok in ["word/document.xml", "Doc_0/Pages/Page_0/Content.xml", "a..b/c"] {
            assert!(!unsafe_name(ok), "{ok}");
        }
    }

    #[test]
    fn non_zip_bytes_are_a_clear_error() {
        let e = Container::open(b"not a zip", "DOCX", &Limits::default()).err();
        assert!(matches!(e, Some(Error::Corrupt { format: "DOCX", .. })), "{e:?}");
    }
}
