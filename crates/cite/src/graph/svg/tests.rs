use super::*;
use crate::graph::build_graph;
use crate::model::{Citation, DocRef, RefKind, Reference, Status};

fn doc(id: i64, title: &str, date: &str) -> DocRef {
    DocRef { id: Some(id), source_path: None, title: title.into(), date: date.parse().ok(), catalog_no: None }
}

fn cite(from: &DocRef, to: &DocRef, version: VersionStatus) -> Citation {
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
        version: Some(version),
        version_note: None,
        candidates: vec![],
    }
}

fn graph() -> CitationGraph {
    let old = doc(1, "<旧> 规定", "2015-01-01");
    let law = doc(2, "某某法", "2021-06-10");
    let rules = doc(3, "某某办法", "2022-01-01");
    build_graph(
        &[cite(&old, &law, VersionStatus::LaterThanCiting), cite(&rules, &law, VersionStatus::InForce)],
        None,
    )
}

#[test]
fn an_edge_to_a_version_later_than_the_citing_document_is_dashed_and_in_the_legend() {
    let svg = to_svg(&graph(), &SvgOptions::default());
    assert_eq!(svg.matches("class=\"later-than-citing\"").count(), 1, "{svg}");
    assert_eq!(svg.matches("marker-end=\"url(#citation-graph-arrow-later)\"").count(), 1);
    assert_eq!(svg.matches("marker-end=\"url(#citation-graph-arrow)\"").count(), 1);
    assert!(svg.contains("cites a later version (the version cited is missing)"));
    let plain = build_graph(
        &[cite(&doc(3, "某某办法", "2022-01-01"), &doc(2, "某某法", "2021-06-10"), VersionStatus::InForce)],
        None,
    );
    assert!(!to_svg(&plain, &SvgOptions::default()).contains("later version"));
}

#[test]
fn a_figure_for_a_page_is_pannable_and_its_documents_are_links() {
    let opts = SvgOptions {
        element_id: Some("g1".into()),
        links: Some(NodeLinks { prefix: "docs/".into(), suffix: ".html".into() }),
        ..SvgOptions::default()
    };
    let svg = to_svg(&graph(), &opts);
    assert!(svg.contains("id=\"g1\" class=\"pannable\""));
    assert!(svg.contains("url(#g1-arrow)") && !svg.contains("citation-graph-arrow"));
    for id in 1..=3 {
        let node =
            format!("<a href=\"docs/{id}.html\" class=\"node-link\"><g class=\"node\" data-doc=\"{id}\">");
        assert!(svg.contains(&node), "{id}");
    }
    let standalone = to_svg(&graph(), &SvgOptions::default());
    assert!(!standalone.contains("node-link") && !standalone.contains("pannable"));
    assert!(standalone.contains("width=\"") && standalone.contains("height=\""));
}

#[test]
fn labels_are_escaped() {
    let svg = to_svg(&graph(), &SvgOptions::default());
    assert!(svg.contains("&lt;旧&gt; 规定") && !svg.contains("<旧>"));
}

#[test]
fn rounds_are_coloured_and_seeds_ringed() {
    let mut g = graph();
    g.nodes[0].round = Some(0);
    g.nodes[0].seed = true;
    g.nodes[1].round = Some(1);
    let svg = to_svg(&g, &SvgOptions { layering: Layering::Round, ..SvgOptions::default() });
    assert!(svg.contains(&format!("fill=\"{}\" stroke=\"#000\" stroke-width=\"3\"", ROUND_COLORS[0])));
    assert!(svg.contains(&format!("r=\"6\" fill=\"{}\"", ROUND_COLORS[1])));
    assert!(svg.contains(&format!("r=\"6\" fill=\"{OUTSIDE}\"")), "document outside the snowball");
    assert!(
        svg.contains(">seeds</text>") && svg.contains(">round 1</text>") && svg.contains(">other</text>")
    );
    assert!(svg.contains(", round 0, seed"), "tooltip names round and seed");
}
