//! Fleiss' κ for a fixed number of coders per unit (Fleiss 1971).

/// κ from `counts[i][j]` = number of coders who put unit i in category j.
/// Every unit must have the same number n ≥ 2 of ratings; `None` otherwise
/// or when there are no units. When expected agreement is 1 (a single
/// category used throughout) κ is 1.
pub fn fleiss_kappa(counts: &[Vec<u64>]) -> Option<f64> {
    let first = counts.first()?;
    let n: u64 = first.iter().sum();
    let k = first.len();
    if n < 2 || counts.iter().any(|r| r.len() != k || r.iter().sum::<u64>() != n) {
        return None;
    }
    let units = counts.len() as f64;
    let nf = n as f64;
    let p_bar = counts
        .iter()
        .map(|r| r.iter().map(|&x| (x * x.saturating_sub(1)) as f64).sum::<f64>() / (nf * (nf - 1.0)))
        .sum::<f64>()
        / units;
    let pe: f64 = (0..k)
        .map(|j| {
            let pj = counts.iter().map(|r| r[j] as f64).sum::<f64>() / (units * nf);
            pj * pj
        })
        .sum();
    if (1.0 - pe).abs() < 1e-12 {
        return Some(1.0);
    }
    Some((p_bar - pe) / (1.0 - pe))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fleiss_1971_example_as_on_wikipedia() {
        // 10 subjects, 14 raters, 5 categories: P̄ = 0.378, P̄e = 0.213,
        // κ = 0.210.
        let m = vec![
            vec![0, 0, 0, 0, 14],
            vec![0, 2, 6, 4, 2],
            vec![0, 0, 3, 5, 6],
            vec![0, 3, 9, 2, 0],
            vec![2, 2, 8, 1, 1],
            vec![7, 7, 0, 0, 0],
            vec![3, 2, 6, 3, 0],
            vec![2, 5, 3, 2, 2],
            vec![6, 5, 2, 1, 0],
            vec![0, 2, 2, 3, 7],
        ];
        let k = fleiss_kappa(&m).unwrap();
        assert!((k - 0.20993070442195522).abs() < 1e-12, "{k}");
        assert!((k - 0.210).abs() < 5e-4);
    }

    #[test]
    fn unequal_raters_rejected() {
        assert_eq!(fleiss_kappa(&[vec![2, 0], vec![1, 0]]), None);
        assert_eq!(fleiss_kappa(&[]), None);
        assert_eq!(fleiss_kappa(&[vec![3, 0], vec![3, 0]]), Some(1.0));
    }
}

/// Fleiss' κ for a yes/no judgement by `raters` coders over runs of
/// identical units: `(units in the run, coders who said yes)`. Equivalent
/// to [`fleiss_kappa`] with one row per unit, without materialising the
/// rows (characters of long texts).
pub fn fleiss_kappa_runs(runs: &[(u64, u64)], raters: u64) -> Option<f64> {
    if raters < 2 {
        return None;
    }
    let n = raters as f64;
    let units: f64 = runs.iter().map(|r| r.0 as f64).sum();
    if units == 0.0 {
        return None;
    }
    let (mut p_sum, mut yes) = (0.0, 0.0);
    for &(len, k) in runs {
        let (k, no) = (k as f64, (raters - k.min(raters)) as f64);
        p_sum += len as f64 * (k * (k - 1.0) + no * (no - 1.0)) / (n * (n - 1.0));
        yes += len as f64 * k;
    }
    let p_bar = p_sum / units;
    let p_yes = yes / (units * n);
    let pe = p_yes * p_yes + (1.0 - p_yes) * (1.0 - p_yes);
    if (1.0 - pe).abs() < 1e-12 {
        return Some(1.0);
    }
    Some((p_bar - pe) / (1.0 - pe))
}

#[cfg(test)]
mod run_tests {
    use super::*;

    #[test]
    fn runs_equal_rows() {
        let rows = vec![vec![3, 0], vec![3, 0], vec![2, 1], vec![0, 3], vec![1, 2], vec![1, 2], vec![1, 2]];
        let runs = [(2, 3), (1, 2), (1, 0), (3, 1)];
        let a = fleiss_kappa(&rows).unwrap();
        let b = fleiss_kappa_runs(&runs, 3).unwrap();
        assert!((a - b).abs() < 1e-12, "{a} {b}");
    }
}
