//! Round trip: a coded project → .qdpx → a new project → .qdpx gives the
//! same codings and byte-identical files, and the exports validate against
//! the REFI-QDA schemas.

mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;

use policyscope_coding::{
    run_codebook, Codebook, CodingFilter, CodingStore, MemoTarget, NewCoding, RunOptions, Status,
};
use policyscope_corpus::import::{import_paths, ImportOptions};
use policyscope_corpus::Project;
use policyscope_qdpx::{
    export_codebook, export_project, import_codebook, import_project, ExportOptions, Limits,
};

fn laws_subset() -> Vec<PathBuf> {
    // Laws that speak of standardisation (what the study codebook codes),
    // plus two that do not.
    let dir = common::corpus().join("laws").join("经济法");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    let (mut with, without): (Vec<PathBuf>, Vec<PathBuf>) =
        files.into_iter().partition(|p| std::fs::read_to_string(p).unwrap().contains("标准化"));
    with.truncate(10);
    with.extend(without.into_iter().take(2));
    with
}

type CodingKey = (String, i64, i64, String, String);

fn codings_of(project: &Project) -> BTreeSet<CodingKey> {
    let store = CodingStore::open(project).unwrap();
    store
        .codings(&CodingFilter::not_rejected())
        .unwrap()
        .into_iter()
        .map(|c| (project.document_meta(c.doc_id).unwrap().title, c.start, c.end, c.code_path, c.coder))
        .collect()
}

#[test]
fn coded_laws_round_trip_byte_identical_and_valid() {
    let tmp = tempfile::tempdir().unwrap();
    let mut a = Project::init(&tmp.path().join("a")).unwrap();
    let summary = import_paths(&mut a, &laws_subset(), &ImportOptions::default(), &mut |_| {});
    assert!(summary.imported() >= 10, "{summary:?}");
    {
        let store = CodingStore::open(&a).unwrap();
        run_codebook(&store, &Codebook::study().unwrap(), RunOptions::default(), &mut |_, _| {}).unwrap();
        let auto = store.codings(&CodingFilter::default()).unwrap();
        assert!(auto.len() > 20, "auto-coding produced {} codings", auto.len());
        // A reviewer accepts one and rejects one; a person codes by hand
        // and writes memos.
        store.accept(auto[0].id, "alice").unwrap();
        store.reject(auto[1].id, "alice").unwrap();
        let code = store.codes().unwrap().into_iter().find(|c| c.codable).unwrap();
        let doc = a.documents(false).unwrap()[0].clone();
        let mine = store
            .add_coding(&NewCoding {
                doc_id: doc.id,
                code_id: code.id,
                start: 3,
                end: 17,
                coder: "bob".into(),
                status: Status::Accepted,
                guid: None,
            })
            .unwrap();
        store.add_memo(MemoTarget::Coding(mine.id), "bob", "why this span & not <that> one").unwrap();
        store.add_memo(MemoTarget::Document(doc.id), "alice", "a memo on the law\nwith two lines").unwrap();
        store.add_memo(MemoTarget::Code(code.id), "alice", "definition notes").unwrap();
        store.add_memo(MemoTarget::Project, "alice", "project memo").unwrap();
    }
    let out1 = tmp.path().join("a.qdpx");
    let report = export_project(&a, &out1, &ExportOptions::default()).unwrap();
    assert!(report.lost.iter().any(|l| l.what.contains("rejected")), "{report:?}");

    let mut b = Project::init(&tmp.path().join("b")).unwrap();
    let imported = import_project(&mut b, &out1).unwrap();
    assert!(imported.report.lost.is_empty(), "{}", imported.report);
    assert_eq!(imported.memos, 4);
    // Importing the same file again adds nothing (an interrupted import can
    // simply be run again).
    let again = import_project(&mut b, &out1).unwrap();
    assert_eq!((again.documents_added, again.documents_matched), (0, imported.documents_added));
    assert_eq!((again.codings, again.codings_existing, again.memos), (0, imported.codings, 0));
    let out2 = tmp.path().join("b.qdpx");
    export_project(&b, &out2, &ExportOptions::default()).unwrap();

    let (bytes1, bytes2) = (std::fs::read(&out1).unwrap(), std::fs::read(&out2).unwrap());
    assert_eq!(codings_of(&a), codings_of(&b));
    assert_eq!(codings_of(&a).len(), imported.codings);
    assert!(bytes1 == bytes2, "re-export differs from the first export");
    // The same project exported again gives the same bytes.
    let out3 = tmp.path().join("a2.qdpx");
    export_project(&a, &out3, &ExportOptions::default()).unwrap();
    assert!(bytes1 == std::fs::read(&out3).unwrap());

    // Sources are UTF-8 without BOM with LF line ends, under internal://.
    let (model, _) = policyscope_qdpx::read_qdpx_bytes(&bytes1, Limits::default()).unwrap();
    let qde = String::from_utf8(common::unzip_entry(&bytes1, "project.qde")).unwrap();
    for s in &model.sources {
        let raw = common::unzip_entry(&bytes1, &format!("sources/{}.txt", s.guid));
        assert!(!raw.starts_with(&[0xEF, 0xBB, 0xBF]) && !raw.contains(&b'\r'));
        assert!(qde.contains(&format!("plainTextPath=\"internal://{}.txt\"", s.guid)));
    }
    let qde_path = tmp.path().join("project.qde");
    std::fs::write(&qde_path, &qde).unwrap();
    common::xmllint(&qde_path, &common::schema("Project.xsd"));

    let qdc = tmp.path().join("study.qdc");
    export_codebook(&a, &qdc).unwrap();
    let qdc_text = std::fs::read_to_string(&qdc).unwrap();
    assert!(!qdc_text.contains("<Sets"));
    common::xmllint(&qdc, &common::schema("Codebook.xsd"));

    // The codebook alone goes into an empty project with its hierarchy.
    let c = Project::init(&tmp.path().join("c")).unwrap();
    drop(c);
    let mut c = Project::open(&tmp.path().join("c")).unwrap();
    let r = import_codebook(&mut c, &qdc).unwrap();
    let store_a = CodingStore::open(&a).unwrap();
    let store_c = CodingStore::open(&c).unwrap();
    let paths = |s: &CodingStore<'_>| {
        s.codes().unwrap().into_iter().map(|c| (c.guid, c.path, c.codable)).collect::<Vec<_>>()
    };
    assert_eq!(paths(&store_a), paths(&store_c));
    assert_eq!(r.codes, store_a.codes().unwrap().len());
}

#[test]
fn empty_codebook_is_an_error_not_an_invalid_file() {
    let tmp = tempfile::tempdir().unwrap();
    let p = Project::init(&tmp.path().join("p")).unwrap();
    let out = tmp.path().join("x.qdc");
    assert!(matches!(export_codebook(&p, &out), Err(policyscope_qdpx::Error::Invalid(_))));
    assert!(!out.exists());
    // An empty project still exports a valid .qdpx.
    let q = tmp.path().join("x.qdpx");
    export_project(&p, &q, &ExportOptions::default()).unwrap();
    let qde = tmp.path().join("empty.qde");
    std::fs::write(&qde, common::unzip_entry(&std::fs::read(&q).unwrap(), "project.qde")).unwrap();
    common::xmllint(&qde, &common::schema("Project.xsd"));
}

#[test]
fn odd_values_from_the_api_still_give_a_valid_file() {
    let tmp = tempfile::tempdir().unwrap();
    let p = Project::init(&tmp.path().join("p")).unwrap();
    let store = CodingStore::open(&p).unwrap();
    store
        .upsert_code(&policyscope_coding::NewCode {
            path: "A/B".into(),
            codable: true,
            colour: Some("red".into()),
            guid: Some("{ABCDEF01-0000-4000-8000-000000000001}".into()),
            description: "x < y & \u{1}z".into(),
            ..Default::default()
        })
        .unwrap();
    store
        .upsert_code(&policyscope_coding::NewCode {
            path: "C".into(),
            codable: true,
            guid: Some("not-a-guid".into()),
            ..Default::default()
        })
        .unwrap();
    let out = tmp.path().join("x.qdpx");
    export_project(&p, &out, &ExportOptions::default()).unwrap();
    let bytes = std::fs::read(&out).unwrap();
    let qde = tmp.path().join("odd.qde");
    std::fs::write(&qde, common::unzip_entry(&bytes, "project.qde")).unwrap();
    common::xmllint(&qde, &common::schema("Project.xsd"));
    let (model, _) = policyscope_qdpx::read_qdpx_bytes(&bytes, Limits::default()).unwrap();
    assert_eq!(model.codes[0].children[0].guid, "abcdef01-0000-4000-8000-000000000001");
    assert_eq!(model.codes[0].children[0].color, None);
    let qdc = tmp.path().join("odd.qdc");
    export_codebook(&p, &qdc).unwrap();
    common::xmllint(&qdc, &common::schema("Codebook.xsd"));
}
