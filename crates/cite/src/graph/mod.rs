//! The citation graph: documents as nodes, resolved references as edges
//! (self-references left out), with [`metrics`] and exports
//! ([`export`]: DOT, GraphML, JSON; [`svg`]: a drawn figure, its node
//! names from [`label`]).

pub mod export;
pub mod label;
pub mod metrics;
pub mod svg;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{Citation, DocRef, Status, VersionStatus};
use crate::snowball::SnowballResult;

/// A node: a project document or a catalog entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Node {
    /// Stable key: `d<id>` for documents, `x<catalog no or title>` for catalog entries.
    pub key: String,
    /// The document.
    pub doc: DocRef,
    /// Year of the document's date.
    pub year: Option<i32>,
    /// Snowball round, when the graph comes from a snowball.
    pub round: Option<usize>,
    /// Whether the document is a snowball seed.
    pub seed: bool,
    /// Whether the node is a catalog entry outside the project.
    pub external: bool,
    /// Number of distinct documents citing it.
    pub in_degree: usize,
    /// Number of distinct documents it cites.
    pub out_degree: usize,
    /// PageRank (damping 0.85), summing to 1 over the graph.
    pub pagerank: f64,
    /// Weakly connected component (0 is the largest).
    pub component: usize,
}

/// An edge: the citing node cites the cited node.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edge {
    /// Index of the citing node.
    pub source: usize,
    /// Index of the cited node.
    pub target: usize,
    /// Number of references behind the edge.
    pub references: usize,
    /// Whether the cited version existed on the citing date; an edge to a
    /// version `later_than_citing` stands in for a version the project lacks.
    pub version: VersionStatus,
}

/// A citation graph with its metrics.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CitationGraph {
    /// Nodes, documents by id then catalog entries by key.
    pub nodes: Vec<Node>,
    /// Edges, by source then target.
    pub edges: Vec<Edge>,
    /// Number of weakly connected components.
    pub components: usize,
}

fn key_of(doc: &DocRef) -> String {
    match doc.id {
        Some(id) => format!("d{id}"),
        None => format!("x{}", doc.catalog_no.clone().unwrap_or_else(|| doc.title.clone())),
    }
}

/// Builds the graph of resolved (and external) citations; with a snowball
/// result, only its admitted documents and the catalog entries they cite,
/// with rounds and seeds marked.
pub fn build_graph(citations: &[Citation], snowball: Option<&SnowballResult>) -> CitationGraph {
    let rounds = snowball.map(SnowballResult::round_of);
    let seeds: Vec<i64> =
        snowball.map(|s| s.seeds.iter().filter_map(|x| x.doc.id).collect()).unwrap_or_default();
    let in_scope = |d: &DocRef| match (&rounds, d.id) {
        (None, _) | (Some(_), None) => true,
        (Some(r), Some(id)) => r.contains_key(&id),
    };
    let mut nodes: BTreeMap<(bool, String), DocRef> = BTreeMap::new();
    let mut edge_counts: BTreeMap<(String, String), (usize, VersionStatus)> = BTreeMap::new();
    for c in citations {
        let Some(cited) = &c.target else { continue };
        if !matches!(c.status, Status::Resolved | Status::External)
            || !in_scope(&c.citing)
            || !in_scope(cited)
        {
            continue;
        }
        let (a, b) = (key_of(&c.citing), key_of(cited));
        nodes.entry((c.citing.id.is_none(), sort_key(&c.citing))).or_insert_with(|| c.citing.clone());
        nodes.entry((cited.id.is_none(), sort_key(cited))).or_insert_with(|| cited.clone());
        let e = edge_counts.entry((a, b)).or_insert((0, VersionStatus::InForce));
        // All references of one edge share both dates; the least sure
        // status wins should they not.
        e.0 += 1;
        e.1 = e.1.max(c.version.unwrap_or(VersionStatus::Undated));
    }
    // Admitted documents without any edge still belong to a snowball graph.
    if let Some(s) = snowball {
        for step in s.admitted() {
            nodes.entry((false, sort_key(&step.doc))).or_insert_with(|| step.doc.clone());
        }
    }
    let mut out_nodes: Vec<Node> = nodes
        .into_values()
        .map(|doc| Node {
            key: key_of(&doc),
            year: doc.date.map(|d| d.year()),
            round: doc.id.and_then(|id| rounds.as_ref().and_then(|r| r.get(&id).copied())),
            seed: doc.id.is_some_and(|id| seeds.contains(&id)),
            external: doc.id.is_none(),
            doc,
            in_degree: 0,
            out_degree: 0,
            pagerank: 0.0,
            component: 0,
        })
        .collect();
    let index: BTreeMap<String, usize> =
        out_nodes.iter().enumerate().map(|(i, n)| (n.key.clone(), i)).collect();
    let edges: Vec<Edge> = edge_counts
        .into_iter()
        .filter_map(|((a, b), (n, version))| {
            Some(Edge { source: *index.get(&a)?, target: *index.get(&b)?, references: n, version })
        })
        .collect();
    let components = metrics::apply(&mut out_nodes, &edges);
    CitationGraph { nodes: out_nodes, edges, components }
}

/// The graph of a project's stored citations (brought up to date first),
/// optionally restricted to a snowball sample.
pub fn project_graph(
    project: &policyscope_corpus::Project,
    catalog: Option<&policyscope_corpus::Catalog>,
    snowball: Option<&SnowballResult>,
) -> crate::Result<CitationGraph> {
    let citations = crate::store::all_citations(project, catalog)?;
    Ok(build_graph(&citations, snowball))
}

/// Orders documents by id and catalog entries by key.
fn sort_key(doc: &DocRef) -> String {
    match doc.id {
        Some(id) => format!("{id:020}"),
        None => key_of(doc),
    }
}

/// The subgraph of the `n` nodes with the highest PageRank plus every
/// seed; metrics stay those of the whole graph.
pub fn keep_top(g: &CitationGraph, n: usize) -> CitationGraph {
    let mut order: Vec<usize> = (0..g.nodes.len()).collect();
    order.sort_by(|&a, &b| {
        g.nodes[b].pagerank.total_cmp(&g.nodes[a].pagerank).then(g.nodes[a].key.cmp(&g.nodes[b].key))
    });
    let mut keep: Vec<bool> = vec![false; g.nodes.len()];
    for &i in order.iter().take(n) {
        keep[i] = true;
    }
    for (i, node) in g.nodes.iter().enumerate() {
        keep[i] |= node.seed;
    }
    let mut new_index = vec![usize::MAX; g.nodes.len()];
    let mut nodes = Vec::new();
    for (i, node) in g.nodes.iter().enumerate().filter(|(i, _)| keep[*i]) {
        new_index[i] = nodes.len();
        nodes.push(node.clone());
    }
    let edges = g
        .edges
        .iter()
        .filter(|e| keep[e.source] && keep[e.target])
        .map(|e| Edge { source: new_index[e.source], target: new_index[e.target], ..e.clone() })
        .collect();
    let components = nodes.iter().map(|n| n.component).collect::<std::collections::BTreeSet<_>>().len();
    CitationGraph { nodes, edges, components }
}
