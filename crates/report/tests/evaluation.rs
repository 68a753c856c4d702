//! The codebook evaluation page: written, and linked from the codebook page,
//! only when the project holds an evaluation, with its figures.

use policyscope_agree::evaluate::{stored, Scope};
use policyscope_agree::{evaluate, EvaluateOptions, Unit};
use policyscope_coding::{run_codebook, Codebook, CodingFilter, CodingStore, RunOptions};
use policyscope_corpus::import::{import_paths, ImportOptions};
use policyscope_corpus::Project;
use policyscope_report::{build_site, ReportOptions};

#[test]
fn the_evaluation_page_appears_only_with_a_stored_evaluation_and_shows_its_figures() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("a.md");
    std::fs::write(&file, "# 甲\n\n参与国际标准。采用国际标准。\n").unwrap();
    let mut project = Project::init(&tmp.path().join("p")).unwrap();
    assert_eq!(import_paths(&mut project, &[file], &ImportOptions::default(), &mut |_| {}).imported(), 1);
    let book = Codebook::parse(
        "[codebook]\nname = \"mini\"\nversion = \"2\"\n[[code]]\nname = \"Global\"\n[[code.rule]]\nid = \"g\"\nterms = [\"国际标准\"]\n",
    )
    .unwrap();
    let store = CodingStore::open(&project).unwrap();
    run_codebook(&store, &book, RunOptions::default(), &mut |_, _| {}).unwrap();
    let proposals = store.codings(&CodingFilter::default()).unwrap();
    store.accept(proposals[0].id, "alice").unwrap();
    store.reject(proposals[1].id, "alice").unwrap();

    let out = tmp.path().join("site");
    build_site(&project, &ReportOptions::new(&out)).unwrap();
    assert!(!out.join("codes/evaluation.html").exists(), "no evaluation, no page");
    let index = std::fs::read_to_string(out.join("codes/index.html")).unwrap();
    assert!(!index.contains("evaluation.html"));

    let opts =
        EvaluateOptions { coder: "alice".into(), unit: Unit::Sentence, scope: Scope::Decided, examples: 5 };
    let e = evaluate(&project, &book, &opts).unwrap();
    stored::save(&project, &e).unwrap();
    build_site(&project, &ReportOptions::new(&out)).unwrap();
    let page = std::fs::read_to_string(out.join("codes/evaluation.html")).unwrap();
    assert!(page.contains("mini 2 against alice"), "{page}");
    // Two decided sentences: one kept (TP), one rejected (FP): precision 0.5, recall 1.
    assert!(page.contains("<td>Global</td><td class=\"num\">2</td><td class=\"num\">1</td><td class=\"num\">1</td><td class=\"num\">0</td><td class=\"num\">0.500</td><td class=\"num\">1.000</td>"), "{page}");
    assert!(page.contains("g 1/2"), "{page}");
    let index = std::fs::read_to_string(out.join("codes/index.html")).unwrap();
    assert!(index.contains("href=\"evaluation.html\""));
}
