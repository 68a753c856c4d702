//! Snapshot tests of the queries on a small made-up corpus with a small
//! codebook, after auto-coding and a few review decisions.

use std::path::{Path, PathBuf};

use policyscope_coding::{run_codebook, Codebook, CodingFilter, CodingStore, NewCoding, RunOptions, Status};
use policyscope_corpus::import::{import_paths, ImportOptions};
use policyscope_corpus::Project;
use policyscope_query::{cooccur, excerpts, matrix, table, trend, Selection};
use policyscope_text::{DateRange, PolicyDate};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Makes absolute fixture paths relative so snapshots do not depend on
/// where the repository is checked out.
fn portable(json: String) -> String {
    let dir = std::fs::canonicalize(fixtures().join("corpus")).unwrap();
    json.replace(&format!("{}/", dir.display()), "")
}

fn setup(dir: &Path) -> Project {
    let mut project = Project::init(dir).unwrap();
    let summary =
        import_paths(&mut project, &[fixtures().join("corpus")], &ImportOptions::default(), &mut |_| {});
    assert_eq!(summary.imported(), 4);
    let book = Codebook::parse(&std::fs::read_to_string(fixtures().join("codebook.toml")).unwrap()).unwrap();
    {
        let store = CodingStore::open(&project).unwrap();
        run_codebook(&store, &book, RunOptions::default(), &mut |_, _| {}).unwrap();
        // A reviewer rejects the last Talent proposal (in 标准化促进条例) and
        // codes 一、培养标准化人才 in 人才发展规划 by hand.
        let talent =
            store.codings(&CodingFilter { code: Some("Means/Talent".into()), ..Default::default() }).unwrap();
        store.reject(talent[talent.len() - 1].id, "alice").unwrap();
        let manual = store.code_by_path("Means/Manual").unwrap().unwrap();
        let doc = project.documents(false).unwrap().into_iter().find(|d| d.title == "人才发展规划").unwrap();
        store
            .add_coding(&NewCoding {
                doc_id: doc.id,
                code_id: manual.id,
                start: 10,
                end: 19,
                coder: "alice".into(),
                status: Status::Accepted,
                guid: None,
            })
            .unwrap();
    }
    project
}

#[test]
fn table_matrix_cooccur_trend_excerpts() {
    let dir = tempfile::tempdir().unwrap();
    let project = setup(dir.path());
    let store = CodingStore::open(&project).unwrap();
    let sel = Selection::load(&store, &CodingFilter::not_rejected()).unwrap();

    let t = table(&sel);
    insta::assert_snapshot!("table_json", portable(serde_json::to_string_pretty(&t).unwrap()));
    insta::assert_snapshot!("table_text", t.to_text());
    let mut csv = Vec::new();
    t.write_csv(&mut csv).unwrap();
    insta::assert_snapshot!("table_csv", String::from_utf8(csv).unwrap());

    let m = matrix(&sel, false);
    let mut csv = Vec::new();
    m.write_csv(&mut csv).unwrap();
    insta::assert_snapshot!("matrix_csv", portable(String::from_utf8(csv).unwrap()));
    let mb = matrix(&sel, true);
    assert!(mb.counts.iter().flatten().all(|&n| n <= 1));
    assert_eq!(
        mb.counts.iter().flatten().filter(|&&n| n == 1).count(),
        m.counts.iter().flatten().filter(|&&n| n > 0).count()
    );

    let c = cooccur(&store, &sel).unwrap();
    insta::assert_snapshot!("cooccur_text", c.to_text());
    let mut csv = Vec::new();
    c.write_csv(&mut csv).unwrap();
    insta::assert_snapshot!("cooccur_csv", String::from_utf8(csv).unwrap());

    let tr = trend(&store, &sel).unwrap();
    insta::assert_snapshot!("trend_text", tr.to_text());

    let global = Selection::load(
        &store,
        &CodingFilter { code: Some("Goal/Global".into()), ..CodingFilter::not_rejected() },
    )
    .unwrap();
    let xs = excerpts(&store, &global, 12).unwrap();
    insta::assert_snapshot!("excerpts_global", policyscope_query::excerpts::to_text(&xs));
}

#[test]
fn filters_by_coder_and_status() {
    let dir = tempfile::tempdir().unwrap();
    let project = setup(dir.path());
    let store = CodingStore::open(&project).unwrap();
    let alice =
        Selection::load(&store, &CodingFilter { coder: Some("alice".into()), ..Default::default() }).unwrap();
    let t = table(&alice);
    let coded: Vec<(&str, usize)> =
        t.codes.iter().filter(|r| r.count > 0).map(|r| (r.path.as_str(), r.count)).collect();
    // The folder `Means` counts the coding of its sub-code.
    assert_eq!(coded, vec![("Means", 1), ("Means/Manual", 1)]);
    let rejected =
        Selection::load(&store, &CodingFilter { statuses: vec![Status::Rejected], ..Default::default() })
            .unwrap();
    assert_eq!(rejected.codings.len(), 1);
    assert_eq!(rejected.codings[0].code_path, "Means/Talent");
    let auto_all =
        Selection::load(&store, &CodingFilter { coder: Some("auto:fixture".into()), ..Default::default() })
            .unwrap();
    assert!(auto_all.codings.iter().all(|c| c.coder == "auto:fixture@1"));
    assert!(auto_all.codings.iter().any(|c| c.status == Status::Rejected));
    let day = |s: Option<&str>| PolicyDate::parse_opt(s).unwrap();
    let dated = DateRange { from: day(Some("2020")), to: None };
    let from_2020 = Selection::load(&store, &CodingFilter { dated, ..Default::default() }).unwrap();
    assert!(from_2020.dates.values().all(|d| d.is_some_and(|d| d.year() >= 2020)));
    assert!(!from_2020.codings.is_empty());
    // Partial bounds are periods: from July 2020 through the end of 2020.
    let dated = DateRange { from: day(Some("2020-07")), to: day(Some("2020")) };
    let h2_2020 = Selection::load(&store, &CodingFilter { dated, ..Default::default() }).unwrap();
    let titles: Vec<&str> = h2_2020.corpus.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(titles, ["企业标准管理办法"]);
    assert!(h2_2020.codings.iter().all(|c| h2_2020.documents.contains_key(&c.doc_id)));
    assert!(!h2_2020.codings.is_empty());
    let all = Selection::load(&store, &CodingFilter::default()).unwrap().codings.len();
    let by_date = |since: Option<&str>, until: Option<&str>| {
        let changed = DateRange { from: day(since), to: day(until) };
        Selection::load(&store, &CodingFilter { changed, ..Default::default() }).unwrap().codings.len()
    };
    assert_eq!(by_date(Some("2000-01-01"), Some("9999-12-31")), all);
    assert_eq!(by_date(Some("9999"), None), 0);
    assert_eq!(by_date(None, Some("2000-01-01")), 0);
}
