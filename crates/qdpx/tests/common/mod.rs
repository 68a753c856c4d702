//! Functions shared by the integration tests.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The shared corpus beside the repository.
pub fn corpus() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus"))
}

/// The REFI-QDA schemas.
pub fn schema(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/spec/refi-qda")).join(name)
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

/// Validates `xml` against `xsd` with xmllint when it is installed; in CI
/// (`CI=true`) a missing xmllint fails the test.
pub fn xmllint(xml: &Path, xsd: &Path) {
    let found = Command::new("xmllint").arg("--version").output().is_ok();
    if !found {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("xmllint is required in CI (apt-get install -y libxml2-utils)");
        }
        eprintln!("xmllint not installed; schema validation skipped");
        return;
    }
    let out = Command::new("xmllint").arg("--noout").arg("--schema").arg(xsd).arg(xml).output().unwrap();
    assert!(
        out.status.success(),
        "{} does not validate against {}:\n{}",
        xml.display(),
        xsd.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}
