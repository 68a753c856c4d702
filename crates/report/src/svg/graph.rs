//! The citation graph of a report or the web app, drawn by the citation
//! crate's renderer (`policyscope_cite::graph::svg`): one column per year,
//! seeds ringed, snowball rounds coloured, catalog entries hollow, edges to
//! versions later than the citing document dashed, documents as links.

use policyscope_cite::graph::svg::{to_svg, Layering, NodeLinks, SvgOptions};
use policyscope_cite::graph::{CitationGraph, Edge, Node};
use policyscope_cite::{DocRef, VersionStatus};

use crate::model::Graph;

/// How a link to a version later than the citing document is marked in
/// lists (document pages, the links table, Markdown).
pub const LATER_NOTE: &str = "later version: the version cited is missing";

/// The report's graph in the form the renderer draws.
fn citation_graph(graph: &Graph) -> CitationGraph {
    let nodes = graph
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| Node {
            key: n.doc_id.map_or_else(|| format!("x{i}"), |d| format!("d{d}")),
            doc: DocRef {
                id: n.doc_id,
                source_path: None,
                title: n.title.clone(),
                date: n.date,
                catalog_no: None,
            },
            year: n.year,
            round: n.round.map(|r| r as usize),
            seed: n.seed,
            external: n.doc_id.is_none(),
            in_degree: n.in_degree,
            out_degree: n.out_degree,
            pagerank: n.pagerank,
            component: 0,
        })
        .collect();
    let edges = graph
        .edges
        .iter()
        .filter(|e| e.from != e.to && e.from < graph.nodes.len() && e.to < graph.nodes.len())
        .map(|e| Edge {
            source: e.from,
            target: e.to,
            references: e.weight as usize,
            version: if e.later_than_citing {
                VersionStatus::LaterThanCiting
            } else {
                VersionStatus::InForce
            },
        })
        .collect();
    CitationGraph { nodes, edges, components: 0 }
}

/// Renders the graph as a pannable figure with element id `id`; document
/// nodes link to `link_prefix` + id + `link_suffix`.
pub fn render(graph: &Graph, id: &str, link_prefix: &str, link_suffix: &str) -> String {
    let opts = SvgOptions {
        layering: Layering::Year,
        element_id: Some(id.to_string()),
        links: Some(NodeLinks { prefix: link_prefix.to_string(), suffix: link_suffix.to_string() }),
        ..SvgOptions::default()
    };
    to_svg(&citation_graph(graph), &opts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{GraphEdge, GraphNode};

    fn node(doc_id: Option<i64>, year: Option<i32>, round: Option<u32>) -> GraphNode {
        GraphNode {
            doc_id,
            label: format!("<doc {doc_id:?}>"),
            title: format!("<doc {doc_id:?}>"),
            year,
            round,
            seed: round == Some(0),
            date: year.and_then(|y| format!("{y}-01-01").parse().ok()),
            in_degree: 0,
            out_degree: 0,
            pagerank: 0.0,
        }
    }

    #[test]
    fn report_figure_links_documents_rings_seeds_and_dashes_later_versions() {
        let g = Graph {
            nodes: vec![
                node(Some(1), Some(2020), Some(0)),
                node(Some(2), Some(2017), Some(1)),
                node(None, None, None),
            ],
            edges: vec![
                GraphEdge { from: 0, to: 1, weight: 2, later_than_citing: false },
                GraphEdge { from: 1, to: 2, weight: 1, later_than_citing: true },
            ],
            total_nodes: 3,
        };
        let svg = render(&g, "g", "docs/", ".html");
        assert!(svg.contains("id=\"g\" class=\"pannable\""));
        assert!(svg.contains("&lt;doc Some(1)&gt;") && !svg.contains("<doc Some(1)>"));
        assert!(svg.contains("href=\"docs/1.html\"") && svg.contains("href=\"docs/2.html\""));
        assert_eq!(svg.matches("class=\"node-link\"").count(), 2, "the catalog entry links nowhere");
        assert_eq!(svg.matches("marker-end=").count(), 2);
        assert_eq!(svg.matches("class=\"later-than-citing\"").count(), 1);
        assert!(svg.contains("stroke=\"#000\" stroke-width=\"3\"/>"), "seed ring");
        assert!(svg.contains("round 0, seed"));
    }
}
