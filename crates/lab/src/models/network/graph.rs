//! Graph generators for the networked model, stored as compressed sparse rows.
//!
//! Assumptions: graphs are undirected (each edge is listed at both ends) and
//! may hold a rare duplicate edge; self-loops are dropped. Agents of a bloc
//! occupy one contiguous range of indices, so bloc membership is a range test.
//! `er` joins uniform random pairs (Poisson degrees, mean `mean_degree`);
//! `sbm` draws the second end's bloc from a mixing row — own bloc with
//! probability 1 − κ, the others in proportion to their size, plus any extra
//! `ties` weight from one bloc into another (the Belt-and-Road channel);
//! `lattice` is a ring where each agent links to `mean_degree / 2` agents on
//! either side; `ba` is Barabási–Albert preferential attachment with
//! `mean_degree / 2` links per newcomer (bloc mixing is not used).

use rand::Rng;
use serde::{Deserialize, Serialize};

use crate::error::{check_prob, check_range, LabError, Result};
use crate::rng::LabRng;

/// Which generator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum GraphKind {
    /// Erdős–Rényi style uniform random pairs.
    Er,
    /// Stochastic block model over the blocs.
    #[default]
    Sbm,
    /// Ring lattice.
    Lattice,
    /// Barabási–Albert preferential attachment.
    Ba,
}

/// Extra links from agents of bloc `to` toward bloc `from`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tie {
    /// Bloc the ties lead to (e.g. the home bloc).
    pub from: String,
    /// Bloc whose agents gain the ties (e.g. the non-aligned bloc).
    pub to: String,
    /// Added mixing weight (before renormalising the row).
    pub weight: f64,
}

/// The graph part of a network spec.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GraphSpec {
    /// Generator.
    #[serde(default)]
    pub kind: GraphKind,
    /// Mean number of neighbours.
    #[serde(default = "eight")]
    pub mean_degree: f64,
    /// Share of an agent's links that cross into other blocs (`sbm`).
    #[serde(default = "kappa")]
    pub kappa: f64,
    /// Extra cross-bloc ties (`sbm`).
    #[serde(default)]
    pub ties: Vec<Tie>,
}

fn eight() -> f64 {
    8.0
}
fn kappa() -> f64 {
    0.1
}

impl Default for GraphSpec {
    fn default() -> Self {
        GraphSpec { kind: GraphKind::Sbm, mean_degree: 8.0, kappa: 0.1, ties: Vec::new() }
    }
}

impl GraphSpec {
    /// Checks the parameters against the bloc names.
    pub fn validate(&self, blocs: &[String]) -> Result<()> {
        check_range("graph.mean_degree", self.mean_degree, 0.0, 100.0)?;
        check_prob("graph.kappa", self.kappa)?;
        for (i, t) in self.ties.iter().enumerate() {
            check_range(&format!("graph.ties[{i}].weight"), t.weight, 0.0, 100.0)?;
            for b in [&t.from, &t.to] {
                if !blocs.contains(b) {
                    return Err(LabError::param(format!("graph.ties[{i}]"), format!("no bloc named `{b}`")));
                }
            }
        }
        Ok(())
    }
}

/// Neighbour lists in compressed sparse rows.
#[derive(Debug, Clone)]
pub struct Csr {
    /// `offsets[i]..offsets[i + 1]` indexes agent i's neighbours.
    pub offsets: Vec<u32>,
    /// Neighbour indices.
    pub neighbours: Vec<u32>,
}

impl Csr {
    fn from_edges(n: usize, edges: &[(u32, u32)]) -> Csr {
        let mut degree = vec![0u32; n + 1];
        for &(a, b) in edges {
            degree[a as usize + 1] += 1;
            degree[b as usize + 1] += 1;
        }
        for i in 0..n {
            degree[i + 1] += degree[i];
        }
        let offsets = degree;
        let mut fill = offsets.clone();
        let mut neighbours = vec![0u32; edges.len() * 2];
        for &(a, b) in edges {
            neighbours[fill[a as usize] as usize] = b;
            fill[a as usize] += 1;
            neighbours[fill[b as usize] as usize] = a;
            fill[b as usize] += 1;
        }
        Csr { offsets, neighbours }
    }

    /// Agent `i`'s neighbours.
    pub fn of(&self, i: usize) -> &[u32] {
        &self.neighbours[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }

    /// Agent `i`'s number of neighbours.
    #[inline]
    pub fn degree(&self, i: usize) -> usize {
        (self.offsets[i + 1] - self.offsets[i]) as usize
    }

    /// Mean degree.
    pub fn mean_degree(&self) -> f64 {
        self.neighbours.len() as f64 / (self.offsets.len() - 1).max(1) as f64
    }
}

/// Builds the graph for agents split into contiguous bloc `ranges`.
pub fn generate(spec: &GraphSpec, ranges: &[(u32, u32)], names: &[String], rng: &mut LabRng) -> Csr {
    let n = ranges.last().map_or(0, |r| r.1) as usize;
    let edges = match spec.kind {
        GraphKind::Er | GraphKind::Sbm => random_pairs(spec, ranges, names, rng),
        GraphKind::Lattice => {
            let half = ((spec.mean_degree / 2.0).round() as usize).min(n.saturating_sub(1) / 2);
            (0..n).flat_map(|i| (1..=half).map(move |d| (i as u32, ((i + d) % n) as u32))).collect()
        }
        GraphKind::Ba => preferential(n, ((spec.mean_degree / 2.0).round() as usize).max(1), rng),
    };
    Csr::from_edges(n, &edges)
}

fn mixing(spec: &GraphSpec, ranges: &[(u32, u32)], names: &[String]) -> Vec<Vec<f64>> {
    let nb = ranges.len();
    let size: Vec<f64> = ranges.iter().map(|r| f64::from(r.1 - r.0)).collect();
    let total: f64 = size.iter().sum();
    let mut rows: Vec<Vec<f64>> = (0..nb)
        .map(|b| {
            let others: f64 = total - size[b];
            (0..nb)
                .map(|c| match spec.kind {
                    GraphKind::Sbm if nb > 1 && c == b => 1.0 - spec.kappa,
                    GraphKind::Sbm if nb > 1 => spec.kappa * size[c] / others.max(1.0),
                    _ => size[c] / total.max(1.0),
                })
                .collect()
        })
        .collect();
    for t in &spec.ties {
        let pos = |x: &String| names.iter().position(|n| n == x);
        if let (Some(from), Some(to)) = (pos(&t.from), pos(&t.to)) {
            rows[to][from] += t.weight;
        }
    }
    for row in &mut rows {
        let z: f64 = row.iter().sum();
        row.iter_mut().for_each(|w| *w /= z.max(f64::MIN_POSITIVE));
    }
    rows
}

fn random_pairs(
    spec: &GraphSpec,
    ranges: &[(u32, u32)],
    names: &[String],
    rng: &mut LabRng,
) -> Vec<(u32, u32)> {
    let n = ranges.last().map_or(0, |r| r.1);
    if n < 2 {
        return Vec::new();
    }
    let rows = mixing(spec, ranges, names);
    let m = (f64::from(n) * spec.mean_degree / 2.0).round() as usize;
    let mut edges = Vec::with_capacity(m);
    for _ in 0..m {
        let i = rng.random_range(0..n);
        let b = ranges.iter().position(|r| i < r.1).unwrap_or(0);
        let mut u = rng.random::<f64>();
        let mut c = rows[b].len() - 1;
        for (ci, w) in rows[b].iter().enumerate() {
            if u < *w {
                c = ci;
                break;
            }
            u -= w;
        }
        let (lo, hi) = ranges[c];
        if hi <= lo {
            continue;
        }
        let j = rng.random_range(lo..hi);
        if i != j {
            edges.push((i, j));
        }
    }
    edges
}

fn preferential(n: usize, m: usize, rng: &mut LabRng) -> Vec<(u32, u32)> {
    let core = (m + 1).min(n);
    let mut edges: Vec<(u32, u32)> = Vec::with_capacity(n * m);
    for a in 0..core {
        for b in a + 1..core {
            edges.push((a as u32, b as u32));
        }
    }
    if edges.is_empty() {
        return edges;
    }
    for v in core..n {
        for _ in 0..m {
            let e = edges[rng.random_range(0..edges.len())];
            let target = if rng.random::<bool>() { e.0 } else { e.1 };
            if target != v as u32 {
                edges.push((v as u32, target));
            }
        }
    }
    edges
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::run_rng;

    fn names() -> Vec<String> {
        vec!["a".into(), "b".into()]
    }

    #[test]
    fn sbm_keeps_the_asked_share_of_links_inside_blocs() {
        let spec = GraphSpec { kappa: 0.1, ..GraphSpec::default() };
        let ranges = [(0, 5000), (5000, 10000)];
        let g = generate(&spec, &ranges, &names(), &mut run_rng(1, 0, 0));
        let cross = (0..10000usize)
            .map(|i| g.of(i).iter().filter(|&&j| (j < 5000) != (i < 5000)).count())
            .sum::<usize>();
        let share = cross as f64 / g.neighbours.len() as f64;
        assert!((share - 0.1).abs() < 0.01, "cross share {share}");
        assert!((g.mean_degree() - 8.0).abs() < 0.1, "mean degree {}", g.mean_degree());
    }

    #[test]
    fn every_generator_lists_each_edge_at_both_ends() {
        for kind in [GraphKind::Er, GraphKind::Sbm, GraphKind::Lattice, GraphKind::Ba] {
            let spec = GraphSpec { kind, mean_degree: 4.0, ..GraphSpec::default() };
            let g = generate(&spec, &[(0, 300), (300, 500)], &names(), &mut run_rng(2, 0, 0));
            for i in 0..500usize {
                for &j in g.of(i) {
                    assert!(g.of(j as usize).contains(&(i as u32)), "{kind:?}: {i}→{j} has no way back");
                    assert_ne!(j as usize, i, "{kind:?}: self-loop at {i}");
                }
            }
        }
    }
}
