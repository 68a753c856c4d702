//! The figure of the whole study corpus (its texts, the English
//! translations, the extra laws, earlier and later versions of two laws and
//! the catalog entries they cite): every box reads differently, and none
//! carries the 中华人民共和国 prefix.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use policyscope_cite::graph::project_graph;
use policyscope_cite::graph::svg::{to_svg, SvgOptions};
use policyscope_corpus::Catalog;

/// The text of each `<text class="label">` of the figure, tspans joined by
/// a space, in drawing order.
fn visible_labels(svg: &str) -> Vec<String> {
    let mut out = Vec::new();
    for piece in svg.split("<text class=\"label\"").skip(1) {
        let inner = &piece[..piece.find("</text>").unwrap_or(piece.len())];
        let lines: Vec<&str> = inner
            .split("<tspan")
            .skip(1)
            .map(|t| {
                let t = &t[t.find('>').map_or(0, |i| i + 1)..];
                &t[..t.find("</tspan>").unwrap_or(t.len())]
            })
            .collect();
        out.push(lines.join(" "));
    }
    out
}

#[test]
fn no_two_documents_of_the_study_corpus_graph_share_a_visible_label() {
    let corpus = common::corpus();
    let files: Vec<PathBuf> = vec![
        corpus.join("study"),
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/versions")),
    ];
    let catalog = Catalog::load(&corpus.join("../domain/catalog.tsv")).unwrap();
    let (_dir, project) = common::project_with(&files, Some(catalog.clone()));
    let graph = project_graph(&project, Some(&catalog), None).unwrap();
    assert!(graph.nodes.len() >= 12, "only {} nodes", graph.nodes.len());
    // Two versions of one law are in the figure, so their titles alone clash.
    let titles: Vec<&str> = graph.nodes.iter().map(|n| n.doc.title.as_str()).collect();
    assert!(titles.iter().filter(|t| t.contains("网络安全法")).count() >= 2, "{titles:?}");

    let svg = to_svg(&graph, &SvgOptions::default());
    let labels = visible_labels(&svg);
    assert_eq!(labels.len(), graph.nodes.len(), "{svg}");
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for l in &labels {
        *seen.entry(l.as_str()).or_default() += 1;
        assert!(!l.starts_with("中华人民共和国"), "{l}");
        assert!(!l.trim().is_empty());
    }
    let shared: Vec<_> = seen.iter().filter(|(_, n)| **n > 1).collect();
    assert!(shared.is_empty(), "labels on more than one box: {shared:?}");
    // The full title is still there, on hover.
    assert!(svg.contains("<title>中华人民共和国网络安全法 (2016-11-07)"), "{svg}");
}
