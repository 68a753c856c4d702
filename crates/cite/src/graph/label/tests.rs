use proptest::prelude::*;

use super::*;
use crate::graph::build_graph;
use crate::model::{Citation, DocRef, RefKind, Reference, Status, VersionStatus};

fn doc(id: i64, title: &str, date: &str) -> DocRef {
    DocRef { id: Some(id), source_path: None, title: title.into(), date: date.parse().ok(), catalog_no: None }
}

fn cite(from: &DocRef, to: &DocRef) -> Citation {
    Citation {
        citing: from.clone(),
        seq: 0,
        reference: Reference {
            kind: RefKind::Title,
            text: format!("《{}》", to.title),
            name: to.title.clone(),
            clause: None,
            docno: None,
            start: 0,
            end: 0,
            alias_of: None,
        },
        status: Status::Resolved,
        target: Some(to.clone()),
        method: Some("exact".into()),
        score: Some(1.0),
        version: Some(VersionStatus::InForce),
        version_note: None,
        candidates: vec![],
    }
}

fn units_of(s: &str) -> usize {
    s.chars().map(width).sum()
}

#[test]
fn the_state_prefix_and_revision_notes_are_dropped_from_labels() {
    assert_eq!(short_title("中华人民共和国网络安全法"), "网络安全法");
    assert_eq!(short_title("中华人民共和国科学技术进步法（2021年修订）"), "科学技术进步法");
    assert_eq!(short_title("某某条例(2018修正)"), "某某条例");
    assert_eq!(short_title("某某办法（试行）"), "某某办法（试行）", "a trial version is another document");
    assert_eq!(
        short_title("国家人工智能产业综合标准化体系建设指南（2024版）"),
        "国家人工智能产业综合标准化体系建设指南（2024版）"
    );
    assert_eq!(short_title("中华人民共和国"), "中华人民共和国", "nothing would be left");
    assert_eq!(short_title("（2021年修订）"), "（2021年修订）");
}

#[test]
fn chinese_labels_wrap_by_characters_and_english_ones_at_spaces() {
    let lines = wrap("互联网信息服务算法推荐管理规定", 24, 2, "");
    assert_eq!(lines, vec!["互联网信息服务算法推荐管".to_string(), "理规定".into()]);
    let lines = wrap("Personal Information Protection Law of the PRC (NPC English)", 24, 2, "");
    assert_eq!(lines[0], "Personal Information");
    assert!(lines[1].starts_with("Protection Law of the") && lines[1].ends_with('…'), "{lines:?}");
    for l in &lines {
        assert!(units_of(l) <= 24, "{l}");
    }
}

#[test]
fn a_cut_label_keeps_its_tail() {
    let lines = wrap("计算机信息网络国际联网安全保护管理办法实施细则", 24, 2, " (2011)");
    assert_eq!(lines.len(), 2);
    assert!(lines[1].ends_with("… (2011)"), "{lines:?}");
    assert!(units_of(&lines[1]) <= 24, "{lines:?}");
    assert_eq!(wrap("标准化法", 24, 2, " (2017)"), vec!["标准化法 (2017)".to_string()]);
    // A full first line leaves the tail a line of its own.
    assert_eq!(
        wrap("互联网信息服务管理办法", 22, 2, " (2021)"),
        vec!["互联网信息服务管理办法".to_string(), "(2021)".into()]
    );
}

#[test]
fn versions_of_one_law_are_told_apart_by_year_then_by_id() {
    let old = doc(1, "中华人民共和国网络安全法", "2016-11-07");
    let new = doc(2, "网络安全法", "2025-10-28");
    let same_year = doc(3, "中华人民共和国网络安全法", "2025-01-01");
    let citing = doc(4, "某某办法", "2026-01-01");
    let g = build_graph(&[cite(&citing, &old), cite(&citing, &new), cite(&citing, &same_year)], None);
    let labels = node_labels(&g, 24);
    let by_id =
        |id: i64| labels[g.nodes.iter().position(|n| n.doc.id == Some(id)).unwrap_or(usize::MAX)].clone();
    assert_eq!(by_id(1), vec!["网络安全法 (2016)".to_string()]);
    assert_eq!(by_id(2), vec!["网络安全法 #2".to_string()]);
    assert_eq!(by_id(3), vec!["网络安全法 #3".to_string()]);
    assert_eq!(by_id(4), vec!["某某办法".to_string()], "a label no other node has stays as it is");
}

proptest! {
    #[test]
    fn wrapped_lines_never_exceed_the_box(
        label in ".{0,80}",
        units in 10usize..40,
        lines in 1usize..4,
        tail in "( \\(20[0-9]{2}\\)| #[0-9]{1,3})?",
    ) {
        let out = wrap(&label, units, lines, &tail);
        prop_assert!(!out.is_empty() && out.len() <= lines);
        for l in &out {
            prop_assert!(units_of(l) <= units, "{:?} wider than {}", l, units);
        }
    }

    #[test]
    fn labels_of_any_titles_are_distinct(titles in proptest::collection::vec("[网络安全法条例 a-c]{0,30}", 1..12)) {
        let citing = doc(1000, "引用文件", "2024-01-01");
        let docs: Vec<DocRef> =
            titles.iter().enumerate().map(|(i, t)| doc(i as i64 + 1, t, "2020-01-01")).collect();
        let cites: Vec<Citation> = docs.iter().map(|d| cite(&citing, d)).collect();
        let g = build_graph(&cites, None);
        let labels = node_labels(&g, 24);
        prop_assert!(clashing(&labels).is_empty(), "{:?}", labels);
    }
}
