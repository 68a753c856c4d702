//! Search over small fixtures and over the shared corpus.

use std::path::{Path, PathBuf};

use policyscope_corpus::import::{import_paths, ImportOptions};
use policyscope_corpus::{Catalog, Project};
use policyscope_search::{search, sync_index, SearchRequest};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn project_with(paths: &[PathBuf], catalog: Option<&Path>) -> (tempfile::TempDir, Project) {
    let dir = tempfile::tempdir().unwrap();
    let mut project = Project::init(&dir.path().join("p")).unwrap();
    let options =
        ImportOptions { catalog: catalog.map(|c| Catalog::load(c).unwrap()), ..ImportOptions::default() };
    let summary = import_paths(&mut project, paths, &options, &mut |_| {});
    assert_eq!(summary.failed(), 0, "{:?}", summary.files);
    sync_index(&project).unwrap();
    (dir, project)
}

fn day(s: &str) -> policyscope_text::PolicyDate {
    s.parse().unwrap_or_else(|e| panic!("{e}"))
}

fn titles(project: &Project, req: &SearchRequest) -> Vec<String> {
    search(project, req).unwrap().hits.into_iter().map(|h| h.title).collect()
}

#[test]
fn words_phrases_booleans_and_filters_on_examples() {
    let (_d, p) = project_with(&[repo().join("examples/corpus")], None);
    let all = |q: &str| {
        let mut r = SearchRequest::new(q);
        r.limit = 100;
        let mut t = titles(&p, &r);
        t.sort();
        t
    };
    // A word in every Chinese sample but not in the English or the data one.
    assert_eq!(all("团体标准").len(), 3);
    // Exact phrase vs. words anywhere.
    assert_eq!(all("\"标准话语权\""), vec!["星河市人工智能标准化促进条例"]);
    assert!(all("\"话语权标准\"").is_empty());
    // Boolean operators.
    let either = all("专项资金 OR 伦理");
    assert_eq!(either.len(), 4, "{either:?}");
    assert_eq!(all("团体标准 NOT 伦理"), vec!["关于印发星河市人工智能产业发展行动计划的通知"]);
    assert_eq!(all("团体标准 -资金"), vec!["星河市人工智能伦理指引", "星河市人工智能标准化促进条例"]);
    assert!(all("团体标准 -伦理 -资金").is_empty());
    // Fields.
    assert_eq!(all("title:伦理"), vec!["星河市人工智能伦理指引"]);
    assert_eq!(all("docno:星政发[2023]7号"), vec!["关于印发星河市人工智能产业发展行动计划的通知"]);
    // English, case-insensitive; GB18030 text found like any other.
    assert_eq!(all("Standardisation").len(), 1);
    assert_eq!(all("公共数据开放"), vec!["星河市数据开放管理办法"]);
    // Traditional characters in the query find simplified text.
    assert_eq!(all("\"團體標準\"").len(), 3);
    // A single character.
    assert!(all("鼓").len() >= 2);
    // Date filters.
    let mut r = SearchRequest::new("标准");
    r.limit = 100;
    r.from = Some(day("2023-01-01"));
    let dated = search(&p, &r).unwrap();
    assert!(!dated.hits.is_empty());
    for h in &dated.hits {
        assert!(h.date.is_some_and(|d| d >= day("2023-01-01")), "{h:?}");
    }
    r.from = None;
    r.to = Some(day("2021"));
    let early = titles(&p, &r);
    assert_eq!(early.len(), 2, "{early:?}");
}

#[test]
fn snippets_come_from_the_original_text_with_highlights() {
    let (_d, p) = project_with(&[repo().join("examples/corpus")], None);
    let res = search(&p, &SearchRequest::new("\"中国标准走出去\"")).unwrap();
    assert_eq!(res.total, 1);
    let s = &res.hits[0].snippets[0];
    assert!(s.marked("[", "]").contains("推动[中国标准走出去]"), "{s:?}");
}

#[test]
fn bad_queries_are_errors_not_panics() {
    let (_d, p) = project_with(&[repo().join("examples/corpus/03-星河市科技创新促进条例.md")], None);
    for q in ["\"unclosed", "(a", "foo:bar", "", "，。"] {
        assert!(search(&p, &SearchRequest::new(q)).is_err(), "{q}");
    }
}

/// The acceptance checks on the study documents and a slice of the laws.
#[test]
fn shared_corpus_acceptance() {
    let corpus = policyscope_testkit::shared_corpus();
    let (_d, p) = project_with(
        &[corpus.join("study"), corpus.join("laws/行政法"), corpus.join("laws/经济法")],
        Some(&policyscope_testkit::shared("domain/catalog.tsv")),
    );
    let mut r = SearchRequest::new("人工智能");
    r.limit = 200;
    let found = titles(&p, &r);
    assert!(found.iter().any(|t| t.contains("深圳经济特区人工智能产业促进条例")), "{found:?}");
    assert!(found.iter().any(|t| t == "生成式人工智能服务管理暂行办法"), "{found:?}");
    let mut r = SearchRequest::new("\"个人信息保护\"");
    r.from = Some(day("2021-01-01"));
    r.limit = 1000;
    let res = search(&p, &r).unwrap();
    assert!(res.total >= 3, "{}", res.total);
    for h in &res.hits {
        assert!(h.date.is_some_and(|d| d >= day("2021-01-01")), "{:?} {:?}", h.title, h.date);
    }
    r.from = None;
    assert!(search(&p, &r).unwrap().total > res.total);
}

#[test]
fn metadata_changes_reach_the_index() {
    let (_d, p) = project_with(&[repo().join("examples/corpus")], None);
    let id = p.documents(false).unwrap().iter().find(|d| d.title == "星河市科技创新促进条例").unwrap().id;
    let mut r = SearchRequest::new("条例");
    r.to = Some(day("1999"));
    assert_eq!(search(&p, &r).unwrap().total, 0);
    let update = policyscope_corpus::MetadataUpdate { date: Some(day("1999-05-04")), ..Default::default() };
    p.update_metadata(id, &update).unwrap();
    assert_eq!(sync_index(&p).unwrap(), 1);
    let hits = search(&p, &r).unwrap();
    assert_eq!(hits.hits.iter().map(|h| h.id).collect::<Vec<_>>(), vec![id]);
    assert_eq!(sync_index(&p).unwrap(), 0);
}

#[test]
fn equal_scores_are_ranked_by_document_id_whatever_the_index_order() {
    let dir = tempfile::tempdir().unwrap();
    let files = dir.path().join("files");
    std::fs::create_dir_all(&files).unwrap();
    // Same length, same words: the same score for `数据`.
    std::fs::write(files.join("a.txt"), "第一份文件\n\n数据安全的规定。甲方\n").unwrap();
    std::fs::write(files.join("b.txt"), "第二份文件\n\n数据安全的规定。乙方\n").unwrap();
    let (_d, p) = project_with(&[files], None);
    let ids: Vec<i64> = p.documents(false).unwrap().iter().map(|d| d.id).collect();
    assert_eq!(ids.len(), 2);
    let ranked = |p: &Project| {
        let hits = search(p, &SearchRequest::new("数据")).unwrap().hits;
        assert!(hits.len() == 2 && hits[0].score == hits[1].score, "a tie: {hits:?}");
        hits.iter().map(|h| h.id).collect::<Vec<_>>()
    };
    assert_eq!(ranked(&p), ids);
    // Re-indexing the first document puts it after the second in the index.
    let update = policyscope_corpus::MetadataUpdate { date: Some(day("2001-02-03")), ..Default::default() };
    p.update_metadata(ids[0], &update).unwrap();
    assert_eq!(sync_index(&p).unwrap(), 1);
    assert_eq!(ranked(&p), ids);
}

#[test]
fn a_new_version_replaces_the_old_one_in_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let files = dir.path().join("files");
    std::fs::create_dir_all(&files).unwrap();
    let file = files.join("rule.txt");
    std::fs::write(&file, "星河市数据条例\n\n第一条 旧文本规定甲事项。\n").unwrap();
    let (_d, mut p) = project_with(std::slice::from_ref(&files), None);
    let ids = |p: &Project, q: &str| {
        search(p, &SearchRequest::new(q)).unwrap().hits.iter().map(|h| h.id).collect::<Vec<_>>()
    };
    let old = ids(&p, "旧文本");
    assert_eq!(old.len(), 1);
    std::fs::write(&file, "星河市数据条例\n\n第一条 新文本规定乙事项。\n").unwrap();
    let summary = import_paths(&mut p, std::slice::from_ref(&files), &ImportOptions::default(), &mut |_| {});
    assert_eq!(summary.failed(), 0, "{:?}", summary.files);
    let current = p.documents(false).unwrap();
    assert_eq!(current.len(), 1, "the old version is superseded");
    assert_ne!(current[0].id, old[0]);
    assert_eq!(sync_index(&p).unwrap(), 1);
    assert_eq!(ids(&p, "旧文本"), Vec::<i64>::new(), "the superseded version left the index");
    assert_eq!(ids(&p, "新文本"), vec![current[0].id]);
    assert_eq!(sync_index(&p).unwrap(), 0, "nothing left to do");
}

#[test]
fn the_index_records_each_documents_metadata_as_the_documents_hold_it() {
    let (_d, p) = project_with(&[repo().join("examples/corpus")], None);
    let docs = p.documents(false).unwrap();
    assert!(
        docs.iter().any(|d| d.date.is_some() && d.docno.is_some()),
        "the examples have dates and numbers"
    );
    let mut stmt = p.conn().prepare("SELECT doc_id, meta FROM search_indexed ORDER BY doc_id").unwrap();
    let stored: Vec<(i64, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
    let expected: Vec<(i64, String)> = docs
        .iter()
        .map(|d| {
            let date = d.date.map(|x| x.to_string()).unwrap_or_default();
            let parts = [
                d.title.as_str(),
                &date,
                d.doc_type.as_deref().unwrap_or(""),
                d.docno.as_deref().unwrap_or(""),
            ];
            (d.id, parts.join("\u{1f}"))
        })
        .collect();
    assert_eq!(stored, expected);
}
