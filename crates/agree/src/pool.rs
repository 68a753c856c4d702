//! Averages of per-code × per-document figures.

use serde::{Deserialize, Serialize};

/// Plain and size-weighted means of a figure over cells where it is defined.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Pooled {
    /// Cells with a defined value.
    pub cells: usize,
    /// Arithmetic mean (`None` when no cell is defined).
    pub mean: Option<f64>,
    /// Mean weighted by cell size (e.g. document length), as NVivo's help
    /// suggests for averaging across sources.
    pub weighted_mean: Option<f64>,
}

/// Pools `(value, weight)` cells; undefined values are skipped.
pub fn pool(cells: impl IntoIterator<Item = (Option<f64>, f64)>) -> Pooled {
    let (mut n, mut sum, mut wsum, mut w) = (0usize, 0.0, 0.0, 0.0);
    for (v, weight) in cells {
        if let Some(v) = v.filter(|v| v.is_finite()) {
            n += 1;
            sum += v;
            wsum += v * weight;
            w += weight;
        }
    }
    Pooled { cells: n, mean: (n > 0).then(|| sum / n as f64), weighted_mean: (w > 0.0).then(|| wsum / w) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_and_weighted() {
        let p = pool([(Some(1.0), 100.0), (Some(0.0), 300.0), (None, 50.0)]);
        assert_eq!(p.cells, 2);
        assert_eq!(p.mean, Some(0.5));
        assert_eq!(p.weighted_mean, Some(0.25));
        assert_eq!(pool([]).mean, None);
    }
}
