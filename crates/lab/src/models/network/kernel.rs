//! The revision kernel of the networked model: one agent's new choice from
//! its neighbours' states, by logit or threshold.
//!
//! Kept lean for speed: logit weights are a per-step factor per (bloc,
//! standard) times a per-run table of neighbour factors exp(β·c/(d·τ)), so a
//! revision costs one pass over the neighbours and one uniform draw.

use rand::Rng;

use super::graph::Csr;
use super::{NetConfig, Rule};
use crate::rng::LabRng;
use crate::spec::limits::MAX_K;

/// Largest degree whose neighbour factors are tabulated; higher degrees compute them.
pub(super) const DMAX: usize = 64;

/// exp(β·c/(d·τ)) for every degree d ≤ [`DMAX`] and count c ≤ d, row-major by d.
pub(super) fn neighbour_table(beta: f64, tau: f64) -> Vec<f64> {
    let mut table = vec![0.0; (DMAX + 1) * (DMAX + 1)];
    for d in 0..=DMAX {
        for c in 0..=d {
            table[d * (DMAX + 1) + c] = if d == 0 { 1.0 } else { (beta * c as f64 / (d as f64 * tau)).exp() };
        }
    }
    table
}

/// One agent's new choice given the current `states`.
#[allow(clippy::too_many_arguments)]
pub(super) fn choose(
    cfg: &NetConfig,
    graph: &Csr,
    table: &[f64],
    weights: &[f64],
    states: &[u8],
    i: usize,
    rng: &mut LabRng,
) -> u8 {
    let k = cfg.k;
    let nb = graph.of(i);
    let d = nb.len();
    let mut c = [0u32; MAX_K];
    if k <= 4 && d < 1 << 16 {
        // Sixteen-bit lanes in one register: no store-to-load stalls from
        // incrementing the same counter in memory twice in a row.
        let mut acc = 0u64;
        for &j in nb {
            acc += 1u64 << ((u32::from(states[j as usize]) & 3) * 16);
        }
        for (s, cs) in c.iter_mut().take(4).enumerate() {
            *cs = ((acc >> (16 * s)) & 0xffff) as u32;
        }
    } else if d < 1 << 16 {
        let mut acc = 0u128;
        for &j in nb {
            acc += 1u128 << ((u32::from(states[j as usize]) & 7) * 16);
        }
        for (s, cs) in c.iter_mut().enumerate() {
            *cs = ((acc >> (16 * s)) & 0xffff) as u32;
        }
    } else {
        for &j in nb {
            c[states[j as usize] as usize & 7] += 1;
        }
    }
    let cur = states[i] as usize;
    match cfg.rule {
        Rule::Logit => {
            let mut w = [0.0f64; MAX_K];
            let mut total = 0.0;
            let row = if d <= DMAX { &table[d * (DMAX + 1)..(d + 1) * (DMAX + 1)] } else { &[] };
            for s in 0..k {
                let f = if d <= DMAX {
                    row[c[s] as usize]
                } else {
                    (cfg.beta * f64::from(c[s]) / (d as f64 * cfg.tau)).exp()
                };
                w[s] = weights[s] * f;
                total += w[s];
            }
            if total <= 0.0 || !total.is_finite() {
                return cur as u8;
            }
            // Branch-free inversion: the pick is the number of cumulative
            // weights at or below u (a random pick mispredicts any branch).
            let u = rng.random::<f64>() * total;
            let mut cum = 0.0;
            let mut pick = 0usize;
            for ws in w.iter().take(k) {
                cum += ws;
                pick += usize::from(u >= cum);
            }
            if pick < k && w[pick] > 0.0 {
                pick as u8
            } else {
                (0..k).rev().find(|&s| w[s] > 0.0).unwrap_or(cur) as u8
            }
        }
        Rule::Threshold => {
            let here = weights[cur] > 0.0;
            if here && cfg.sink == Some(cur) {
                return cur as u8;
            }
            let best = (0..k)
                .filter(|&s| s != cur && weights[s] > 0.0)
                .max_by_key(|&s| (c[s], std::cmp::Reverse(s)));
            match best {
                Some(s) if !here => s as u8,
                Some(s) if d > 0 && f64::from(c[s]) >= cfg.phi * d as f64 => s as u8,
                _ => cur as u8,
            }
        }
    }
}
