//! What a reader of a published report sees around the numbers: the
//! study's own title, no trace of the builder's file system, the right
//! `lang` on pages and documents, and singular nouns for one thing.

use std::path::{Path, PathBuf};

use policyscope_coding::{run_codebook, Codebook, CodingStore, RunOptions};
use policyscope_corpus::import::{import_paths, ImportOptions};
use policyscope_corpus::Project;
use policyscope_report::{build_markdown, build_site, ReportOptions};

const ENGLISH: &str = "# Measures for the Pilot Management of Standardisation\n\n\
20 May 2023\n\nArticle 1 These measures are formulated to promote the standardisation of \
artificial intelligence and to strengthen international cooperation on standards.\n";

/// A project in `tmp/folder-name-not-a-title/p` holding the mini corpus and
/// an English document, all imported from a folder under `tmp`, coded.
fn project_in(tmp: &Path) -> Project {
    let docs = tmp.join("imported-docs");
    std::fs::create_dir_all(&docs).unwrap();
    let mini = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mini"));
    for f in std::fs::read_dir(&mini).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, docs.join(f.file_name().unwrap())).unwrap();
    }
    std::fs::write(docs.join("measures-2023.en.md"), ENGLISH).unwrap();
    let mut project = Project::init(&tmp.join("folder-name-not-a-title").join("p")).unwrap();
    let summary = import_paths(&mut project, &[docs], &ImportOptions::default(), &mut |_| {});
    assert_eq!((summary.imported(), summary.failed()), (4, 0), "{:#?}", summary.files);
    let store = CodingStore::open(&project).unwrap();
    let book = Codebook::parse(include_str!("fixtures/codebook.toml")).unwrap();
    run_codebook(&store, &book, RunOptions::default(), &mut |_, _| {}).unwrap();
    project
}

/// Every file under `dir` with its text.
fn files(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else {
                let text = std::fs::read_to_string(&p).unwrap();
                out.push((p, text));
            }
        }
    }
    assert!(!out.is_empty(), "no files in {}", dir.display());
    out
}

fn id_of(project: &Project, file: &str) -> i64 {
    let docs = project.documents(false).unwrap();
    docs.iter().find(|d| d.source_path.ends_with(file)).map(|d| d.id).unwrap()
}

fn html_lang(page: &str) -> &str {
    let start = page.find("<html lang=\"").unwrap() + "<html lang=\"".len();
    &page[start..start + page[start..].find('"').unwrap()]
}

#[test]
fn no_page_of_the_report_holds_an_absolute_local_path() {
    let tmp = tempfile::tempdir().unwrap();
    let project = project_in(tmp.path());
    let site = tmp.path().join("site");
    build_site(&project, &ReportOptions::new(&site)).unwrap();
    build_markdown(&project, &ReportOptions::new(tmp.path().join("md"))).unwrap();
    let tmp_abs = tmp.path().canonicalize().unwrap();
    let needles = [tmp.path().display().to_string(), tmp_abs.display().to_string()];
    let mut pages = files(&site);
    assert!(pages.len() > 10, "only {} files in the site", pages.len());
    pages.extend(files(&tmp.path().join("md")));
    for (path, text) in &pages {
        for needle in &needles {
            assert!(!text.contains(needle.as_str()), "{} holds the local path {needle}", path.display());
        }
    }
    // The source is shown from the imported folder.
    let id = id_of(&project, "plan-2017.md");
    let page = std::fs::read_to_string(site.join(format!("docs/{id}.html"))).unwrap();
    assert!(page.contains("<dd>imported-docs/plan-2017.md</dd>"), "{page}");
}

#[test]
fn the_title_is_the_projects_setting_never_its_folder_name() {
    let tmp = tempfile::tempdir().unwrap();
    let project = project_in(tmp.path());
    let site = tmp.path().join("site");
    build_site(&project, &ReportOptions::new(&site)).unwrap();
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(!index.contains("folder-name-not-a-title") && !index.contains(">p<"), "{index}");
    assert!(index.contains(&format!("<h1>{}</h1>", policyscope_report::settings::DEFAULT_TITLE)));

    std::fs::write(project.dir().join("policyscope.toml"), "[project]\ntitle = \"AI 标准化政策研究\"\n")
        .unwrap();
    build_site(&project, &ReportOptions::new(&site)).unwrap();
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(index.contains("<h1>AI 标准化政策研究</h1>"), "{index}");
    let table = std::fs::read_to_string(site.join("table.html")).unwrap();
    assert!(table.contains("<title>Codes × documents · AI 标准化政策研究</title>"), "{table}");
    // The command's title still wins.
    let options = ReportOptions { title: Some("Given".into()), ..ReportOptions::new(&site) };
    build_site(&project, &options).unwrap();
    assert!(std::fs::read_to_string(site.join("index.html")).unwrap().contains("<h1>Given</h1>"));

    std::fs::write(project.dir().join("policyscope.toml"), "[project]\ntitle = [[[\n").unwrap();
    let err = build_site(&project, &ReportOptions::new(&site)).unwrap_err().to_string();
    assert!(err.contains("policyscope.toml"), "{err}");
}

#[test]
fn english_pages_and_documents_are_not_marked_chinese() {
    let tmp = tempfile::tempdir().unwrap();
    let project = project_in(tmp.path());
    let site = tmp.path().join("site");
    build_site(&project, &ReportOptions::new(&site)).unwrap();
    let page = |rel: String| std::fs::read_to_string(site.join(rel)).unwrap();
    let en = page(format!("docs/{}.html", id_of(&project, "measures-2023.en.md")));
    assert_eq!(html_lang(&en), "en");
    assert!(en.contains("<div class=\"doc-text\" lang=\"en\">"));
    let zh = page(format!("docs/{}.html", id_of(&project, "plan-2017.md")));
    assert_eq!(html_lang(&zh), "zh");
    assert!(zh.contains("<div class=\"doc-text\" lang=\"zh\">") && zh.contains("<nav lang=\"en\">"));
    assert_eq!(html_lang(&page("charts.html".into())), "en", "an English page of figures");
    let list = page("docs/index.html".into());
    assert!(
        list.contains("lang=\"en\">Measures for the Pilot")
            && list.contains("lang=\"zh\">国家标准化发展规划")
    );
}

#[test]
fn one_thing_is_never_counted_in_the_plural() {
    let tmp = tempfile::tempdir().unwrap();
    let project = project_in(tmp.path());
    let site = tmp.path().join("site");
    build_site(&project, &ReportOptions::new(&site)).unwrap();
    let graph = std::fs::read_to_string(site.join("graph.html")).unwrap();
    assert!(graph.contains("1 citation link,") || graph.contains("1 citation link."), "{graph}");
    let nouns =
        ["documents", "citation links", "seeds", "snowball rounds", "names", "resolved references", "links"];
    for (path, text) in files(&site) {
        for noun in nouns {
            assert!(
                !text.contains(&format!(">1 {noun}")) && !text.contains(&format!(" 1 {noun}")),
                "{}: 1 {noun}",
                path.display()
            );
        }
    }
}
