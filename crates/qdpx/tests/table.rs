//! The codings table: one 0/1 column per code per passage or document.

use policyscope_coding::{CodingStore, NewCode, NewCoding, Status};
use policyscope_corpus::import::{import_paths, ImportOptions};
use policyscope_corpus::Project;
use policyscope_qdpx::table::{codings_table, RowUnit};

fn project(dir: &std::path::Path) -> Project {
    let a = dir.join("a.txt");
    let b = dir.join("b.txt");
    std::fs::write(
        &a,
        "关于推进标准化的通知\n第一条 推进国际标准化，参与国际标准制定。\n第二条 培养标准化人才。\n",
    )
    .unwrap();
    std::fs::write(&b, "Notice on \"open\" data, 2021\nArticle 1. Standards shall be open. Really.\n")
        .unwrap();
    let mut p = Project::init(&dir.join("p")).unwrap();
    import_paths(&mut p, &[a, b], &ImportOptions::default(), &mut |_| {});
    let s = CodingStore::open(&p).unwrap();
    let code = |path: &str| {
        s.upsert_code(&NewCode { path: path.into(), codable: true, ..NewCode::default() }).unwrap().id
    };
    let (intl, talent, open) =
        (code("Target/Internationalisation"), code("Tool/Talent Training"), code("Openness"));
    let add = |doc: i64, code_id: i64, start: i64, end: i64, coder: &str, status: Status| {
        s.add_coding(&NewCoding { doc_id: doc, code_id, start, end, coder: coder.into(), status, guid: None })
            .unwrap()
    };
    add(1, intl, 15, 22, "alice", Status::Accepted);
    add(1, talent, 35, 40, "bob", Status::Accepted);
    let rejected = add(2, open, 64, 71, "auto:x@1", Status::Proposed);
    s.reject(rejected.id, "alice").unwrap();
    add(2, open, 31, 64, "bob", Status::Accepted);
    p
}

#[test]
fn tables_by_unit_and_coder() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path());
    insta::assert_snapshot!("documents", codings_table(&p, RowUnit::Document, None).unwrap().to_csv(false));
    insta::assert_snapshot!("sentences", codings_table(&p, RowUnit::Sentence, None).unwrap().to_csv(false));
    insta::assert_snapshot!(
        "paragraphs_bob_json",
        codings_table(&p, RowUnit::Paragraph, Some("bob")).unwrap().to_json()
    );
}
