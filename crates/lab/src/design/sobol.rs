//! Variance-based sensitivity: Saltelli's sampling scheme and the Sobol'
//! first-order (Saltelli 2010) and total (Jansen 1999) estimators with
//! bootstrap intervals.
//!
//! Assumptions: factors are independent and uniform on their ranges; the
//! base matrices A and B are the two halves of a 2d-dimensional Sobol'
//! sequence ([`super::lowdisc`], the usual construction of Saltelli 2002),
//! so the integrals behind the indices converge faster than with
//! pseudo-random points; the bootstrap resamples base rows as if they were
//! independent, so its intervals are conservative. Run-to-run noise of a
//! stochastic model shows up as a total effect not explained by the factors.

use rand::Rng;
use serde::Serialize;

use super::lowdisc;
use crate::error::{LabError, Result};
use crate::rng::LabRng;

/// Rows A (n), B (n), then AB_i for each factor i (A with column i taken
/// from B); at most half of [`lowdisc::MAX_DIM`] factors.
pub fn saltelli(n: usize, d: usize) -> Result<Vec<Vec<f64>>> {
    if 2 * d > lowdisc::MAX_DIM {
        return Err(LabError::param(
            "design.factors",
            format!("a Sobol' design takes at most {} factors", lowdisc::MAX_DIM / 2),
        ));
    }
    // The origin (the sequence's first point) is skipped: it sits on every factor's minimum.
    let pts = lowdisc::points(n + 1, 2 * d)?;
    let a: Vec<Vec<f64>> = pts[1..].iter().map(|p| p[..d].to_vec()).collect();
    let b: Vec<Vec<f64>> = pts[1..].iter().map(|p| p[d..].to_vec()).collect();
    let mut rows = Vec::with_capacity(n * (d + 2));
    rows.extend(a.iter().cloned());
    rows.extend(b.iter().cloned());
    for i in 0..d {
        for j in 0..n {
            let mut r = a[j].clone();
            r[i] = b[j][i];
            rows.push(r);
        }
    }
    Ok(rows)
}

/// One factor's indices with 95 % bootstrap intervals and standard errors.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SobolIndex {
    /// First-order index S1.
    pub s1: f64,
    /// Bootstrap standard error of S1.
    pub s1_se: f64,
    /// 2.5 % bootstrap quantile of S1.
    pub s1_lo: f64,
    /// 97.5 % bootstrap quantile of S1.
    pub s1_hi: f64,
    /// Total index ST.
    pub st: f64,
    /// Bootstrap standard error of ST.
    pub st_se: f64,
    /// 2.5 % bootstrap quantile of ST.
    pub st_lo: f64,
    /// 97.5 % bootstrap quantile of ST.
    pub st_hi: f64,
}

fn estimate(y: &[f64], n: usize, i: usize, idx: &[usize]) -> (f64, f64) {
    let (fa, fb, fab) = (&y[..n], &y[n..2 * n], &y[(2 + i) * n..(3 + i) * n]);
    let m = idx.len() as f64;
    let mean = idx.iter().map(|&j| fa[j] + fb[j]).sum::<f64>() / (2.0 * m);
    let var =
        idx.iter().map(|&j| (fa[j] - mean).powi(2) + (fb[j] - mean).powi(2)).sum::<f64>() / (2.0 * m - 1.0);
    if var <= 0.0 {
        return (0.0, 0.0);
    }
    let s1 = idx.iter().map(|&j| fb[j] * (fab[j] - fa[j])).sum::<f64>() / m / var;
    let st = idx.iter().map(|&j| (fa[j] - fab[j]).powi(2)).sum::<f64>() / (2.0 * m) / var;
    (s1, st)
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
    let pos = (q * (sorted.len() - 1) as f64).round() as usize;
    sorted[pos.min(sorted.len() - 1)]
}

fn sd(v: &[f64]) -> f64 {
    let m = v.iter().sum::<f64>() / v.len() as f64;
    (v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (v.len() as f64 - 1.0).max(1.0)).sqrt()
}

/// Indices of the `d` factors from outputs `y` laid out as [`saltelli`]'s rows,
/// with `boot` bootstrap resamples of the n base rows.
pub fn indices(y: &[f64], n: usize, d: usize, boot: usize, rng: &mut LabRng) -> Vec<SobolIndex> {
    let all: Vec<usize> = (0..n).collect();
    (0..d)
        .map(|i| {
            let (s1, st) = estimate(y, n, i, &all);
            let mut b1 = Vec::with_capacity(boot);
            let mut bt = Vec::with_capacity(boot);
            for _ in 0..boot {
                let idx: Vec<usize> = (0..n).map(|_| rng.random_range(0..n)).collect();
                let (a, b) = estimate(y, n, i, &idx);
                b1.push(a);
                bt.push(b);
            }
            let (se1, set) = (sd(&b1), sd(&bt));
            b1.sort_by(f64::total_cmp);
            bt.sort_by(f64::total_cmp);
            let q = |v: &[f64], p| if v.is_empty() { f64::NAN } else { quantile(v, p) };
            SobolIndex {
                s1,
                s1_se: se1,
                s1_lo: q(&b1, 0.025),
                s1_hi: q(&b1, 0.975),
                st,
                st_se: set,
                st_lo: q(&bt, 0.025),
                st_hi: q(&bt, 0.975),
            }
        })
        .collect()
}
