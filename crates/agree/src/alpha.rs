//! Krippendorff's α for predefined units, any number of coders, missing
//! values allowed (Krippendorff, "Computing Krippendorff's
//! Alpha-Reliability", 2011).

use serde::{Deserialize, Serialize};

/// The difference function δ² between values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Metric {
    /// Categories: δ² = 0 if equal, else 1.
    Nominal,
    /// Ranks: δ² from the marginal frequencies between the two values.
    Ordinal,
    /// δ² = (c − k)².
    Interval,
    /// δ² = ((c − k) / (c + k))².
    Ratio,
}

/// α = 1 − D_o / D_e over `data[coder][unit]` (`None` = missing).
///
/// Units with fewer than two values are not pairable and are ignored.
/// `None` when nothing is pairable or the pairable values show no variation
/// (α is then undefined).
pub fn krippendorff_alpha(data: &[Vec<Option<f64>>], metric: Metric) -> Option<f64> {
    let units = data.iter().map(Vec::len).max().unwrap_or(0);
    let mut values: Vec<f64> = data.iter().flatten().flatten().copied().filter(|v| v.is_finite()).collect();
    values.sort_by(f64::total_cmp);
    values.dedup();
    let v = values.len();
    let index = |x: f64| values.binary_search_by(|p| p.total_cmp(&x)).ok();
    let mut o = vec![vec![0.0f64; v]; v];
    for u in 0..units {
        let present: Vec<usize> =
            data.iter().filter_map(|coder| coder.get(u).copied().flatten()).filter_map(index).collect();
        let m = present.len();
        if m < 2 {
            continue;
        }
        let w = 1.0 / (m as f64 - 1.0);
        for (i, &c) in present.iter().enumerate() {
            for (j, &k) in present.iter().enumerate() {
                if i != j {
                    o[c][k] += w;
                }
            }
        }
    }
    let n_c: Vec<f64> = o.iter().map(|r| r.iter().sum()).collect();
    let n: f64 = n_c.iter().sum();
    if n <= 1.0 {
        return None;
    }
    let delta = |c: usize, k: usize| -> f64 {
        match metric {
            Metric::Nominal => f64::from(u8::from(c != k)),
            Metric::Interval => (values[c] - values[k]).powi(2),
            Metric::Ratio => {
                let s = values[c] + values[k];
                if s == 0.0 {
                    0.0
                } else {
                    ((values[c] - values[k]) / s).powi(2)
                }
            }
            Metric::Ordinal => {
                let (lo, hi) = (c.min(k), c.max(k));
                let between: f64 = n_c[lo..=hi].iter().sum();
                (between - (n_c[lo] + n_c[hi]) / 2.0).powi(2)
            }
        }
    };
    let (mut d_o, mut d_e) = (0.0, 0.0);
    for c in 0..v {
        for k in 0..v {
            let d = delta(c, k);
            d_o += o[c][k] * d;
            d_e += n_c[c] * n_c[k] * d;
        }
    }
    if d_e <= 0.0 {
        return None;
    }
    Some(1.0 - (n - 1.0) * d_o / d_e)
}

/// Nominal α for presence/absence: `data[coder][unit]` = whether the coder
/// applied the code to the unit (`None` = the coder did not code the unit).
pub fn alpha_binary(data: &[Vec<Option<bool>>]) -> Option<f64> {
    let numeric: Vec<Vec<Option<f64>>> =
        data.iter().map(|r| r.iter().map(|x| x.map(|b| f64::from(u8::from(b)))).collect()).collect();
    krippendorff_alpha(&numeric, Metric::Nominal)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reliability_data_2011() -> Vec<Vec<Option<f64>>> {
        // "Computing Krippendorff's Alpha-Reliability" (2011), section C:
        // 4 observers, 12 units, missing values; α nominal = 0.743.
        let row = |v: [i32; 12]| v.iter().map(|&x| (x > 0).then_some(f64::from(x))).collect::<Vec<_>>();
        vec![
            row([1, 2, 3, 3, 2, 1, 4, 1, 2, 0, 0, 0]),
            row([1, 2, 3, 3, 2, 2, 4, 1, 2, 5, 0, 3]),
            row([0, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 0]),
            row([1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, 0]),
        ]
    }

    #[test]
    fn krippendorff_2011_missing_data_example() {
        let d = reliability_data_2011();
        let nominal = krippendorff_alpha(&d, Metric::Nominal).unwrap();
        assert!((nominal - 0.743).abs() < 5e-4, "{nominal}");
        let interval = krippendorff_alpha(&d, Metric::Interval).unwrap();
        assert!((interval - 0.849).abs() < 5e-4, "{interval}");
    }

    #[test]
    fn krippendorff_2011_binary_two_observers() {
        // Section A: α = 0.095.
        let a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
        let b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
        let d: Vec<Vec<Option<bool>>> =
            [a, b].iter().map(|r| r.iter().map(|&x| Some(x == 1)).collect()).collect();
        let alpha = alpha_binary(&d).unwrap();
        assert!((alpha - 0.095).abs() < 5e-4, "{alpha}");
    }

    #[test]
    fn krippendorff_2011_nominal_two_observers() {
        // Section B: categories a–e, α = 0.692.
        let cat = |s: &str| s.split(' ').map(|c| Some(f64::from(c.as_bytes()[0]))).collect::<Vec<_>>();
        let d = vec![cat("a a b b d c c c e d d a"), cat("b a b b b c c c e d d d")];
        let alpha = krippendorff_alpha(&d, Metric::Nominal).unwrap();
        assert!((alpha - 0.692).abs() < 5e-4, "{alpha}");
    }

    #[test]
    fn undefined_without_variation_or_pairs() {
        assert_eq!(krippendorff_alpha(&[vec![Some(1.0)], vec![None]], Metric::Nominal), None);
        assert_eq!(krippendorff_alpha(&[vec![Some(1.0); 3], vec![Some(1.0); 3]], Metric::Nominal), None);
    }
}
