//! Import: encodings, de-duplication, versions and bad input.

use std::path::PathBuf;

use policyscope_corpus::import::{import_paths, ImportOptions, ImportSummary, Outcome};
use policyscope_corpus::{Catalog, Project};

use policyscope_testkit::{shared, shared_corpus};

fn import(project: &mut Project, paths: &[PathBuf]) -> ImportSummary {
    import_paths(project, paths, &ImportOptions::default(), &mut |_| {})
}

fn new_project() -> (tempfile::TempDir, Project) {
    let dir = tempfile::tempdir().unwrap();
    let project = Project::init(&dir.path().join("p")).unwrap();
    (dir, project)
}

#[test]
fn gb18030_copy_imports_to_the_same_text() {
    let original = shared_corpus().join("study/14-personal-information-protection-law-2021.md");
    let text = std::fs::read_to_string(&original).unwrap();
    let (dir, mut project) = new_project();
    let (gb, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    let copy = dir.path().join("pipl-gb18030.txt");
    std::fs::write(&copy, &gb).unwrap();
    let summary = import(&mut project, &[original, copy]);
    assert_eq!(summary.failed(), 0, "{:?}", summary.files);
    assert!(matches!(summary.files[0].outcome, Outcome::Imported { .. }));
    // Same decoded text: one document remembering both paths.
    assert!(matches!(summary.files[1].outcome, Outcome::AddedPath { .. }), "{:?}", summary.files[1]);
    assert_eq!(summary.files[1].encoding.as_deref(), Some("gb18030"));
    let docs = project.documents(false).unwrap();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].paths.len(), 2);
    assert_eq!(project.document(docs[0].id).unwrap().text, text);
}

#[test]
fn reimport_is_a_no_op_and_a_changed_file_is_a_new_version() {
    let (dir, mut project) = new_project();
    let folder = dir.path().join("docs");
    std::fs::create_dir_all(folder.join("a")).unwrap();
    std::fs::create_dir_all(folder.join("b")).unwrap();
    // Duplicate file names in different folders are different documents.
    std::fs::write(folder.join("a/通知.txt"), "关于甲的通知\n\n正文甲。").unwrap();
    std::fs::write(folder.join("b/通知.txt"), "关于乙的通知\n\n正文乙。").unwrap();
    let first = import(&mut project, std::slice::from_ref(&folder));
    assert_eq!((first.imported(), first.failed()), (2, 0));
    let second = import(&mut project, std::slice::from_ref(&folder));
    assert_eq!((second.imported(), second.unchanged(), second.changed()), (0, 2, false));

    std::fs::write(folder.join("a/通知.txt"), "关于甲的通知\n\n正文甲，已修改。").unwrap();
    let third = import(&mut project, std::slice::from_ref(&folder));
    let new_version = third.files.iter().find_map(|f| match f.outcome {
        Outcome::NewVersion { id, previous } => Some((id, previous)),
        _ => None,
    });
    let (id, previous) = new_version.expect("a new version");
    assert_eq!(project.documents(false).unwrap().len(), 2);
    assert_eq!(project.documents(true).unwrap().len(), 3);
    let meta = project.document_meta(id).unwrap();
    assert_eq!(meta.previous_version, Some(previous));
    assert!(project.document_meta(previous).unwrap().superseded);
}

#[test]
fn bad_input_is_reported_per_file_and_nothing_else_is_lost() {
    let (dir, mut project) = new_project();
    let d = dir.path();
    std::fs::write(d.join("good.md"), "# 好文件\n\n2021年8月20日\n\n正文。").unwrap();
    std::fs::write(d.join("empty.txt"), "").unwrap();
    std::fs::write(d.join("binary.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").unwrap();
    std::fs::write(d.join("invalid.txt"), b"abc \xff\xfe\xfd \xc3\x28 \xe2\x28\xa1 \x80\x81\x82\x83\x84\x85")
        .unwrap();
    std::fs::write(d.join("big.txt"), "大".repeat(400_000)).unwrap();
    std::fs::write(d.join("notitle.txt"), "第一条 没有标题的文件，只有正文。").unwrap();
    let missing = d.join("does-not-exist.md");
    let options = ImportOptions { max_file_bytes: 1024 * 1024, ..ImportOptions::default() };
    let names = ["good.md", "empty.txt", "binary.txt", "invalid.txt", "big.txt", "notitle.txt"];
    let mut paths: Vec<PathBuf> = names.iter().map(|n| d.join(n)).collect();
    paths.push(missing);
    let summary = import_paths(&mut project, &paths, &options, &mut |_| {});
    let reason = |name: &str| {
        summary
            .files
            .iter()
            .find(|f| f.path.ends_with(name))
            .map(|f| match &f.outcome {
                Outcome::Failed { reason } => reason.clone(),
                other => format!("not failed: {other:?}"),
            })
            .unwrap()
    };
    assert!(reason("empty.txt").contains("empty"), "{}", reason("empty.txt"));
    assert!(reason("binary.txt").contains("binary"), "{}", reason("binary.txt"));
    assert!(reason("invalid.txt").contains("invalid byte"), "{}", reason("invalid.txt"));
    assert!(reason("big.txt").contains("larger than the limit"), "{}", reason("big.txt"));
    assert!(reason("does-not-exist.md").contains("cannot read"), "{}", reason("does-not-exist.md"));
    assert_eq!(summary.failed(), 5);
    assert_eq!(summary.imported(), 2);
    let docs = project.documents(false).unwrap();
    let good = docs.iter().find(|d| d.title == "好文件").unwrap();
    assert_eq!(good.date.map(|d| d.to_string()).as_deref(), Some("2021-08-20"));
    let untitled = docs.iter().find(|d| d.title == "notitle").unwrap();
    assert!(summary.files.iter().any(|f| f.path.ends_with("notitle.txt") && !f.warnings.is_empty()));
    // Passages were stored with the document, in code points.
    let passages = project.passages(untitled.id, None).unwrap();
    assert_eq!(passages.len(), 2);
    assert_eq!(passages[0].end as usize, "第一条 没有标题的文件，只有正文。".chars().count());
}

#[test]
fn catalog_fills_missing_metadata() {
    let (_dir, mut project) = new_project();
    let catalog = Catalog::load(&shared("domain/catalog.tsv")).unwrap();
    let options = ImportOptions { catalog: Some(catalog), ..ImportOptions::default() };
    let file = shared_corpus().join("study/08-generative-ai-services-interim-measures-2023.md");
    let summary = import_paths(&mut project, &[file], &options, &mut |_| {});
    assert_eq!(summary.imported(), 1);
    let doc = &project.documents(false).unwrap()[0];
    assert_eq!(doc.title, "生成式人工智能服务管理暂行办法");
    assert_eq!(doc.date.map(|d| d.to_string()).as_deref(), Some("2023-07"));
    assert_eq!(doc.catalog_no.as_deref(), Some("08"));
    assert_eq!(doc.doc_type.as_deref(), Some("暂行办法"));
    assert!(doc.title_en.as_deref().unwrap_or("").contains("Generative"));
}

#[test]
fn reopening_applies_no_migration_twice() {
    let (dir, project) = new_project();
    drop(project);
    let again = Project::open(&dir.path().join("p")).unwrap();
    assert!(again.documents(true).unwrap().is_empty());
    assert!(Project::open(&dir.path().join("nowhere")).is_err());
    assert!(Project::init(&dir.path().join("p")).is_err());
}
