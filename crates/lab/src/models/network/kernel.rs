//! The revision kernel of the networked model: neighbour tallies kept in step
//! with every switch, and one agent's new choice from its tally, by logit or
//! threshold.
//!
//! Kept lean for speed. Each agent carries a tally of its neighbours per
//! standard, updated when a neighbour switches, so a revision reads one short
//! row instead of visiting every neighbour (after lock-in few agents switch,
//! so updates are rare). Logit weights are a per-step factor per (bloc,
//! standard) times a per-run table of neighbour factors exp(β·c/(d·τ)), so a
//! revision costs a few look-ups and one uniform draw.

use super::graph::Csr;
use super::{NetConfig, Rule};
use crate::spec::limits::MAX_K;

/// Largest degree whose neighbour factors are tabulated; higher degrees compute them.
const DMAX: usize = 64;

/// Neighbours per standard of every agent, row-major with stride k.
///
/// Counts are bytes kept modulo 256 (wrapping), which quarters the memory of
/// 32-bit counts so the tallies of 10⁵ agents stay in a core's cache. For an
/// agent with at most 255 neighbours the byte is the exact count; the rare
/// agent with more (a hub) recounts its neighbours instead of reading its row.
#[derive(Debug, Clone)]
pub(super) struct Tally {
    k: usize,
    counts: Vec<u8>,
}

/// Largest degree whose tally row is read; above it the agent recounts.
const TALLIED: usize = u8::MAX as usize;

impl Tally {
    /// A tally of no agents, replaced by [`Tally::new`] once the initial choices are drawn.
    pub(super) fn unfilled(k: usize) -> Tally {
        Tally { k, counts: Vec::new() }
    }

    /// Tallies of `states` over `graph`.
    pub(super) fn new(graph: &Csr, states: &[u8], k: usize) -> Tally {
        let n = states.len();
        let mut counts = vec![0u8; n * k];
        for i in 0..n {
            for &j in graph.of(i) {
                let c = &mut counts[i * k + states[j as usize] as usize];
                *c = c.wrapping_add(1);
            }
        }
        Tally { k, counts }
    }

    /// Agent `i`'s neighbours per standard; `K` is the number of standards
    /// when known at compile time (0: read it at run time).
    #[inline(always)]
    pub(super) fn of<const K: usize>(&self, graph: &Csr, states: &[u8], i: usize) -> [u32; MAX_K] {
        let mut c = [0u32; MAX_K];
        if graph.degree(i) > TALLIED {
            for &j in graph.of(i) {
                c[states[j as usize] as usize & (MAX_K - 1)] += 1;
            }
        } else {
            let k = if K == 0 { self.k } else { K };
            let row = &self.counts[i * k..(i + 1) * k];
            for (cs, &r) in c.iter_mut().zip(row) {
                *cs = u32::from(r);
            }
        }
        c
    }

    /// Records that agent `i` switched from `old` to `new` (`K` as in [`Tally::of`]).
    #[inline(always)]
    pub(super) fn switch<const K: usize>(&mut self, graph: &Csr, i: usize, old: u8, new: u8) {
        let k = if K == 0 { self.k } else { K };
        for &j in graph.of(i) {
            let row = j as usize * k;
            let o = &mut self.counts[row + old as usize];
            *o = o.wrapping_sub(1);
            let n = &mut self.counts[row + new as usize];
            *n = n.wrapping_add(1);
        }
    }
}

/// The choice rule with its per-run constants.
#[derive(Debug, Clone)]
pub(super) struct Chooser {
    k: usize,
    rule: Rule,
    beta_tau: f64,
    phi: f64,
    sink: Option<usize>,
    /// exp(β·c/(d·τ)) for every degree d ≤ [`DMAX`] and count c ≤ d, row-major by d.
    table: Vec<f64>,
}

impl Chooser {
    /// The rule of `cfg`, with its neighbour factors tabulated.
    pub(super) fn new(cfg: &NetConfig) -> Chooser {
        let beta_tau = cfg.beta / cfg.tau;
        let mut table = vec![0.0; (DMAX + 1) * (DMAX + 1)];
        for d in 1..=DMAX {
            for c in 0..=d {
                table[d * (DMAX + 1) + c] = (beta_tau * c as f64 / d as f64).exp();
            }
        }
        table[0] = 1.0;
        Chooser { k: cfg.k, rule: cfg.rule, beta_tau, phi: cfg.phi, sink: cfg.sink, table }
    }

    /// New choice of an agent on `cur` with `d` neighbours, `c` of them per
    /// standard, given the bloc's per-step `weights`; `u` is uniform on [0, 1).
    /// `K` is the number of standards when known at compile time (0: read
    /// it at run time), which lets the loops over standards unroll.
    #[inline(always)]
    pub(super) fn pick<const K: usize>(
        &self,
        c: &[u32; MAX_K],
        d: usize,
        weights: &[f64],
        cur: u8,
        u: f64,
    ) -> u8 {
        let k = if K == 0 { self.k } else { K };
        match self.rule {
            Rule::Logit => {
                let mut w = [0.0f64; MAX_K];
                let mut total = 0.0;
                if d <= DMAX {
                    let row = &self.table[d * (DMAX + 1)..(d + 1) * (DMAX + 1)];
                    for s in 0..k {
                        w[s] = weights[s] * row[(c[s] as usize).min(DMAX)];
                        total += w[s];
                    }
                } else {
                    for s in 0..k {
                        w[s] = weights[s] * (self.beta_tau * f64::from(c[s]) / d as f64).exp();
                        total += w[s];
                    }
                }
                if total <= 0.0 || !total.is_finite() {
                    return cur;
                }
                // Branch-free inversion: the pick is the number of cumulative
                // weights at or below u (a random pick mispredicts any branch).
                let u = u * total;
                let mut cum = 0.0;
                let mut pick = 0usize;
                for ws in w.iter().take(k) {
                    cum += ws;
                    pick += usize::from(u >= cum);
                }
                if pick < k && w[pick] > 0.0 {
                    pick as u8
                } else {
                    (0..k).rev().find(|&s| w[s] > 0.0).map_or(cur, |s| s as u8)
                }
            }
            Rule::Threshold => {
                let cur_s = cur as usize;
                let here = weights[cur_s] > 0.0;
                if here && self.sink == Some(cur_s) {
                    return cur;
                }
                let best = (0..k)
                    .filter(|&s| s != cur_s && weights[s] > 0.0)
                    .max_by_key(|&s| (c[s], std::cmp::Reverse(s)));
                match best {
                    Some(s) if !here => s as u8,
                    Some(s) if d > 0 && f64::from(c[s]) >= self.phi * d as f64 => s as u8,
                    _ => cur,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::network::graph::{generate, GraphSpec};
    use crate::rng::run_rng;
    use rand::Rng;

    #[test]
    fn tallies_stay_equal_to_a_recount_after_switches() {
        let names = vec!["a".to_string(), "b".to_string()];
        let mut rng = run_rng(3, 0, 0);
        let g = generate(&GraphSpec::default(), &[(0, 400), (400, 1000)], &names, &mut rng);
        churn_and_compare(&g, &mut rng);
    }

    #[test]
    fn hubs_beyond_a_byte_recount_and_stay_exact() {
        // A star: agent 0 has 700 neighbours, more than a byte counts.
        let n = 701u32;
        let mut offsets = vec![0u32, n - 1];
        offsets.extend((2..=n).map(|i| n - 1 + (i - 1)));
        let mut neighbours: Vec<u32> = (1..n).collect();
        neighbours.extend(std::iter::repeat_n(0u32, (n - 1) as usize));
        let g = Csr { offsets, neighbours };
        assert_eq!(g.degree(0), 700);
        churn_and_compare(&g, &mut run_rng(4, 0, 0));
    }

    fn churn_and_compare(g: &Csr, rng: &mut crate::rng::LabRng) {
        let n = g.offsets.len() - 1;
        let mut states: Vec<u8> = (0..n).map(|_| rng.random_range(0..3u8)).collect();
        let mut tally = Tally::new(g, &states, 3);
        for _ in 0..5000 {
            let i = rng.random_range(0..n);
            let new = rng.random_range(0..3u8);
            tally.switch::<0>(g, i, states[i], new);
            states[i] = new;
        }
        for i in 0..n {
            let mut want = [0u32; MAX_K];
            for &j in g.of(i) {
                want[states[j as usize] as usize] += 1;
            }
            assert_eq!(tally.of::<3>(g, &states, i), want, "agent {i}");
        }
    }
}
