//! Files and folders that cannot be imported: each one is named with its
//! reason, names are escaped, and the rest of the batch is imported.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use policyscope_corpus::import::{import_paths, ImportOptions, ImportSummary, Outcome};
use policyscope_corpus::Project;

fn new_project() -> (tempfile::TempDir, Project) {
    let dir = tempfile::tempdir().unwrap();
    let project = Project::init(&dir.path().join("p")).unwrap();
    (dir, project)
}

fn import(project: &mut Project, path: &Path) -> ImportSummary {
    import_paths(project, &[path.to_path_buf()], &ImportOptions::default(), &mut |_| {})
}

/// A folder holding one good document.
fn folder_with_a_good_file(dir: &Path) -> PathBuf {
    let folder = dir.join("docs");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("good.txt"), "关于标准化工作的通知\n\n第一条 正文。").unwrap();
    folder
}

/// The reason a file whose reported path contains `needle` failed.
fn failure(summary: &ImportSummary, needle: &str) -> String {
    summary
        .files
        .iter()
        .find_map(|f| match &f.outcome {
            Outcome::Failed { reason } if f.path.contains(needle) => Some(reason.clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no failure named {needle:?} in {:?}", summary.files))
}

#[test]
fn deeply_nested_html_fails_alone_and_the_rest_of_its_folder_is_imported() {
    let (dir, mut project) = new_project();
    let folder = folder_with_a_good_file(dir.path());
    let deep = format!("<html><body>{}深{}</body></html>", "<div>".repeat(30_000), "</div>".repeat(30_000));
    std::fs::write(folder.join("deep.html"), deep).unwrap();
    let summary = import(&mut project, &folder);
    assert_eq!((summary.imported(), summary.failed()), (1, 1), "{:?}", summary.files);
    assert!(failure(&summary, "deep.html").contains("HTML nested deeper than 256 elements"));
}

#[test]
fn dangling_symlink_is_named_as_a_failure() {
    let (dir, mut project) = new_project();
    let folder = folder_with_a_good_file(dir.path());
    std::os::unix::fs::symlink(dir.path().join("nowhere.txt"), folder.join("dangling.txt")).unwrap();
    let summary = import(&mut project, &folder);
    assert_eq!((summary.imported(), summary.failed()), (1, 1), "{:?}", summary.files);
    assert!(failure(&summary, "dangling.txt").contains("dangling symbolic link"));
}

#[test]
fn symlink_loop_is_named_as_a_failure() {
    let (dir, mut project) = new_project();
    let folder = folder_with_a_good_file(dir.path());
    std::fs::create_dir(folder.join("sub")).unwrap();
    std::os::unix::fs::symlink(&folder, folder.join("sub/back")).unwrap();
    let summary = import(&mut project, &folder);
    assert_eq!((summary.imported(), summary.failed()), (1, 1), "{:?}", summary.files);
    let reason = failure(&summary, "back");
    assert!(reason.contains("symbolic link loop") && reason.contains("docs"), "{reason}");
}

#[test]
fn name_with_a_newline_is_escaped_in_the_report_and_stored_as_is() {
    let (dir, mut project) = new_project();
    let folder = dir.path().join("docs");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("通知\nfailed: forged.txt"), "关于标准化工作的通知\n\n第一条 正文。").unwrap();
    let summary = import(&mut project, &folder);
    assert_eq!(summary.imported(), 1, "{:?}", summary.files);
    let report = &summary.files[0];
    assert!(report.path.ends_with("通知\\nfailed: forged.txt\""), "{}", report.path);
    assert!(!report.path.contains('\n'));
    let docs = project.documents(false).unwrap();
    assert!(docs[0].paths.iter().any(|p| p.ends_with("通知\nfailed: forged.txt")), "{:?}", docs[0].paths);
}

#[test]
fn name_with_invalid_utf8_is_escaped_and_its_stored_form_reported() {
    let (dir, mut project) = new_project();
    let folder = dir.path().join("docs");
    std::fs::create_dir_all(&folder).unwrap();
    let name = OsStr::from_bytes(b"notice-\xFF\xFE.txt");
    std::fs::write(folder.join(name), "关于标准化工作的通知\n\n第一条 正文。").unwrap();
    let summary = import(&mut project, &folder);
    assert_eq!(summary.imported(), 1, "{:?}", summary.files);
    let report = &summary.files[0];
    assert!(report.path.ends_with("notice-\\xFF\\xFE.txt\""), "{}", report.path);
    assert!(report.warnings.iter().any(|w| w.contains("not valid UTF-8")), "{:?}", report.warnings);
    let docs = project.documents(false).unwrap();
    assert!(docs[0].paths.iter().any(|p| p.ends_with("notice-\u{FFFD}\u{FFFD}.txt")), "{:?}", docs[0].paths);
}
