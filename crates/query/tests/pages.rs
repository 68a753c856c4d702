//! Excerpts of a paged document (OFD) carry the page their passage starts
//! on; excerpts of a text file carry none.

#[path = "../../extract/tests/common/mod.rs"]
mod common;

use std::path::Path;

use common::ofd_writer;
use policyscope_coding::{run_codebook, Codebook, CodingFilter, CodingStore, RunOptions};
use policyscope_corpus::import::{import_paths, ImportOptions, Outcome};
use policyscope_corpus::Project;
use policyscope_query::{excerpts, Selection};

/// A phrase written once, on the second of three pages.
const ON_PAGE_TWO: &str = "开展数据出境安全评估";

const BOOK: &str = r#"
[codebook]
name = "pages"
version = "1"

[[code]]
name = "Assessment"
rule = [{ terms = ["数据出境安全评估"] }]
"#;

/// Imports a three-page OFD (the phrase on page 2) and a text file holding
/// the phrase, then codes both; returns the project and the OFD's id.
fn coded_project(dir: &Path) -> (Project, i64) {
    let mut paragraphs = vec!["关于页码测试的通知".to_string()];
    // One line per paragraph, 38 lines per page: 50 lands on page 2.
    paragraphs.extend((1..=90).map(|n| match n {
        50 => format!("第{n}条 {ON_PAGE_TWO}。"),
        _ => format!("第{n}条 国家加强标准化工作。"),
    }));
    let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
    let written = ofd_writer::write(&refs);
    assert_eq!(written.pages.len(), 3, "the fixture should lay out three pages");
    assert!(written.pages[1].contains(ON_PAGE_TWO), "the phrase should sit on page 2 of the fixture");
    let ofd = dir.join("paged.ofd");
    std::fs::write(&ofd, &written.bytes).unwrap();
    let md = dir.join("plain.md");
    std::fs::write(&md, format!("# 关于无页码文本的通知\n\n第一条 {ON_PAGE_TWO}。\n")).unwrap();

    let mut project = Project::init(&dir.join("p")).unwrap();
    let summary = import_paths(&mut project, &[ofd, md], &ImportOptions::default(), &mut |_| {});
    assert_eq!((summary.imported(), summary.failed()), (2, 0), "{:#?}", summary.files);
    let id = summary
        .files
        .iter()
        .find(|r| r.path.ends_with("paged.ofd"))
        .and_then(|r| match r.outcome {
            Outcome::Imported { id } => Some(id),
            _ => None,
        })
        .expect("the OFD should be imported");
    assert_eq!(project.pages(id).unwrap().len(), 3);
    let store = CodingStore::open(&project).unwrap();
    run_codebook(&store, &Codebook::parse(BOOK).unwrap(), RunOptions::default(), &mut |_, _| {}).unwrap();
    (project, id)
}

#[test]
fn excerpts_of_a_paged_document_give_the_page_in_json_and_text() {
    let tmp = tempfile::tempdir().unwrap();
    let (project, paged) = coded_project(tmp.path());
    let store = CodingStore::open(&project).unwrap();
    let sel = Selection::load(&store, &CodingFilter::not_rejected()).unwrap();
    let xs = excerpts(&store, &sel, 8).unwrap();
    assert_eq!(xs.len(), 2, "{xs:#?}");
    let (on_pages, plain): (Vec<_>, Vec<_>) = xs.iter().partition(|x| x.document.id == paged);
    let (x, p) = (on_pages[0], plain[0]);
    assert_eq!(project.page_at(paged, x.start).unwrap(), Some(2), "the coding should start on page 2");

    let json = serde_json::to_value(&xs).unwrap();
    let of = |id: i64| json.as_array().unwrap().iter().find(|v| v["document"]["id"] == id).unwrap().clone();
    assert_eq!(of(paged)["page"], 2);
    assert!(of(p.document.id).get("page").is_none(), "a text file has no page");

    let text = policyscope_query::excerpts::to_text(&xs);
    let line_of = |id: i64| {
        text.lines()
            .find(|l| l.contains(&format!("| doc {id} ")))
            .unwrap_or_else(|| panic!("{text}"))
            .to_string()
    };
    assert!(line_of(paged).contains(" p. 2 ["), "{text}");
    assert!(!line_of(p.document.id).contains(" p. "), "{text}");
}
