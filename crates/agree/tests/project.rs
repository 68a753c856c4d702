//! Agreement over a real project store.

use policyscope_agree::{compare, CompareOptions, Unit};
use policyscope_coding::{CodingStore, NewCode, NewCoding, Status};
use policyscope_corpus::import::{import_paths, ImportOptions};
use policyscope_corpus::Project;

/// A project with one 1000-character document (ten paragraphs of 99
/// characters plus a line break) and a code `T/X`.
fn setup(dir: &std::path::Path) -> (Project, i64, i64) {
    let text: String = (0..10)
        .map(|i| format!("{}\n", char::from_u32(0x4e00 + i).unwrap().to_string().repeat(99)))
        .collect();
    assert_eq!(text.chars().count(), 1000);
    let file = dir.join("doc.txt");
    std::fs::write(&file, &text).unwrap();
    let mut p = Project::init(&dir.join("p")).unwrap();
    import_paths(&mut p, &[file], &ImportOptions::default(), &mut |_| {});
    let doc = p.documents(false).unwrap()[0].id;
    let code = {
        let s = CodingStore::open(&p).unwrap();
        s.upsert_code(&NewCode { path: "T/X".into(), codable: true, ..NewCode::default() }).unwrap().id
    };
    (p, doc, code)
}

fn code(p: &Project, doc: i64, code: i64, coder: &str, start: i64, end: i64) {
    let s = CodingStore::open(p).unwrap();
    s.add_coding(&NewCoding {
        doc_id: doc,
        code_id: code,
        start,
        end,
        coder: coder.into(),
        status: Status::Accepted,
        guid: None,
    })
    .unwrap();
}

#[test]
fn nvivo_example_on_a_project() {
    let tmp = tempfile::tempdir().unwrap();
    let (p, doc, x) = setup(tmp.path());
    code(&p, doc, x, "alice", 0, 150);
    code(&p, doc, x, "bob", 100, 200);
    code(&p, doc, x, "carol", 150, 160);
    let opts = |coders: &[&str], unit| CompareOptions {
        coders: coders.iter().map(|s| s.to_string()).collect(),
        unit,
        codes: vec![],
        documents: vec![],
        all_cells: false,
    };
    let c = compare(&p, &opts(&["alice", "bob"], Unit::Char)).unwrap();
    let pair = c.cells[0].figures.pair.unwrap();
    assert_eq!(pair.percent_agreement, Some(85.0));
    assert_eq!(c.codes[0].code, "T/X");
    // Groups: alice or carol vs bob → carol's [150,160) joins the overlap.
    let g = compare(&p, &opts(&["alice+carol", "bob"], Unit::Char)).unwrap();
    assert_eq!(g.cells[0].figures.pair.unwrap().counts.both, 60);
    // Paragraphs ([0,99), [100,199) …): alice touches 0 and 1, bob only 1.
    let para = compare(&p, &opts(&["alice", "bob"], Unit::Paragraph)).unwrap();
    let counts = para.cells[0].figures.pair.unwrap().counts;
    assert_eq!((counts.both, counts.only_a, counts.only_b, counts.neither), (1, 1, 0, 8));
    assert_eq!(para.disagreements.len(), 1);
    // Three coders: Fleiss and α, no pair figures.
    let three = compare(&p, &opts(&["alice", "bob", "carol"], Unit::Sentence)).unwrap();
    assert!(three.cells[0].figures.pair.is_none() && three.cells[0].figures.fleiss_kappa.is_some());
    // Document unit: everyone coded the one document.
    let d = compare(&p, &opts(&["alice", "bob"], Unit::Document)).unwrap();
    assert_eq!(d.codes[0].pooled.pair.unwrap().percent_agreement, Some(100.0));
    assert!(compare(&p, &opts(&["alice", "nobody"], Unit::Char)).is_err());
    // Every code × document on request: a second code nobody used agrees fully.
    CodingStore::open(&p)
        .unwrap()
        .upsert_code(&NewCode { path: "T/Y".into(), codable: true, ..NewCode::default() })
        .unwrap();
    let all =
        compare(&p, &CompareOptions { all_cells: true, ..opts(&["alice", "bob"], Unit::Char) }).unwrap();
    assert_eq!(all.cells.len(), 2);
    let y = all.cells.iter().find(|c| c.code == "T/Y").unwrap().figures.pair.unwrap();
    assert_eq!((y.percent_agreement, y.kappa), (Some(100.0), Some(1.0)));
    assert!(compare(&p, &opts(&["alice"], Unit::Char)).is_err());
}
