//! Degrees, PageRank and weakly connected components.

use petgraph::unionfind::UnionFind;

use super::{Edge, Node};

/// Damping factor of PageRank.
pub const DAMPING: f64 = 0.85;
const ITERATIONS: usize = 100;
const TOLERANCE: f64 = 1e-12;

/// Fills degrees, PageRank and components of `nodes`; returns the number
/// of components.
pub fn apply(nodes: &mut [Node], edges: &[Edge]) -> usize {
    for e in edges {
        nodes[e.source].out_degree += 1;
        nodes[e.target].in_degree += 1;
    }
    let ranks = pagerank(nodes.len(), edges);
    for (n, r) in nodes.iter_mut().zip(ranks) {
        n.pagerank = r;
    }
    let comps = components(nodes.len(), edges);
    let count = comps.iter().max().map_or(0, |m| m + 1);
    for (n, c) in nodes.iter_mut().zip(comps) {
        n.component = c;
    }
    count
}

/// PageRank over unweighted edges; the rank of documents citing nothing is
/// spread over all nodes, so ranks sum to 1 (as networkx computes it).
pub fn pagerank(n: usize, edges: &[Edge]) -> Vec<f64> {
    if n == 0 {
        return vec![];
    }
    let mut out_deg = vec![0usize; n];
    for e in edges {
        out_deg[e.source] += 1;
    }
    let base = 1.0 / n as f64;
    let mut rank = vec![base; n];
    for _ in 0..ITERATIONS {
        let dangling: f64 = (0..n).filter(|&i| out_deg[i] == 0).map(|i| rank[i]).sum();
        let mut next = vec![(1.0 - DAMPING) * base + DAMPING * dangling * base; n];
        for e in edges {
            next[e.target] += DAMPING * rank[e.source] / out_deg[e.source] as f64;
        }
        let delta: f64 = next.iter().zip(&rank).map(|(a, b)| (a - b).abs()).sum();
        rank = next;
        if delta < TOLERANCE * n as f64 {
            break;
        }
    }
    rank
}

/// Weakly connected components, numbered by size (largest first), ties by
/// first node.
pub fn components(n: usize, edges: &[Edge]) -> Vec<usize> {
    let mut uf = UnionFind::<usize>::new(n);
    for e in edges {
        uf.union(e.source, e.target);
    }
    let labels = uf.into_labeling();
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = std::collections::BTreeMap::new();
    for (i, l) in labels.iter().enumerate() {
        groups.entry(*l).or_default().push(i);
    }
    let mut ordered: Vec<Vec<usize>> = groups.into_values().collect();
    ordered.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    let mut out = vec![0; n];
    for (c, members) in ordered.iter().enumerate() {
        for &i in members {
            out[i] = c;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(source: usize, target: usize) -> Edge {
        Edge { source, target, references: 1, version: crate::VersionStatus::InForce }
    }

    #[test]
    fn pagerank_of_a_cycle_and_a_star() {
        let r = pagerank(3, &[e(0, 1), e(1, 2), e(2, 0)]);
        assert!(r.iter().all(|x| (x - 1.0 / 3.0).abs() < 1e-9));
        let r = pagerank(4, &[e(1, 0), e(2, 0), e(3, 0)]);
        assert!(r[0] > r[1] && (r.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        // networkx 3.6: pagerank(DiGraph([(1,0),(2,0),(3,0)]))[0] = 0.541985…
        assert!((r[0] - 0.541985).abs() < 1e-5, "{}", r[0]);
    }

    #[test]
    fn components_by_size() {
        let c = components(5, &[e(3, 4), e(4, 2), e(0, 1)]);
        assert_eq!(c, vec![1, 1, 0, 0, 0]);
        assert!(components(0, &[]).is_empty());
    }
}
