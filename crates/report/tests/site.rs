//! Builds the report for real study documents auto-coded with the study
//! codebook and checks the site as a whole: every internal link resolves,
//! document text is escaped, coded passages are highlighted.

use std::path::{Path, PathBuf};

use policyscope_coding::{run_codebook, Codebook, CodingStore, RunOptions};
use policyscope_corpus::import::{import_paths, ImportOptions};
use policyscope_corpus::Project;
use policyscope_report::check::check_links;
use policyscope_report::{build_markdown, build_site, ReportOptions};

fn corpus() -> PathBuf {
    policyscope_testkit::shared_corpus()
}

/// A project with a few study documents and a fixture, auto-coded.
fn coded_project(dir: &Path) -> Project {
    let mut project = Project::init(dir).unwrap();
    let study = corpus().join("study");
    let paths = vec![
        study.join("16-science-technology-progress-law-2021.md"),
        study.join("14-personal-information-protection-law-2021.md"),
        study.join("extra/X1-standardization-law-2017.md"),
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/markup-in-text.md")),
    ];
    let summary = import_paths(&mut project, &paths, &ImportOptions::default(), &mut |_| {});
    assert_eq!(summary.imported(), 4, "{:?}", summary.files);
    let store = CodingStore::open(&project).unwrap();
    let book = Codebook::parse(include_str!("fixtures/codebook.toml")).unwrap();
    run_codebook(&store, &book, RunOptions::default(), &mut |_, _| {}).unwrap();
    project
}

#[test]
fn the_site_is_complete_linked_and_escaped() {
    let tmp = tempfile::tempdir().unwrap();
    let project = coded_project(&tmp.path().join("p"));
    let out = tmp.path().join("site");
    let summary = build_site(&project, &ReportOptions::new(&out)).unwrap();
    assert_eq!(summary.documents, 4);
    assert_eq!(summary.codes, 7, "five codes under two folders");
    assert!(summary.codings > 0);
    // index, table, charts, graph, docs list, codes list, NIS, lab + a page per document and code.
    assert_eq!(summary.pages, 8 + 4 + summary.codes);

    if let Ok(keep) = std::env::var("POLICYSCOPE_TEST_KEEP_SITE") {
        // For looking at the pages: copy the site (and project) somewhere.
        let _ = std::process::Command::new("cp").arg("-r").arg(tmp.path()).arg(&keep).status();
    }
    let links = check_links(&out).unwrap();
    assert_eq!(links.pages, summary.pages);
    assert!(links.links > 100, "only {} links", links.links);
    assert!(links.broken.is_empty(), "broken links: {:#?}", links.broken);

    // The document with markup in its text shows it as text.
    let docs = project.documents(false).unwrap();
    let markup = docs.iter().find(|d| d.source_path.ends_with("markup-in-text.md")).unwrap();
    let page = std::fs::read_to_string(out.join(format!("docs/{}.html", markup.id))).unwrap();
    assert!(!page.contains("<script>alert") && !page.contains("<img src=x"));
    assert!(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
    // Its 知识产权 passage is coded IPR and highlighted with a stripe.
    assert!(page.contains("<mark class=\""), "no highlighted passage");
    assert!(page.contains("class=\"stripe\"><span style=\"--c:#"), "no coding stripe");
    let table = std::fs::read_to_string(out.join("table.html")).unwrap();
    assert!(table.contains(">IPR</a>"), "IPR row");
    assert!(table.contains(&format!("href=\"docs/{}.html\"", markup.id)));
    let charts = std::fs::read_to_string(out.join("charts.html")).unwrap();
    assert!(charts.contains("<svg") && charts.contains("Code co-occurrence"));
}

#[test]
fn markdown_summary_lists_codes_and_documents() {
    let tmp = tempfile::tempdir().unwrap();
    let project = coded_project(&tmp.path().join("p"));
    let summary = build_markdown(&project, &ReportOptions::new(tmp.path().join("md"))).unwrap();
    let md = std::fs::read_to_string(&summary.index).unwrap();
    assert!(md.contains("| IPR | Tool |"), "{md}");
    assert!(md.contains("中华人民共和国标准化法") || md.contains("标准化法"));
    assert!(md.contains("\\<script\\>"), "markup escaped in Markdown: {md}");
}

/// The study documents and two folders of laws, auto-coded with the study
/// codebook, with citations: the site builds, every link resolves, and the
/// graph shows citations among the study documents.
#[test]
fn laws_and_study_coded_with_the_study_codebook() {
    let tmp = tempfile::tempdir().unwrap();
    let mut project = Project::init(&tmp.path().join("p")).unwrap();
    let c = corpus();
    let paths = vec![c.join("study"), c.join("laws/宪法相关法"), c.join("laws/社会法")];
    let summary = import_paths(&mut project, &paths, &ImportOptions::default(), &mut |_| {});
    assert_eq!(summary.failed(), 0);
    let store = CodingStore::open(&project).unwrap();
    let book = Codebook::study().unwrap();
    run_codebook(&store, &book, RunOptions::default(), &mut |_, _| {}).unwrap();
    let out = tmp.path().join("site");
    let summary = build_site(&project, &ReportOptions::new(&out)).unwrap();
    let docs = project.documents(false).unwrap();
    assert_eq!(summary.documents, docs.len());
    assert_eq!(summary.codes, store.codes().unwrap().len());
    let links = check_links(&out).unwrap();
    assert!(links.broken.is_empty(), "broken links: {:#?}", &links.broken[..links.broken.len().min(20)]);
    // The data security law cites the cybersecurity law (art. 53); both are study documents.
    let id = |needle: &str| docs.iter().find(|d| d.title == needle).map(|d| d.id).unwrap();
    let (dsl, csl) = (id("中华人民共和国数据安全法"), id("中华人民共和国网络安全法"));
    let page = std::fs::read_to_string(out.join(format!("docs/{dsl}.html"))).unwrap();
    let cites = page
        .split("<strong>Cites:</strong>")
        .nth(1)
        .expect("DSL cites documents")
        .split("</p>")
        .next()
        .unwrap();
    assert!(cites.contains(&format!("href=\"{csl}.html\"")), "{cites}");
    let graph = std::fs::read_to_string(out.join("graph.html")).unwrap();
    assert!(graph.contains(&format!("data-doc=\"{csl}\"")));
}

/// Checks a site built elsewhere (e.g. from the whole laws corpus):
/// `POLICYSCOPE_CHECK_SITE=path cargo test -p policyscope-report --test site -- --ignored`.
#[test]
#[ignore]
fn check_site_from_env() {
    let dir = std::env::var("POLICYSCOPE_CHECK_SITE").expect("set POLICYSCOPE_CHECK_SITE");
    let links = check_links(Path::new(&dir)).unwrap();
    println!("{} pages, {} links, {} broken", links.pages, links.links, links.broken.len());
    assert!(links.broken.is_empty(), "{:#?}", &links.broken[..links.broken.len().min(50)]);
}

#[test]
fn a_report_can_show_only_accepted_or_one_coders_codings() {
    let tmp = tempfile::tempdir().unwrap();
    let project = coded_project(&tmp.path().join("p"));
    let store = CodingStore::open(&project).unwrap();
    let all = store.codings(&policyscope_coding::CodingFilter::not_rejected()).unwrap();
    store.accept(all[0].id, "ann").unwrap();
    let mut options = ReportOptions::new(tmp.path().join("a"));
    options.codings.accepted_only = true;
    let accepted = build_site(&project, &options).unwrap();
    assert_eq!(accepted.codings, 1);
    let mut options = ReportOptions::new(tmp.path().join("b"));
    options.codings.coder = Some("ann".into());
    let ann = build_site(&project, &options).unwrap();
    assert_eq!(ann.codings, 1, "ann's codings are those she accepted");
    let everyone = build_site(&project, &ReportOptions::new(tmp.path().join("c"))).unwrap();
    assert_eq!(everyone.codings, all.len());
    assert!(check_links(&tmp.path().join("a")).unwrap().broken.is_empty());
}

#[test]
fn rebuilding_replaces_the_old_pages_and_foreign_folders_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let project = coded_project(&tmp.path().join("p"));
    let out = tmp.path().join("site");
    build_site(&project, &ReportOptions::new(&out)).unwrap();
    // A page of a document that no longer exists must not survive a rebuild.
    std::fs::write(out.join("docs/999.html"), "stale").unwrap();
    build_site(&project, &ReportOptions::new(&out)).unwrap();
    assert!(!out.join("docs/999.html").exists());
    assert!(out.join("index.html").is_file());
    // A folder with other files is left alone.
    let foreign = tmp.path().join("papers");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("draft.tex"), "x").unwrap();
    let err = build_site(&project, &ReportOptions::new(&foreign)).unwrap_err();
    assert!(matches!(err, policyscope_report::Error::NotAReportFolder(_)), "{err}");
    assert!(foreign.join("draft.tex").is_file());
}
