//! Sobol' low-discrepancy points for the Sobol' design's base matrices.
//!
//! Direction numbers are Joe & Kuo's `new-joe-kuo-6.21201` set (S. Joe and
//! F. Y. Kuo, "Constructing Sobol sequences with better two-dimensional
//! projections", SIAM J. Sci. Comput. 30:2635–2654, 2008; the table is
//! published at web.maths.unsw.edu.au/~fkuo/sobol/), first 32 dimensions.
//! Points are produced in Gray-code order (Antonov & Saleev 1979), unscrambled,
//! with 32-bit resolution, exactly as the authors' reference generator.

use crate::error::{LabError, Result};

/// Dimensions the table covers.
pub const MAX_DIM: usize = 32;

/// (degree s, coefficients a, initial m_1..m_s) of dimensions 2..=32;
/// dimension 1 is the van der Corput sequence (all m = 1).
const JOE_KUO: [(u32, u32, &[u32]); MAX_DIM - 1] = [
    (1, 0, &[1]),
    (2, 1, &[1, 3]),
    (3, 1, &[1, 3, 1]),
    (3, 2, &[1, 1, 1]),
    (4, 1, &[1, 1, 3, 3]),
    (4, 4, &[1, 3, 5, 13]),
    (5, 2, &[1, 1, 5, 5, 17]),
    (5, 4, &[1, 1, 5, 5, 5]),
    (5, 7, &[1, 1, 7, 11, 19]),
    (5, 11, &[1, 1, 5, 1, 1]),
    (5, 13, &[1, 1, 1, 3, 11]),
    (5, 14, &[1, 3, 5, 5, 31]),
    (6, 1, &[1, 3, 3, 9, 7, 49]),
    (6, 13, &[1, 1, 1, 15, 21, 21]),
    (6, 16, &[1, 3, 1, 13, 27, 49]),
    (6, 19, &[1, 1, 1, 15, 7, 5]),
    (6, 22, &[1, 3, 1, 15, 13, 25]),
    (6, 25, &[1, 1, 5, 5, 19, 61]),
    (7, 1, &[1, 3, 7, 11, 23, 15, 103]),
    (7, 4, &[1, 3, 7, 13, 13, 15, 69]),
    (7, 7, &[1, 1, 3, 13, 7, 35, 63]),
    (7, 8, &[1, 3, 5, 9, 1, 25, 53]),
    (7, 14, &[1, 3, 1, 13, 9, 35, 107]),
    (7, 19, &[1, 3, 1, 5, 27, 61, 31]),
    (7, 21, &[1, 1, 5, 11, 19, 41, 61]),
    (7, 28, &[1, 3, 5, 3, 3, 13, 69]),
    (7, 31, &[1, 1, 7, 13, 1, 19, 1]),
    (7, 32, &[1, 3, 7, 5, 13, 19, 59]),
    (7, 37, &[1, 1, 3, 9, 25, 29, 41]),
    (7, 41, &[1, 3, 5, 13, 23, 1, 55]),
    (7, 42, &[1, 3, 7, 3, 13, 59, 17]),
];

const BITS: usize = 32;

/// The first `n` points of the `d`-dimensional Sobol' sequence, starting at the origin.
pub fn points(n: usize, d: usize) -> Result<Vec<Vec<f64>>> {
    if d > MAX_DIM {
        return Err(LabError::param(
            "design.factors",
            format!("Sobol' points are tabulated for {MAX_DIM} dimensions, {d} asked"),
        ));
    }
    if n as u64 > 1 << BITS {
        return Err(LabError::Limit(format!("more than 2^{BITS} Sobol' points")));
    }
    let v: Vec<[u32; BITS]> = (0..d).map(directions).collect();
    let mut x = vec![0u32; d];
    let mut out = Vec::with_capacity(n);
    let scale = 1.0 / (1u64 << BITS) as f64;
    for i in 0..n {
        out.push(x.iter().map(|&xi| f64::from(xi) * scale).collect());
        // Gray code: the next point flips the direction of i's lowest zero bit.
        let c = (!i).trailing_zeros() as usize;
        for (xj, vj) in x.iter_mut().zip(&v) {
            *xj ^= vj[c.min(BITS - 1)];
        }
    }
    Ok(out)
}

/// Direction numbers V_1..V_32 of dimension `j` (0-based), left-aligned in 32 bits.
fn directions(j: usize) -> [u32; BITS] {
    let mut v = [0u32; BITS];
    if j == 0 {
        for (k, vk) in v.iter_mut().enumerate() {
            *vk = 1 << (BITS - 1 - k);
        }
        return v;
    }
    let (s, a, m) = JOE_KUO[j - 1];
    let s = s as usize;
    for k in 0..s.min(BITS) {
        v[k] = m[k] << (BITS - 1 - k);
    }
    for k in s..BITS {
        let mut w = v[k - s] ^ (v[k - s] >> s);
        for l in 1..s {
            if (a >> (s - 1 - l)) & 1 == 1 {
                w ^= v[k - l];
            }
        }
        v[k] = w;
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::aux_rng;
    use rand::Rng;

    #[test]
    fn first_points_match_the_published_sequence() {
        // The unscrambled Joe–Kuo sequence in Gray-code order (as in the
        // authors' generator and in SciPy's `qmc.Sobol(scramble=False)`).
        let want = [
            [0.0, 0.0, 0.0],
            [0.5, 0.5, 0.5],
            [0.75, 0.25, 0.25],
            [0.25, 0.75, 0.75],
            [0.375, 0.375, 0.625],
            [0.875, 0.875, 0.125],
            [0.625, 0.125, 0.875],
            [0.125, 0.625, 0.375],
        ];
        let got = points(8, 3).unwrap_or_else(|e| panic!("{e}"));
        for (g, w) in got.iter().zip(&want) {
            assert_eq!(g.as_slice(), w.as_slice());
        }
    }

    #[test]
    fn each_dimension_is_stratified_at_every_power_of_two() {
        // A (0, m, 1)-net per coordinate: 2^m points fill the 2^m cells of [0, 1) once each.
        let pts = points(1024, MAX_DIM).unwrap_or_else(|e| panic!("{e}"));
        for j in 0..MAX_DIM {
            for m in [1usize, 4, 10] {
                let cells = 1usize << m;
                let mut seen = vec![false; cells];
                for p in &pts[..cells] {
                    seen[(p[j] * cells as f64) as usize] = true;
                }
                assert!(seen.iter().all(|&s| s), "dimension {} is not stratified at 2^{m}", j + 1);
            }
        }
    }

    /// Warnock's formula for the L2-star discrepancy.
    fn l2_star(pts: &[Vec<f64>]) -> f64 {
        let (n, d) = (pts.len() as f64, pts[0].len() as i32);
        let one: f64 = pts.iter().map(|p| p.iter().map(|x| (1.0 - x * x) / 2.0).product::<f64>()).sum();
        let two: f64 = pts
            .iter()
            .map(|p| {
                pts.iter()
                    .map(|q| p.iter().zip(q).map(|(a, b)| 1.0 - a.max(*b)).product::<f64>())
                    .sum::<f64>()
            })
            .sum();
        (3f64.powi(-d) - 2.0 * one / n + two / (n * n)).sqrt()
    }

    #[test]
    fn discrepancy_beats_pseudo_random_points() {
        let (n, d) = (512, 4);
        let sobol = l2_star(&points(n, d).unwrap_or_else(|e| panic!("{e}")));
        // Uniform random points have E[T²] = (2^-d − 3^-d)/n.
        let rms_random = ((0.5f64.powi(d as i32) - 3f64.powi(-(d as i32))) / n as f64).sqrt();
        assert!(sobol < rms_random / 3.0, "Sobol' {sobol:.5} vs random RMS {rms_random:.5}");
        let mut rng = aux_rng(3, 0);
        for trial in 0..5 {
            let random: Vec<Vec<f64>> =
                (0..n).map(|_| (0..d).map(|_| rng.random::<f64>()).collect()).collect();
            let r = l2_star(&random);
            assert!(sobol < r, "trial {trial}: Sobol' {sobol:.5} vs pseudo-random {r:.5}");
        }
    }

    #[test]
    fn too_many_dimensions_are_refused() {
        assert!(points(4, MAX_DIM + 1).is_err());
    }
}
