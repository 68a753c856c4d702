//! Excerpts of a paged document (OFD) carry the page their passage starts
//! on; excerpts of a text file carry none.

#[path = "../../extract/tests/common/mod.rs"]
mod common;

use std::path::Path;

use common::paged::{self, BOOK};
use policyscope_coding::{run_codebook, Codebook, CodingFilter, CodingStore, RunOptions};
use policyscope_corpus::import::{import_paths, ImportOptions, Outcome};
use policyscope_corpus::Project;
use policyscope_query::{excerpts, Selection};

/// Imports a three-page OFD (the phrase on page 2) and a text file holding
/// the phrase, then codes both; returns the project and the OFD's id.
fn coded_project(dir: &Path) -> (Project, i64) {
    let [ofd, md] = paged::write(dir);

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
