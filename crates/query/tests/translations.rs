//! An original and its translation are one document in every table unless
//! translations are asked to count separately: the study's generative-AI
//! measures (08) and their English translation, coded in both languages.

use policyscope_coding::{run_codebook, Codebook, CodingFilter, CodingStore, NewCoding, RunOptions, Status};
use policyscope_corpus::import::{import_paths, ImportOptions};
use policyscope_corpus::Project;
use policyscope_query::{cooccur, matrix, table, trend, Selection, Translations};

/// The project with 08 in Chinese and English, the English one linked as a
/// translation, and one code applied to both texts. Returns (project dir,
/// original id, translation id, code path).
fn setup() -> (tempfile::TempDir, i64, i64, String) {
    let study = policyscope_testkit::shared("corpus/study");
    let dir = tempfile::tempdir().unwrap();
    let mut project = Project::init(dir.path()).unwrap();
    let files = [
        study.join("08-generative-ai-services-interim-measures-2023.md"),
        study.join("en/08-generative-ai-services-interim-measures.casi-en.md"),
    ];
    let summary = import_paths(&mut project, &files, &ImportOptions::default(), &mut |_| {});
    assert_eq!(summary.imported(), 2, "{:?}", summary.files);
    let docs = project.documents(false).unwrap();
    let zh = docs.iter().find(|d| d.language == "zh").unwrap().id;
    let en = docs.iter().find(|d| d.language == "en").unwrap().id;
    project.link_translation(en, zh).unwrap();
    let store = CodingStore::open(&project).unwrap();
    run_codebook(&store, &Codebook::study().unwrap(), RunOptions::default(), &mut |_, _| {}).unwrap();
    let code = store.codes().unwrap().into_iter().find(|c| c.codable).unwrap();
    for doc in [zh, en] {
        store
            .add_coding(&NewCoding {
                doc_id: doc,
                code_id: code.id,
                start: 2,
                end: 12,
                coder: "alice".into(),
                status: Status::Accepted,
                guid: None,
            })
            .unwrap();
    }
    (dir, zh, en, code.path)
}

#[test]
fn original_and_translation_count_once_unless_asked() {
    let (dir, zh, en, path) = setup();
    let project = Project::open(dir.path()).unwrap();
    let store = CodingStore::open(&project).unwrap();
    let filter = CodingFilter { coder: Some("alice".into()), ..CodingFilter::not_rejected() };

    let merged = Selection::load(&store, &filter).unwrap();
    let row = table(&merged).codes.into_iter().find(|r| r.path == path).unwrap();
    assert_eq!(row.count, 1, "the translation counts with its original");
    assert_eq!(row.documents.iter().map(|d| d.id).collect::<Vec<_>>(), vec![zh]);
    assert_eq!(row.documents[0].label, "#".to_string() + &zh.to_string());
    assert_eq!(row.passages, 2, "each text's passage is still a passage");
    let m = matrix(&merged, false);
    assert_eq!(m.documents.iter().map(|d| d.id).collect::<Vec<_>>(), vec![zh], "one matrix row");
    let t = trend(&store, &merged).unwrap();
    assert_eq!(t.corpus_documents.iter().sum::<usize>(), 1);
    let c = cooccur(&store, &merged).unwrap();
    let i = c.codes.iter().position(|p| *p == path).unwrap();
    assert_eq!(c.by_document[i][i], 1);

    let separate = Selection::load_counting(&store, &filter, Translations::Separate).unwrap();
    let row = table(&separate).codes.into_iter().find(|r| r.path == path).unwrap();
    assert_eq!(row.count, 2);
    assert_eq!(row.documents.iter().map(|d| d.id).collect::<Vec<_>>(), vec![zh, en]);
    assert_eq!(matrix(&separate, false).documents.len(), 2);
    assert_eq!(trend(&store, &separate).unwrap().corpus_documents.iter().sum::<usize>(), 2);
}

#[test]
fn a_coding_only_in_the_translation_counts_for_the_original() {
    let (dir, zh, en, path) = setup();
    let project = Project::open(dir.path()).unwrap();
    let store = CodingStore::open(&project).unwrap();
    let only_en = CodingFilter { doc_id: Some(en), ..CodingFilter::not_rejected() };
    let row = table(&Selection::load(&store, &only_en).unwrap())
        .codes
        .into_iter()
        .find(|r| r.path == path)
        .unwrap();
    assert_eq!(row.documents.iter().map(|d| d.id).collect::<Vec<_>>(), vec![zh]);
}
