//! Snapshots of the graph exports for a small made-up graph: two documents
//! citing a third, one of them also citing a catalog entry, and an older
//! document citing a law only held in a later version.

use policyscope_cite::graph::{build_graph, export, svg};
use policyscope_cite::{Citation, DocRef, RefKind, Reference, Status, VersionStatus};

fn doc(id: i64, title: &str, date: &str) -> DocRef {
    DocRef {
        id: Some(id),
        source_path: Some(format!("corpus/{id}.md")),
        title: title.into(),
        date: date.parse().ok(),
        catalog_no: None,
    }
}

fn cite(seq: usize, from: &DocRef, to: &DocRef, status: Status) -> Citation {
    Citation {
        citing: from.clone(),
        seq,
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
        status,
        target: Some(to.clone()),
        method: Some("exact".into()),
        score: Some(1.0),
        version: Some(if from.date < to.date {
            VersionStatus::LaterThanCiting
        } else {
            VersionStatus::InForce
        }),
        version_note: None,
        candidates: vec![],
    }
}

fn citations() -> Vec<Citation> {
    let law = doc(1, "中华人民共和国网络安全法", "2016-11-07");
    let measures = doc(2, "生成式人工智能服务管理暂行办法", "2023-07");
    let rules = doc(3, "互联网信息服务算法推荐管理规定", "2021-11-16");
    let external = DocRef {
        id: None,
        source_path: None,
        title: "互联网信息服务深度合成管理规定".into(),
        date: "2023-01".parse().ok(),
        catalog_no: Some("17".into()),
    };
    vec![
        cite(0, &measures, &law, Status::Resolved),
        cite(1, &measures, &law, Status::Resolved),
        cite(2, &measures, &rules, Status::Resolved),
        cite(3, &measures, &external, Status::External),
        cite(0, &rules, &law, Status::Resolved),
        cite(1, &rules, &rules, Status::SelfRef),
        cite(0, &doc(4, "互联网信息服务管理办法", "2011-01-08"), &law, Status::Resolved),
    ]
}

#[test]
fn dot_graphml_json_and_svg() {
    let g = build_graph(&citations(), None);
    assert_eq!((g.nodes.len(), g.edges.len()), (5, 5));
    insta::assert_snapshot!("dot", export::to_dot(&g));
    insta::assert_snapshot!("graphml", export::to_graphml(&g));
    insta::assert_snapshot!("json", export::to_json(&g).unwrap());
    insta::assert_snapshot!("svg", svg::to_svg(&g, &svg::SvgOptions::default()));
}
