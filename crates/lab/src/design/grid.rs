//! Full-factorial grids and Latin hypercubes.

use rand::seq::SliceRandom;
use rand::Rng;

use crate::error::{LabError, Result};
use crate::rng::LabRng;
use crate::spec::limits::MAX_CONFIGS;

/// All combinations of the listed values; the last factor varies fastest.
pub fn grid(factors: &toml::Table) -> Result<(Vec<String>, Vec<Vec<toml::Value>>)> {
    let mut names = Vec::new();
    let mut levels: Vec<&Vec<toml::Value>> = Vec::new();
    let mut total = 1usize;
    for (name, v) in factors {
        let values = v.as_array().filter(|a| !a.is_empty()).ok_or_else(|| {
            LabError::param(format!("design.factors.{name}"), "a grid factor lists its values")
        })?;
        total = total.saturating_mul(values.len());
        if total > MAX_CONFIGS {
            return Err(LabError::Limit(format!("grid has more than {MAX_CONFIGS} configurations")));
        }
        names.push(name.clone());
        levels.push(values);
    }
    let mut rows = Vec::with_capacity(total);
    for mut idx in 0..total {
        let mut row = vec![toml::Value::Boolean(false); levels.len()];
        for f in (0..levels.len()).rev() {
            row[f] = levels[f][idx % levels[f].len()].clone();
            idx /= levels[f].len();
        }
        rows.push(row);
    }
    Ok((names, rows))
}

/// `n` points in [0, 1]^d, one in each of the n strata of every dimension.
pub fn lhs(n: usize, d: usize, rng: &mut LabRng) -> Vec<Vec<f64>> {
    let mut out = vec![vec![0.0; d]; n];
    for j in 0..d {
        let mut perm: Vec<usize> = (0..n).collect();
        perm.shuffle(rng);
        for (row, p) in out.iter_mut().zip(&perm) {
            row[j] = (*p as f64 + rng.random::<f64>()) / n as f64;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_enumerates_every_combination_once() {
        let t: toml::Table = toml::from_str("a = [1, 2, 3]\nb = [\"x\", \"y\"]").expect("literal parses");
        let (names, rows) = grid(&t).expect("valid");
        assert_eq!(names, ["a", "b"]);
        assert_eq!(rows.len(), 6);
        let mut seen: Vec<String> = rows.iter().map(|r| format!("{}{}", r[0], r[1])).collect();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), 6);
    }

    #[test]
    fn lhs_fills_each_stratum_exactly_once() {
        let pts = lhs(50, 3, &mut crate::rng::aux_rng(5, 0));
        for j in 0..3 {
            let mut strata: Vec<usize> = pts.iter().map(|p| (p[j] * 50.0) as usize).collect();
            strata.sort();
            assert_eq!(strata, (0..50).collect::<Vec<_>>());
        }
    }
}
