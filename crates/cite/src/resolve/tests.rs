use super::*;
use crate::extract::extract;

fn meta(id: i64, title: &str, date: Option<&str>) -> DocumentMeta {
    DocumentMeta {
        source_path: format!("/c/{id}.md"),
        ..DocumentMeta::new(id, title, date.and_then(|d| d.parse().ok()))
    }
}

fn docs() -> Vec<DocumentMeta> {
    vec![
        meta(1, "中华人民共和国标准化法", Some("1988-12-29")),
        meta(2, "中华人民共和国标准化法", Some("2017-11-04")),
        meta(3, "中华人民共和国网络安全法", Some("2016-11-07")),
        meta(4, "生成式人工智能服务管理暂行办法", Some("2023-07")),
    ]
}

fn run(citing: &DocumentMeta, text: &str, catalog: Option<&Catalog>) -> Vec<Citation> {
    let mut all = docs();
    all.push(citing.clone());
    Resolver::new(&all, catalog).resolve(citing, &extract(text))
}

#[test]
fn picks_the_version_in_force() {
    let citing = meta(10, "某某规定", Some("2020-01-01"));
    let c = run(&citing, "根据《中华人民共和国标准化法》第十条和《标准化法》", None);
    assert_eq!(c.len(), 2);
    assert!(c.iter().all(|c| c.status == Status::Resolved));
    assert!(c.iter().all(|c| c.target.as_ref().and_then(|d| d.id) == Some(2)));
    assert!(c[0].version_note.as_deref().unwrap_or("").contains("2017-11-04"));
    let old = meta(11, "某某规定", Some("1995-05-05"));
    assert_eq!(run(&old, "《标准化法》", None)[0].target.as_ref().and_then(|d| d.id), Some(1));
}

#[test]
fn self_external_unresolved_and_non_documents() {
    let citing = meta(4, "生成式人工智能服务管理暂行办法", Some("2023-07"));
    let text =
        "《生成式人工智能服务管理暂行办法》《互联网信息服务深度合成管理规定》《人民日报》《网络安全法》";
    let c = run(&citing, text, None);
    let st: Vec<_> = c.iter().map(|c| c.status).collect();
    assert_eq!(st, [Status::SelfRef, Status::Unresolved, Status::Resolved]);
    let cat = Catalog::parse("no\tdate\ttitle_zh\n17\t2023-01\t互联网信息服务深度合成管理规定\n").unwrap();
    let c = run(&citing, text, Some(&cat));
    assert_eq!(c[1].status, Status::External);
    assert_eq!(c[1].target.as_ref().and_then(|d| d.catalog_no.as_deref()), Some("17"));
}

#[test]
fn short_names_follow_their_definition() {
    let citing = meta(12, "某某办法", Some("2000-01-01"));
    let c = run(&citing, "《中华人民共和国网络安全法》（以下简称《安全法》）……《安全法》第五条", None);
    assert_eq!(c.len(), 2);
    assert_eq!(c[1].reference.kind, RefKind::Alias);
    assert_eq!(c[1].target.as_ref().and_then(|d| d.id), Some(3));
}

#[test]
fn fuzzy_matches_are_scored_or_left_as_candidates() {
    let citing = meta(13, "某某通知", Some("2024-01-01"));
    let c = run(&citing, "《国务院生成式人工智能服务管理暂行办法》《生成式人工智能服务管理办法》", None);
    assert_eq!(c[0].status, Status::Resolved);
    assert_eq!(c[0].method.as_deref(), Some("fuzzy"));
    assert!(c[0].score.unwrap_or(1.0) < 1.0);
    assert_eq!(c[1].status, Status::Unresolved);
    assert_eq!(c[1].candidates[0].target.id, Some(4));
}

#[test]
fn a_law_cited_before_its_only_version_is_later_than_citing_and_explained() {
    let citing = meta(14, "某某办法", Some("2015-03-01"));
    let c = run(&citing, "依据《中华人民共和国网络安全法》制定。", None);
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].target.as_ref().and_then(|d| d.id), Some(3));
    assert_eq!(c[0].version, Some(VersionStatus::LaterThanCiting));
    let note = c[0].version_note.as_deref().unwrap_or("");
    assert!(note.contains("2015-03-01") && note.contains("2016-11-07"), "{note}");
    let later = meta(15, "某某办法", Some("2017-01-01"));
    let c = run(&later, "依据《中华人民共和国网络安全法》制定。", None);
    assert_eq!((c[0].version, c[0].version_note.as_deref()), (Some(VersionStatus::InForce), None));
}

#[test]
fn a_documents_own_number_in_its_text_is_self() {
    let citing = meta(16, "最高人民法院关于某某问题的解释", Some("2023-05-24"));
    let text = "最高人民法院关于某某问题的解释\n\n法释〔2023〕3号\n\n第一条 依照法释〔2012〕21号办理。";
    let c = run(&citing, text, None);
    let st: Vec<_> = c.iter().map(|c| (c.reference.name.as_str(), c.status)).collect();
    assert_eq!(st, [("法释〔2023〕3号", Status::SelfRef), ("法释〔2012〕21号", Status::Unresolved)]);
    // The number given in the metadata counts wherever it is quoted.
    let with_docno = DocumentMeta { docno: Some("法释〔2012〕21号".into()), ..citing };
    let c = run(&with_docno, text, None);
    assert!(c.iter().all(|c| c.status == Status::SelfRef), "{c:?}");
}
