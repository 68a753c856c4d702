//! Snapshots of the Markdown summary and of the codes table for a small
//! made-up corpus (three documents citing each other), auto-coded with the
//! fixture codebook.

use std::path::PathBuf;

use policyscope_coding::{run_codebook, Codebook, CodingStore, RunOptions};
use policyscope_corpus::import::{import_paths, ImportOptions};
use policyscope_corpus::Project;
use policyscope_report::{build_markdown, build_site, ReportOptions};

fn options(out: PathBuf) -> ReportOptions {
    ReportOptions { title: Some("Mini study".into()), ..ReportOptions::new(out) }
}

#[test]
fn markdown_and_table_snapshots() {
    let tmp = tempfile::tempdir().unwrap();
    let mut project = Project::init(&tmp.path().join("p")).unwrap();
    let docs = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mini"));
    let imported = import_paths(&mut project, &[docs], &ImportOptions::default(), &mut |_| {});
    assert_eq!(imported.imported(), 3);
    let store = CodingStore::open(&project).unwrap();
    let book = Codebook::parse(include_str!("fixtures/codebook.toml")).unwrap();
    run_codebook(&store, &book, RunOptions::default(), &mut |_, _| {}).unwrap();

    let md = build_markdown(&project, &options(tmp.path().join("md"))).unwrap();
    insta::assert_snapshot!("markdown", std::fs::read_to_string(md.index).unwrap());

    build_site(&project, &options(tmp.path().join("site"))).unwrap();
    let table = std::fs::read_to_string(tmp.path().join("site/table.html")).unwrap();
    let start = table.find("<table class=\"table4\">").unwrap();
    let end = start + table[start..].find("</table>").unwrap() + "</table>".len();
    // One row per line for a readable snapshot.
    insta::assert_snapshot!("table4", table[start..end].replace("<tr>", "\n<tr>"));
}
