//! Cohen's κ for two coders over nominal categories (Cohen 1960).

/// κ = (Po − Pe) / (1 − Pe) from a square contingency table
/// (`table[i][j]` = units A put in category i and B in j). Degenerate tables
/// where chance agreement is 1 give 1 when observed agreement is total too;
/// `None` for an empty or non-square table.
pub fn cohen_kappa(table: &[Vec<f64>]) -> Option<f64> {
    let k = table.len();
    if k == 0 || table.iter().any(|r| r.len() != k) {
        return None;
    }
    let n: f64 = table.iter().flatten().sum();
    if n <= 0.0 {
        return None;
    }
    let po = (0..k).map(|i| table[i][i]).sum::<f64>() / n;
    let pe = (0..k)
        .map(|i| {
            let row: f64 = table[i].iter().sum();
            let col: f64 = table.iter().map(|r| r[i]).sum();
            row * col
        })
        .sum::<f64>()
        / (n * n);
    if (1.0 - pe).abs() < 1e-12 {
        return (po >= 1.0 - 1e-12).then_some(1.0);
    }
    Some((po - pe) / (1.0 - pe))
}

/// Cohen's κ from paired labels (units both coders labelled).
pub fn cohen_kappa_pairs<T: Ord + Clone>(pairs: &[(T, T)]) -> Option<f64> {
    let mut cats: Vec<T> = pairs.iter().flat_map(|(a, b)| [a.clone(), b.clone()]).collect();
    cats.sort();
    cats.dedup();
    let idx = |x: &T| cats.binary_search(x).unwrap_or(0);
    let mut table = vec![vec![0.0; cats.len()]; cats.len()];
    for (a, b) in pairs {
        table[idx(a)][idx(b)] += 1.0;
    }
    cohen_kappa(&table)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn textbook_two_by_two() {
        // 50 proposals: yes/yes 20, no/no 15, A yes B no 5, A no B yes 10;
        // Po = 0.7, Pe = 0.5 → κ = 0.4.
        let k = cohen_kappa(&[vec![20.0, 5.0], vec![10.0, 15.0]]).unwrap();
        assert!((k - 0.4).abs() < 1e-12);
    }

    #[test]
    fn pairs_equal_table() {
        let pairs: Vec<(&str, &str)> = [("y", "y"); 20]
            .into_iter()
            .chain([("y", "n"); 5])
            .chain([("n", "y"); 10])
            .chain([("n", "n"); 15])
            .collect();
        assert!((cohen_kappa_pairs(&pairs).unwrap() - 0.4).abs() < 1e-12);
        assert_eq!(cohen_kappa_pairs(&[("a", "a"), ("a", "a")]), Some(1.0));
        assert_eq!(cohen_kappa(&[]), None);
    }
}
