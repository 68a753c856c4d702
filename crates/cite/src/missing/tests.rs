use super::*;
use crate::model::{Candidate, RefKind, Reference};

fn doc(id: i64, title: &str, date: Option<&str>) -> DocRef {
    DocRef {
        id: Some(id),
        source_path: None,
        title: title.into(),
        date: date.and_then(|d| d.parse().ok()),
        catalog_no: None,
    }
}

fn cite(
    from: &DocRef,
    name: &str,
    status: Status,
    to: Option<&DocRef>,
    version: Option<VersionStatus>,
) -> Citation {
    Citation {
        citing: from.clone(),
        seq: 0,
        reference: Reference {
            kind: RefKind::Title,
            text: format!("《{name}》"),
            name: name.into(),
            clause: None,
            docno: None,
            start: 0,
            end: 0,
            alias_of: None,
        },
        status,
        target: to.cloned(),
        method: None,
        score: None,
        version,
        version_note: None,
        candidates: vec![],
    }
}

#[test]
fn versions_later_than_the_citing_document_are_listed_per_cited_document() {
    let law = doc(1, "中华人民共和国某某法", Some("2021-06-10"));
    let (a, b, c) = (
        doc(2, "甲规定", Some("2018-01-01")),
        doc(3, "乙规定", Some("2016-05-01")),
        doc(4, "丙规定", Some("2022-01-01")),
    );
    let later = Some(VersionStatus::LaterThanCiting);
    let w = worklist(&[
        cite(&a, "某某法", Status::Resolved, Some(&law), later),
        cite(&a, "某某法", Status::Resolved, Some(&law), later),
        cite(&b, "中华人民共和国某某法", Status::Resolved, Some(&law), later),
        cite(&c, "某某法", Status::Resolved, Some(&law), Some(VersionStatus::InForce)),
        cite(&c, "某某法", Status::Resolved, Some(&law), Some(VersionStatus::Undated)),
    ]);
    assert_eq!(w.missing_versions.len(), 1);
    let m = &w.missing_versions[0];
    let needed: Vec<_> = m.needed.iter().map(|n| (n.citing.id, n.references, n.resolved_to.id)).collect();
    assert_eq!(needed, [(Some(3), 1, Some(1)), (Some(2), 2, Some(1))], "oldest citing document first");
    assert_eq!(w.undated, 1);
    assert!(w.unresolved.is_empty());
}

#[test]
fn unresolved_references_are_grouped_by_name() {
    let (a, b) = (doc(2, "甲规定", Some("2018-01-01")), doc(3, "乙规定", None));
    let mut with_candidate = cite(&b, "中华人民共和国某某条例", Status::Unresolved, None, None);
    with_candidate.candidates = vec![Candidate { target: doc(9, "某某暂行条例", None), score: 0.7 }];
    let w = worklist(&[
        cite(&a, "某某条例", Status::Unresolved, None, None),
        cite(&a, "某某条例", Status::Unresolved, None, None),
        with_candidate,
        cite(&b, "另一个办法", Status::Unresolved, None, None),
        cite(&b, "甲规定", Status::SelfRef, Some(&b), None),
    ]);
    let names: Vec<_> =
        w.unresolved.iter().map(|u| (u.name.as_str(), u.references, u.citing.len())).collect();
    assert_eq!(names, [("某某条例", 3, 2), ("另一个办法", 1, 1)]);
    assert_eq!(w.unresolved[0].candidates, ["某某暂行条例"]);
    assert!(w.missing_versions.is_empty());
}
