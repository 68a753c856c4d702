//! Document-level decisions: each kind of document rule, from the codebook
//! or forced for every code, decides which documents table, matrix and
//! trend count.

use policyscope_coding::{run_codebook, Codebook, CodingFilter, CodingStore, DocRule, RunOptions};
use policyscope_corpus::import::{import_paths, ImportOptions};
use policyscope_corpus::Project;
use policyscope_query::{matrix, table, trend, Selection};

/// Three laws: 甲 codes 团体标准 twice (once in its purpose article 第一条)
/// in 6 sentences; 乙 once in 7 sentences; 丙 only in its title.
const DOCS: [(&str, &str); 3] = [
    ("甲法(2020-01-01).md", "# 甲法\n\n第一条 为了发展团体标准，制定本法。\n\n第二条 其他事项。其他事项。其他事项。\n\n第三条 鼓励团体标准。\n"),
    ("乙法(2021-01-01).md", "# 乙法\n\n第一条 其他。其他。其他。其他。其他。\n\n第二条 团体标准。\n"),
    ("团体标准管理办法(2022-01-01).md", "# 团体标准管理办法\n\n第一条 其他。\n"),
];

const BOOK: &str = "[codebook]\nname = \"d\"\nversion = \"1\"\ndoc_rule = \"at-least:2\"\n\
    [[code]]\nname = \"Strict\"\n[[code.rule]]\nterms = [\"团体标准\"]\n\
    [[code]]\nname = \"Loose\"\ndoc_rule = \"any\"\n[[code.rule]]\nid = \"loose\"\nterms = [\"团体标准\"]\n";

fn setup(dir: &std::path::Path) -> Project {
    let docs = dir.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    for (name, text) in DOCS {
        std::fs::write(docs.join(name), text).unwrap();
    }
    let mut project = Project::init(&dir.join("p")).unwrap();
    assert_eq!(import_paths(&mut project, &[docs], &ImportOptions::default(), &mut |_| {}).imported(), 3);
    let store = CodingStore::open(&project).unwrap();
    run_codebook(&store, &Codebook::parse(BOOK).unwrap(), RunOptions::default(), &mut |_, _| {}).unwrap();
    project
}

/// Titles of the documents the table counts for `code`.
fn counted(sel: &Selection, code: &str) -> Vec<String> {
    let t = table(sel);
    let row = t.codes.iter().find(|r| r.path == code).unwrap();
    assert_eq!(row.count, row.documents.len());
    let mut titles: Vec<String> = row.documents.iter().map(|d| d.title.clone()).collect();
    titles.sort();
    titles
}

fn forced(store: &CodingStore<'_>, rule: &str) -> Selection {
    let mut sel = Selection::load(store, &CodingFilter::not_rejected()).unwrap();
    sel.force_doc_rule(store, rule.parse::<DocRule>().unwrap()).unwrap();
    sel
}

#[test]
fn codebook_and_code_document_rules_are_applied_and_described() {
    let dir = tempfile::tempdir().unwrap();
    let project = setup(dir.path());
    let store = CodingStore::open(&project).unwrap();
    let sel = Selection::load(&store, &CodingFilter::not_rejected()).unwrap();
    // The codebook's at-least:2 for Strict, the code's own `any` for Loose.
    assert_eq!(counted(&sel, "Strict"), vec!["甲法"]);
    assert_eq!(counted(&sel, "Loose"), vec!["乙法", "团体标准管理办法", "甲法"]);
    assert_eq!(sel.doc_rule_text(), "Strict: at-least:2; other codes: any");
    // Passages are never filtered.
    let strict = table(&sel).codes.into_iter().find(|r| r.path == "Strict").unwrap();
    assert_eq!(strict.passages, 4);
}

#[test]
fn any_document_rule_counts_every_coded_document() {
    let dir = tempfile::tempdir().unwrap();
    let project = setup(dir.path());
    let store = CodingStore::open(&project).unwrap();
    let sel = forced(&store, "any");
    assert_eq!(counted(&sel, "Strict"), vec!["乙法", "团体标准管理办法", "甲法"]);
    assert_eq!(sel.doc_rule_text(), "any (every code)");
}

#[test]
fn at_least_document_rule_counts_documents_with_enough_passages() {
    let dir = tempfile::tempdir().unwrap();
    let project = setup(dir.path());
    let store = CodingStore::open(&project).unwrap();
    assert_eq!(counted(&forced(&store, "at-least:2"), "Loose"), vec!["甲法"]);
    assert!(counted(&forced(&store, "at-least:3"), "Loose").is_empty());
}

#[test]
fn share_document_rule_compares_coded_sentences_with_the_documents_sentences() {
    let dir = tempfile::tempdir().unwrap();
    let project = setup(dir.path());
    let store = CodingStore::open(&project).unwrap();
    // 甲: 2 of 6 sentences; 乙: 1 of 7; 丙: 1 of 2.
    assert_eq!(counted(&forced(&store, "share:0.3"), "Loose"), vec!["团体标准管理办法", "甲法"]);
    assert_eq!(counted(&forced(&store, "share:0.1"), "Loose"), vec!["乙法", "团体标准管理办法", "甲法"]);
    assert_eq!(counted(&forced(&store, "share:0.5"), "Loose"), vec!["团体标准管理办法"]);
}

#[test]
fn in_parts_document_rule_counts_coded_titles_or_purpose_articles() {
    let dir = tempfile::tempdir().unwrap();
    let project = setup(dir.path());
    let store = CodingStore::open(&project).unwrap();
    assert_eq!(counted(&forced(&store, "in:purpose"), "Loose"), vec!["甲法"]);
    assert_eq!(counted(&forced(&store, "in:title"), "Loose"), vec!["团体标准管理办法"]);
    assert_eq!(counted(&forced(&store, "in:title,purpose"), "Loose"), vec!["团体标准管理办法", "甲法"]);
}

#[test]
fn binary_matrix_and_trend_count_documents_by_the_rule_in_force() {
    let dir = tempfile::tempdir().unwrap();
    let project = setup(dir.path());
    let store = CodingStore::open(&project).unwrap();
    let sel = forced(&store, "in:purpose");
    let m = matrix(&sel, true);
    let row = m.codes.iter().position(|c| c == "Loose").unwrap();
    let ones: Vec<&str> = m
        .documents
        .iter()
        .zip(&m.counts[row])
        .filter(|(_, n)| **n == 1)
        .map(|(d, _)| d.title.as_str())
        .collect();
    assert_eq!(ones, vec!["甲法"]);
    // Counts (not binary) still show every passage.
    assert_eq!(matrix(&sel, false).counts[row].iter().sum::<usize>(), 4);
    let t = trend(&store, &sel).unwrap();
    let loose = t.codes.iter().find(|r| r.path == "Loose").unwrap();
    assert_eq!(loose.documents.iter().sum::<usize>(), 1);
    assert_eq!(loose.passages.iter().sum::<usize>(), 4);
    let y2020 = t.years.iter().position(|y| y == "2020").unwrap();
    assert_eq!(loose.documents[y2020], 1);
}
