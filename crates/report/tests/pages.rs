//! The report of a paged document (OFD): page markers on its document page,
//! `p. N` beside its excerpts; a text file's pages show neither.

#[path = "../../extract/tests/common/mod.rs"]
mod common;

use std::path::Path;

use common::paged::{self, BOOK, ON_PAGE_TWO};
use policyscope_coding::{run_codebook, Codebook, CodingStore, RunOptions};
use policyscope_corpus::import::{import_paths, ImportOptions};
use policyscope_corpus::Project;
use policyscope_report::{build_site, ReportOptions};

/// Imports a three-page OFD (the phrase on page 2) and a text file holding
/// the phrase, and codes both.
fn coded_project(dir: &Path) -> Project {
    let [ofd, md] = paged::write(dir);

    let mut project = Project::init(&dir.join("p")).unwrap();
    let summary = import_paths(&mut project, &[ofd, md], &ImportOptions::default(), &mut |_| {});
    assert_eq!((summary.imported(), summary.failed()), (2, 0), "{:#?}", summary.files);
    let store = CodingStore::open(&project).unwrap();
    run_codebook(&store, &Codebook::parse(BOOK).unwrap(), RunOptions::default(), &mut |_, _| {}).unwrap();
    project
}

#[test]
fn paged_documents_show_page_markers_and_excerpt_pages_in_the_site() {
    let tmp = tempfile::tempdir().unwrap();
    let project = coded_project(tmp.path());
    let out = tmp.path().join("site");
    build_site(&project, &ReportOptions::new(&out)).unwrap();
    let docs = project.documents(false).unwrap();
    let id_of = |name: &str| docs.iter().find(|d| d.source_path.ends_with(name)).map(|d| d.id).unwrap();
    let (paged, plain) = (id_of("paged.ofd"), id_of("plain.md"));
    let read = |rel: String| std::fs::read_to_string(out.join(&rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));

    // A marker where each page starts, in page order, the coded passage
    // between the markers of pages 2 and 3 and still highlighted.
    let page = read(format!("docs/{paged}.html"));
    let at = |needle: &str| page.find(needle).unwrap_or_else(|| panic!("no {needle} in the document page"));
    let marks: Vec<usize> =
        (1..=3).map(|n| at(&format!("<div class=\"page-mark\" id=\"page{n}\">p. {n}</div>"))).collect();
    assert_eq!(page.matches("class=\"page-mark\"").count(), 3);
    let passage = at(ON_PAGE_TWO);
    assert!(marks[0] < marks[1] && marks[1] < passage && passage < marks[2], "{marks:?} {passage}");
    assert!(page[marks[1]..marks[2]].contains("<mark class=\"one\""), "the coded passage is highlighted");
    assert!(!read(format!("docs/{plain}.html")).contains("page-mark"), "a text file has no pages");

    // The code's page quotes the OFD excerpt with its page, the text file's without.
    let store = CodingStore::open(&project).unwrap();
    let code = store.codes().unwrap().into_iter().find(|c| c.name == "Assessment").unwrap();
    let codes = read(format!("codes/{}.html", code.id));
    assert_eq!(codes.matches("<blockquote class=\"excerpt\"").count(), 2, "{codes}");
    assert_eq!(codes.matches("<span class=\"page-ref\">p. 2</span>").count(), 1, "{codes}");
    assert_eq!(codes.matches("page-ref").count(), 1, "only the paged document's excerpt has a page");
    let cite = |id: i64| {
        let at = codes.find(&format!("../docs/{id}.html#c")).unwrap();
        codes[at..].split("</cite>").next().unwrap_or("").to_string()
    };
    assert!(cite(paged).contains("p. 2"), "{}", cite(paged));
    assert!(!cite(plain).contains("p. "), "{}", cite(plain));
}
