//! The published-format fixtures, made at test time by
//! `scripts/make-format-fixtures.sh` (shared by the extract, corpus and
//! command-line tests; no dependency beyond the test kit).

use std::path::{Path, PathBuf};
use std::process::Command;

use policyscope_testkit::require_tool;

/// How many corpus texts the fixtures are made from.
pub const FIXTURES: usize = 20;

/// The fixture folder, made (once per script version) by
/// `scripts/make-format-fixtures.sh` from `../shared/corpus`; fails loudly
/// when a tool or the corpus is missing (the script names what to install).
pub fn fixtures() -> PathBuf {
    require_tool("soffice", "apt-get install -y libreoffice-writer-nogui");
    require_tool("fc-list", "apt-get install -y fontconfig");
    // Found from the crate that includes this module: both sit two levels below the root.
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/make-format-fixtures.sh");
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("format-fixtures");
    let status = Command::new(&script)
        .arg(&out)
        .arg(FIXTURES.to_string())
        .status()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", script.display()));
    assert!(status.success(), "{} failed ({status}); see its message above", script.display());
    out
}

/// Fixture names (`fx01` …), in order.
pub fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str().and_then(|n| n.strip_suffix(".txt")).map(str::to_string))
        .collect();
    names.sort();
    assert_eq!(names.len(), FIXTURES, "expected {FIXTURES} fixtures in {}", dir.display());
    names
}
