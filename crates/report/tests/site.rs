//! Builds the report for real study documents auto-coded with the study
//! codebook and checks the site as a whole: every internal link resolves,
//! document text is escaped, coded passages are highlighted.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use policyscope_coding::{run_codebook, Codebook, CodingStore, RunOptions};
use policyscope_corpus::import::{import_paths, ImportOptions};
use policyscope_corpus::Project;
use policyscope_report::{build_markdown, build_site, ReportOptions};
use regex::Regex;

fn corpus() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus"))
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

/// Every `href`/`src` inside the site that is not external must name an
/// existing file, and a `#fragment` an existing id in it.
fn broken_links(root: &Path) -> (usize, Vec<String>) {
    let link = Regex::new(r#"(?:href|src)="([^"]*)""#).unwrap();
    let id = Regex::new(r#"\sid="([^"]*)""#).unwrap();
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "html") {
                files.push(p);
            }
        }
    }
    let mut ids: HashMap<PathBuf, HashSet<String>> = HashMap::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        ids.insert(f.canonicalize().unwrap(), id.captures_iter(&text).map(|c| c[1].to_string()).collect());
    }
    let mut checked = 0;
    let mut broken = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for c in link.captures_iter(&text) {
            let target = &c[1];
            if target.starts_with("data:") {
                continue;
            }
            assert!(!target.contains("://"), "external reference {target} in {}", f.display());
            let (path, frag) = target.split_once('#').unwrap_or((target, ""));
            let file = if path.is_empty() { f.clone() } else { f.parent().unwrap().join(path) };
            checked += 1;
            match file.canonicalize() {
                Ok(canon) if canon.is_file() => {
                    if !frag.is_empty() && !ids.get(&canon).is_some_and(|s| s.contains(frag)) {
                        broken.push(format!("{} -> {target} (no such id)", f.display()));
                    }
                }
                _ => broken.push(format!("{} -> {target}", f.display())),
            }
        }
    }
    (checked, broken)
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
    // index, table, charts, graph, docs list, codes list + a page per document and code.
    assert_eq!(summary.pages, 6 + 4 + summary.codes);

    if let Ok(keep) = std::env::var("POLICYSCOPE_TEST_KEEP_SITE") {
        // For looking at the pages: copy the site (and project) somewhere.
        let _ = std::process::Command::new("cp").arg("-r").arg(tmp.path()).arg(&keep).status();
    }
    let (checked, broken) = broken_links(&out);
    assert!(checked > 100, "only {checked} links");
    assert!(broken.is_empty(), "broken links: {broken:#?}");

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
