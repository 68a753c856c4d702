//! The built-in study codebook over the study's real documents: the run
//! finishes, the table has the Table-4 shape, and every code with hits has
//! real excerpts.

use std::path::PathBuf;

use policyscope_coding::{run_codebook, Codebook, CodingFilter, CodingStore, RunOptions};
use policyscope_corpus::import::{import_paths, ImportOptions};
use policyscope_corpus::Project;
use policyscope_query::{excerpts, table, Selection};

#[test]
fn study_codebook_over_the_study_documents() {
    let study = policyscope_testkit::shared("corpus/study");
    let dir = tempfile::tempdir().unwrap();
    let mut project = Project::init(dir.path()).unwrap();
    let files: Vec<PathBuf> = std::fs::read_dir(&study)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    let summary = import_paths(&mut project, &files, &ImportOptions::default(), &mut |_| {});
    assert_eq!(summary.failed(), 0);
    let store = CodingStore::open(&project).unwrap();
    let book = Codebook::study().unwrap();
    let run = run_codebook(&store, &book, RunOptions::default(), &mut |_, _| {}).unwrap();
    assert_eq!(run.coded, files.len());
    assert!(run.added > 0);

    let sel = Selection::load(&store, &CodingFilter::not_rejected()).unwrap();
    let t = table(&sel);
    // Two folders (Target, Tool), each followed by its sub-codes, and ten codes below them.
    assert_eq!(t.codes.len(), 12);
    assert_eq!(t.codes.iter().filter(|r| r.path.contains('/')).count(), 10);
    let json: serde_json::Value = serde_json::to_value(&t).unwrap();
    for row in json["codes"].as_array().unwrap() {
        assert_eq!(row["count"].as_u64().unwrap() as usize, row["documents"].as_array().unwrap().len());
        assert!(row["passages"].as_u64().unwrap() >= row["count"].as_u64().unwrap());
        for d in row["documents"].as_array().unwrap() {
            assert!(d["id"].is_i64() && d["source_path"].is_string() && d["title"].is_string());
        }
    }
    let docs_of = |path: &str| -> Vec<String> {
        t.codes
            .iter()
            .find(|r| r.path == path)
            .unwrap()
            .documents
            .iter()
            .map(|d| d.source_path.clone())
            .collect()
    };
    // Cybersecurity Law art. 7 and Data Security Law art. 11 are
    // international co-operation in standard-setting; art. 10 of the Data
    // Security Law is about association standards.
    let intl = docs_of("Target/Internationalisation");
    assert!(intl.iter().any(|p| p.contains("13-cybersecurity-law")));
    assert!(intl.iter().any(|p| p.contains("15-data-security-law")));
    assert!(docs_of("Target/Marketisation").iter().any(|p| p.contains("15-data-security-law")));
    // The 2000 Internet Information Services Measures say nothing about standards.
    assert!(t
        .codes
        .iter()
        .all(|r| r.documents.iter().all(|d| !d.source_path.contains("28-internet-information"))));

    for row in t.codes.iter().filter(|r| r.count > 0) {
        let one = Selection::load(
            &store,
            &CodingFilter { code: Some(row.path.clone()), ..CodingFilter::not_rejected() },
        )
        .unwrap();
        let xs = excerpts(&store, &one, 30).unwrap();
        // One excerpt per code and span; a folder's spans coded by two sub-codes count once.
        let spans: std::collections::BTreeSet<(i64, i64, i64)> =
            xs.iter().map(|x| (x.document.id, x.start, x.end)).collect();
        assert_eq!(spans.len(), row.passages, "{}", row.path);
        for x in &xs {
            let matched = x.codings[0].matched.clone().unwrap();
            assert!(!x.text.is_empty());
            assert!(
                policyscope_text::normalize_for_search(&x.text)
                    .contains(&policyscope_text::normalize_for_search(&matched)),
                "{}: {matched} not in {}",
                row.path,
                x.text
            );
        }
    }
}
