//! Functions shared by the integration tests.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The shared corpus beside the repository (a failed test when it is missing).
pub fn corpus() -> PathBuf {
    policyscope_testkit::shared_corpus()
}

/// A REFI-QDA schema from the shared specification folder (a failed test when it is missing).
pub fn schema(name: &str) -> PathBuf {
    policyscope_testkit::shared(&format!("spec/refi-qda/{name}"))
}

/// A zip of `(name, bytes)` entries.
pub fn zip_entries(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        zip.start_file(*name, opts).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// One entry of a zip.
pub fn unzip_entry(bytes: &[u8], name: &str) -> Vec<u8> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut f = z.by_name(name).unwrap();
    let mut out = Vec::new();
    f.read_to_end(&mut out).unwrap();
    out
}

/// Validates `xml` against `xsd` with xmllint; a missing xmllint fails the test.
pub fn xmllint(xml: &Path, xsd: &Path) {
    let xmllint = policyscope_testkit::require_tool("xmllint", "apt-get install -y libxml2-utils");
    let out = Command::new(xmllint).arg("--noout").arg("--schema").arg(xsd).arg(xml).output().unwrap();
    assert!(
        out.status.success(),
        "{} does not validate against {}:\n{}",
        xml.display(),
        xsd.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}
