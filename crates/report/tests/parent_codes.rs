//! A parent code's page lists the passages of the codes below it, each in
//! its own code's colour, as the app's review list of a parent does.

use policyscope_coding::{run_codebook, Codebook, CodingStore, RunOptions};
use policyscope_corpus::import::{import_paths, ImportOptions};
use policyscope_corpus::Project;
use policyscope_report::{build_site, ReportOptions};

const BOOK: &str = "[codebook]\nname = \"mini\"\nversion = \"1\"\n\
    [[code]]\nname = \"Goal\"\nfolder = true\n\
    [[code]]\nname = \"Global\"\nparent = \"Goal\"\ncolour = \"#aa0000\"\n[[code.rule]]\nterms = [\"国际标准\"]\n\
    [[code]]\nname = \"Market\"\nparent = \"Goal\"\ncolour = \"#00aa00\"\n[[code.rule]]\nterms = [\"团体标准\"]\n";

#[test]
fn a_parent_code_page_lists_its_sub_codes_passages() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join("a(2019-01-01).md"), "# 甲\n\n参与国际标准。\n\n发展团体标准。\n").unwrap();
    let mut project = Project::init(&tmp.path().join("p")).unwrap();
    assert_eq!(import_paths(&mut project, &[docs], &ImportOptions::default(), &mut |_| {}).imported(), 1);
    let store = CodingStore::open(&project).unwrap();
    run_codebook(&store, &Codebook::parse(BOOK).unwrap(), RunOptions::default(), &mut |_, _| {}).unwrap();
    let goal = store.code_by_path("Goal").unwrap().unwrap();

    let out = tmp.path().join("site");
    build_site(&project, &ReportOptions::new(&out)).unwrap();
    let page = std::fs::read_to_string(out.join(format!("codes/{}.html", goal.id))).unwrap();
    assert!(page.contains("参与国际标准。") && page.contains("发展团体标准。"), "{page}");
    assert!(page.contains("2 coded passages of this code and the codes below it"), "{page}");
    assert!(
        page.contains("--c:#aa0000") && page.contains("--c:#00aa00"),
        "each passage in its code's colour"
    );
}
