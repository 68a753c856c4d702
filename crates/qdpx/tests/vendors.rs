//! Imports of hand-written files that mimic NVivo, ATLAS.ti and MAXQDA land
//! every coding on the intended text.

mod common;

use std::collections::BTreeSet;

use policyscope_coding::{CodingFilter, CodingStore, MemoTarget};
use policyscope_corpus::Project;
use policyscope_qdpx::{import_model, read_qdpx_bytes, Limits};

/// The source text every fixture codes (shipped with CRLF line ends).
const TEXT: &str = "第一条 为了推进标准化工作，制定本法。\n第二条 国家积极推动参与国际标准化活动。\nArticle 3 Standards shall be open.\n";

fn crlf() -> String {
    TEXT.replace('\n', "\r\n")
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn expected() -> BTreeSet<(String, String)> {
    [
        ("Target/Internationalisation", "推进标准化工作"),
        ("Target/Internationalisation", "参与国际标准化活动"),
        ("Tool/Openness", "Standards shall be open"),
    ]
    .iter()
    .map(|(c, t)| (c.to_string(), t.to_string()))
    .collect()
}

/// Imports an archive; returns the project (in `dir`), coded texts, coders
/// and the report.
fn import(
    dir: &std::path::Path,
    zip: &[u8],
) -> (Project, BTreeSet<(String, String)>, BTreeSet<String>, policyscope_qdpx::ImportReport) {
    let (model, report) = read_qdpx_bytes(zip, Limits::default()).unwrap();
    let mut project = Project::init(dir).unwrap();
    let r = import_model(&mut project, &model, report, "fixture").unwrap();
    let (coded, coders) = {
        let store = CodingStore::open(&project).unwrap();
        let codings = store.codings(&CodingFilter::default()).unwrap();
        let coded = codings
            .iter()
            .map(|c| {
                let text = project.document(c.doc_id).unwrap().text;
                let s: String =
                    text.chars().skip(c.start as usize).take((c.end - c.start) as usize).collect();
                (c.code_path.clone(), s)
            })
            .collect();
        (coded, codings.iter().map(|c| c.coder.clone()).collect())
    };
    (project, coded, coders, r)
}

#[test]
fn nvivo_crlf_counted_twice_capital_sources_and_annotation() {
    let tmp = tempfile::tempdir().unwrap();
    let note = "Annotation: international participation";
    let zip = common::zip_entries(&[
        ("Project.qde", fixture("nvivo.qde").as_bytes()),
        // The file name may keep the GUID's braces.
        ("Sources/{A1B2C3D4-0000-4000-8000-000000000100}.txt", crlf().as_bytes()),
        ("Sources/a1b2c3d4-0000-4000-8000-000000000401.txt", note.as_bytes()),
    ]);
    let (project, coded, coders, r) = import(tmp.path(), &zip);
    assert_eq!(coded, expected());
    assert_eq!(coders, BTreeSet::from(["Anna".to_string()]));
    assert!(r.report.lost.iter().any(|l| l.what.contains("PictureSource")), "{}", r.report);
    let store = CodingStore::open(&project).unwrap();
    // The annotation sits on the coding of the selection its Link points to.
    let memos = store.memos(None).unwrap();
    assert_eq!(memos.len(), 1);
    let MemoTarget::Coding(id) = memos[0].target else { panic!("{:?}", memos[0].target) };
    let c = store.coding(id).unwrap();
    assert_eq!((c.start, c.end), (30, 39));
    assert_eq!(memos[0].author, "Anna");
    let doc = project.documents(false).unwrap();
    assert_eq!(doc[0].title, "标准化法");
    assert_eq!(project.document(doc[0].id).unwrap().text, TEXT);
    // Colours and descriptions arrive, `#0A0` widened.
    let open = store.code_by_path("Tool/Openness").unwrap().unwrap();
    assert_eq!(open.colour.as_deref(), Some("#00aa00"));
    assert_eq!(open.guid, "a1b2c3d4-0000-4000-8000-000000000021");
    assert!(!store.code_by_path("Target").unwrap().unwrap().codable);
}

#[test]
fn atlas_flat_names_upper_guids_crlf_counted_once() {
    let tmp = tempfile::tempdir().unwrap();
    let zip = common::zip_entries(&[
        ("project.qde", fixture("atlas.qde").as_bytes()),
        ("sources/B0000000-0000-4000-8000-0000000000D1.txt", crlf().as_bytes()),
    ]);
    let (project, coded, coders, r) = import(tmp.path(), &zip);
    assert_eq!(coded, expected());
    assert_eq!(coders, BTreeSet::from(["Ben".to_string()]));
    assert!(r.report.lost.iter().any(|l| l.what.contains("Set \"Favourites\"")), "{}", r.report);
    let store = CodingStore::open(&project).unwrap();
    let tool = store.code_by_path("Tool").unwrap().unwrap();
    assert_eq!(tool.guid, "b0000000-0000-4000-8000-0000000000c3");
    assert_eq!(store.code_by_path("Tool/Openness").unwrap().unwrap().parent_id, Some(tool.id));
    assert!(!store.code_by_path("Target").unwrap().unwrap().codable);
}

#[test]
fn origin_mislabelled_is_caught_by_selection_names() {
    // The ATLAS.ti positions (CRLF as one) under an NVivo origin: the
    // selection names decide.
    let tmp = tempfile::tempdir().unwrap();
    let qde = fixture("atlas.qde").replace("ATLAS.ti 23.2.1", "NVivo 12");
    let zip = common::zip_entries(&[
        ("Export/whatever.QDE", qde.as_bytes()),
        ("Export/SOURCES/b0000000-0000-4000-8000-0000000000d1.txt", crlf().as_bytes()),
    ]);
    let (_, coded, _, r) = import(tmp.path(), &zip);
    assert_eq!(coded, expected());
    assert!(r.report.warnings.iter().any(|w| w.contains("CRLF as one")), "{}", r.report);
}

#[test]
fn maxqda_nameless_cases_bom_and_comments() {
    let tmp = tempfile::tempdir().unwrap();
    let mut text = vec![0xEF, 0xBB, 0xBF];
    text.extend_from_slice(crlf().as_bytes());
    let zip = common::zip_entries(&[
        ("project.qde", fixture("maxqda.qde").as_bytes()),
        ("sources/c0000000-0000-4000-8000-000000000100.txt", &text),
    ]);
    let (project, coded, coders, r) = import(tmp.path(), &zip);
    assert_eq!(coded, expected());
    assert_eq!(coders, BTreeSet::from(["Chen".to_string()]));
    let doc = &project.documents(false).unwrap()[0];
    assert_eq!(doc.docno.as_deref(), Some("主席令第78号"));
    let store = CodingStore::open(&project).unwrap();
    let memos: Vec<String> =
        store.memos(Some(MemoTarget::Document(doc.id))).unwrap().into_iter().map(|m| m.text).collect();
    assert!(memos.iter().any(|m| m.contains("Jahr = 2017")), "{memos:?}");
    assert!(
        memos.iter().any(|m| m.contains("国家积极推动") && m.contains("Who is the state here?")),
        "{memos:?}"
    );
    assert!(r.report.lost.is_empty(), "{}", r.report);
    // Folders that hold codings in MAXQDA stay codable.
    assert!(store.code_by_path("Target").unwrap().unwrap().codable);
}

#[test]
fn qualcoder_notes_land_on_their_objects() {
    let tmp = tempfile::tempdir().unwrap();
    let mut text = vec![0xEF, 0xBB, 0xBF];
    text.extend_from_slice(TEXT.as_bytes());
    let zip = common::zip_entries(&[
        ("project.qde", fixture("qualcoder.qde").as_bytes()),
        ("sources/e1000000-0000-4000-8000-000000000100.txt", &text),
    ]);
    let (project, coded, coders, r) = import(tmp.path(), &zip);
    assert_eq!(coded, expected());
    assert_eq!(coders, BTreeSet::from(["Dana".to_string()]));
    assert!(r.report.lost.is_empty(), "{}", r.report);
    let doc = &project.documents(false).unwrap()[0];
    assert_eq!(doc.date.map(|d| d.to_string()).as_deref(), Some("2017-11-04"));
    let store = CodingStore::open(&project).unwrap();
    let memos: Vec<(MemoTarget, String)> =
        store.memos(None).unwrap().into_iter().map(|m| (m.target, m.text)).collect();
    let on =
        |t: &MemoTarget| memos.iter().filter(|(m, _)| m == t).map(|(_, s)| s.as_str()).collect::<Vec<_>>();
    let doc_memos = on(&MemoTarget::Document(doc.id));
    assert!(doc_memos.contains(&"Source memo: the 2017 revision."), "{memos:?}");
    assert!(doc_memos.contains(&"Doc memo\nRead together with the 1988 law."), "{memos:?}");
    let target = store.code_by_path("Target").unwrap().unwrap();
    assert_eq!(on(&MemoTarget::Code(target.id)), vec!["Code memo."]);
    assert_eq!(on(&MemoTarget::Project), vec!["Journal\nProject journal entry."]);
    let first = store.codings(&CodingFilter::default()).unwrap().into_iter().find(|c| c.start == 6).unwrap();
    assert_eq!(on(&MemoTarget::Coding(first.id)), vec!["Coding memo\nClear case of internationalisation."]);
}
