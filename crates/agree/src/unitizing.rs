//! Krippendorff's unitizing α (uα) for one code treated as a binary
//! partition of the text: coded vs gap (Krippendorff 2019 §12.6;
//! Krippendorff, Mathet, Bouvry & Widlöcher 2016, eqs. 32–34).
//!
//! Each coder's spans are merged, so overlapping codings of one code count
//! once and the text becomes alternating coded and gap segments. Observed
//! coincidences are the lengths over which coder i's value meets coder j's,
//! summed over ordered pairs and divided by m − 1; expected coincidences
//! correct for self-pairing with the squared lengths of coded segments and
//! the plain lengths of gaps (every gap character is its own unit).

use crate::spans;

/// uα of one code over a text of `len` code points, from each coder's spans
/// (half-open, may overlap). `None` with fewer than two coders, an empty
/// text, or no variation (nobody coded anything, or everything).
pub fn unitizing_alpha(len: u64, coders: &[Vec<(u64, u64)>]) -> Option<f64> {
    let m = coders.len();
    if m < 2 || len == 0 {
        return None;
    }
    let merged: Vec<Vec<(u64, u64)>> = coders.iter().map(|c| spans::merge(c, len)).collect();
    let coded: Vec<f64> = merged.iter().map(|c| spans::covered(c) as f64).collect();
    // l[c][k]: c, k ∈ {0 = gap, 1 = coded}.
    let mut l = [[0.0f64; 2]; 2];
    for i in 0..m {
        for j in 0..m {
            if i == j {
                continue;
            }
            let both = spans::intersection(&merged[i], &merged[j]) as f64;
            l[1][1] += both;
            l[1][0] += coded[i] - both;
            l[0][1] += coded[j] - both;
            l[0][0] += len as f64 - coded[i] - coded[j] + both;
        }
    }
    let w = 1.0 / (m as f64 - 1.0);
    for row in &mut l {
        for x in row.iter_mut() {
            *x *= w;
        }
    }
    let mut corr = [0.0f64; 2];
    for c in &merged {
        corr[1] += c.iter().map(|(s, e)| ((e - s) as f64).powi(2)).sum::<f64>();
        corr[0] += len as f64 - spans::covered(c) as f64;
    }
    let total: f64 = l.iter().flatten().sum();
    let denom = total - (corr[0] + corr[1]) / total;
    let row = |c: usize| l[c][0] + l[c][1];
    let col = |k: usize| l[0][k] + l[1][k];
    let d_o = l[0][1] + l[1][0];
    let d_e = (row(0) * col(1) + row(1) * col(0)) / denom;
    if d_e <= 0.0 || !d_e.is_finite() {
        return None;
    }
    Some(1.0 - d_o / d_e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Eq. 32–34 written segment by segment, as in the published algorithm:
    /// an independent check of the span-measure shortcut above.
    fn by_segments(len: u64, coders: &[Vec<(u64, u64)>]) -> Option<f64> {
        let parts: Vec<Vec<(u64, u64, usize)>> = coders
            .iter()
            .map(|c| {
                let mut out = Vec::new();
                let mut cursor = 0;
                for (s, e) in spans::merge(c, len) {
                    if s > cursor {
                        out.push((cursor, s, 0));
                    }
                    out.push((s, e, 1));
                    cursor = e;
                }
                if cursor < len {
                    out.push((cursor, len, 0));
                }
                out
            })
            .collect();
        let m = parts.len() as f64;
        let mut l = [[0.0; 2]; 2];
        for (i, pi) in parts.iter().enumerate() {
            for (j, pj) in parts.iter().enumerate() {
                if i == j {
                    continue;
                }
                for &(gs, ge, c) in pi {
                    for &(hs, he, k) in pj {
                        let lo = gs.max(hs);
                        let hi = ge.min(he);
                        if lo < hi {
                            l[c][k] += (hi - lo) as f64 / (m - 1.0);
                        }
                    }
                }
            }
        }
        let mut corr = [0.0; 2];
        for p in &parts {
            for &(s, e, c) in p {
                let n = (e - s) as f64;
                corr[c] += if c == 0 { n } else { n * n };
            }
        }
        let tot: f64 = l.iter().flatten().sum();
        let denom = tot - (corr[0] + corr[1]) / tot;
        let eps = |c: usize, k: usize| (l[c][0] + l[c][1]) * (l[0][k] + l[1][k]) / denom;
        let de = eps(0, 1) + eps(1, 0);
        (de > 0.0).then(|| 1.0 - (l[0][1] + l[1][0]) / de)
    }

    #[test]
    fn worked_disjoint_halves() {
        // A codes [0,5), B codes [5,10) of 10 characters: ℓ01 = ℓ10 = 10,
        // corrections 2·5² (coded) + 2·5 (gaps) = 60, denominator
        // 20 − 60/20 = 17, De = 2·10·10/17, α = 1 − 20·17/200 = −0.7.
        let a = unitizing_alpha(10, &[vec![(0, 5)], vec![(5, 10)]]).unwrap();
        assert!((a + 0.7).abs() < 1e-12, "{a}");
    }

    #[test]
    fn identical_is_one_and_empty_is_undefined() {
        let c = vec![(2, 7), (9, 12)];
        assert_eq!(unitizing_alpha(20, &[c.clone(), c.clone(), c]), Some(1.0));
        assert_eq!(unitizing_alpha(20, &[vec![], vec![]]), None);
        assert_eq!(unitizing_alpha(20, &[vec![(0, 3)]]), None);
    }

    #[test]
    fn boundaries_matter() {
        // Same coverage split differently disagrees with one long unit.
        let whole = unitizing_alpha(30, &[vec![(5, 15)], vec![(5, 15)]]).unwrap();
        let split = unitizing_alpha(30, &[vec![(5, 15)], vec![(5, 10), (11, 15)]]).unwrap();
        assert!(split < whole);
    }

    proptest! {
        #[test]
        fn matches_segment_formula(
            len in 1u64..60,
            coders in proptest::collection::vec(proptest::collection::vec((0u64..60, 0u64..60), 0..5), 2..5),
        ) {
            let a = unitizing_alpha(len, &coders);
            let b = by_segments(len, &coders);
            match (a, b) {
                (Some(x), Some(y)) => prop_assert!((x - y).abs() < 1e-9, "{} vs {}", x, y),
                (None, None) => {}
                (x, y) => prop_assert!(false, "{:?} vs {:?}", x, y),
            }
            if let Some(x) = a { prop_assert!(x <= 1.0 + 1e-9); }
        }
    }
}
