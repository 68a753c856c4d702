//! Helpers shared by the integration tests.

use std::path::PathBuf;

use policyscope_corpus::import::{import_paths, ImportOptions, Outcome};
use policyscope_corpus::{Catalog, Project};

/// The shared corpus (a failed test when it is missing).
#[allow(dead_code)]
pub fn corpus() -> PathBuf {
    policyscope_testkit::shared_corpus()
}

/// A new project in a temporary folder with `files` imported.
pub fn project_with(files: &[PathBuf], catalog: Option<Catalog>) -> (tempfile::TempDir, Project) {
    let dir = tempfile::tempdir().unwrap();
    let mut project = Project::init(&dir.path().join("p")).unwrap();
    let options = ImportOptions { catalog, ..ImportOptions::default() };
    let summary = import_paths(&mut project, files, &options, &mut |_| {});
    let failed: Vec<_> =
        summary.files.iter().filter(|f| matches!(f.outcome, Outcome::Failed { .. })).collect();
    assert!(failed.is_empty(), "{failed:?}");
    (dir, project)
}

/// The id of the document found at a path ending in `suffix`.
#[allow(dead_code)]
pub fn id_at(project: &Project, suffix: &str) -> i64 {
    project
        .documents(false)
        .unwrap()
        .into_iter()
        .find(|d| d.paths.iter().any(|p| p.ends_with(suffix)))
        .unwrap_or_else(|| panic!("no document at {suffix}"))
        .id
}
