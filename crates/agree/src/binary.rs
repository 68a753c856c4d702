//! Two coders, one code, units coded or not: NVivo's percentage agreement
//! and kappa.
//!
//! NVivo's Coding Comparison query counts characters (or sentences,
//! paragraphs) of one source for one code into a 2×2 table — coded by both,
//! by A only, by B only, by neither — and reports
//! `(both + neither) / total` and `K = (TA − ΣEF) / (TU − ΣEF)` with
//! `ΣEF = (A·B + ¬A·¬B) / N`, which is Cohen's κ on that table.

use serde::{Deserialize, Serialize};

/// The 2×2 table of units for one code between coders A and B.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BinaryCounts {
    /// Units coded by both.
    pub both: u64,
    /// Units coded by A only.
    pub only_a: u64,
    /// Units coded by B only.
    pub only_b: u64,
    /// Units coded by neither.
    pub neither: u64,
}

impl BinaryCounts {
    /// Total units.
    pub fn total(&self) -> u64 {
        self.both + self.only_a + self.only_b + self.neither
    }

    /// Units on which the coders agree (both or neither).
    pub fn agreements(&self) -> u64 {
        self.both + self.neither
    }

    /// Adds another table cell by cell (pooling over sources).
    pub fn add(&mut self, other: &BinaryCounts) {
        self.both += other.both;
        self.only_a += other.only_a;
        self.only_b += other.only_b;
        self.neither += other.neither;
    }

    /// Percentage agreement in [0, 100]; `None` for an empty table.
    pub fn percent_agreement(&self) -> Option<f64> {
        let n = self.total();
        (n > 0).then(|| 100.0 * self.agreements() as f64 / n as f64)
    }

    /// NVivo's kappa. When chance agreement is total (both coders coded
    /// everything, or nothing) the coders agree completely and, as NVivo
    /// reports it, K = 1. `None` for an empty table.
    pub fn kappa(&self) -> Option<f64> {
        let n = self.total() as f64;
        if n == 0.0 {
            return None;
        }
        let a = (self.both + self.only_a) as f64;
        let b = (self.both + self.only_b) as f64;
        let ef = (a * b + (n - a) * (n - b)) / n;
        let ta = self.agreements() as f64;
        if (n - ef).abs() < 1e-9 {
            return Some(1.0);
        }
        Some((ta - ef) / (n - ef))
    }

    /// Counts from per-unit flags (same length for both coders).
    pub fn from_flags(a: &[bool], b: &[bool]) -> BinaryCounts {
        let mut c = BinaryCounts::default();
        for (&x, &y) in a.iter().zip(b) {
            match (x, y) {
                (true, true) => c.both += 1,
                (true, false) => c.only_a += 1,
                (false, true) => c.only_b += 1,
                (false, false) => c.neither += 1,
            }
        }
        c
    }

    /// Counts of characters of a text of `len` code points from the spans
    /// (half-open, may overlap) each coder applied.
    pub fn from_spans(len: u64, a: &[(u64, u64)], b: &[(u64, u64)]) -> BinaryCounts {
        let a = crate::spans::merge(a, len);
        let b = crate::spans::merge(b, len);
        let la = crate::spans::covered(&a);
        let lb = crate::spans::covered(&b);
        let both = crate::spans::intersection(&a, &b);
        BinaryCounts { both, only_a: la - both, only_b: lb - both, neither: len - la - lb + both }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nvivo_documented_example() {
        // NVivo help: 1000 characters, 50 coded by both, 150 by one user
        // only, 800 by neither → 85 % agreement.
        let t = BinaryCounts { both: 50, only_a: 100, only_b: 50, neither: 800 };
        assert_eq!(t.percent_agreement(), Some(85.0));
        // The same through spans: A codes [0,150), B codes [100,200).
        let s = BinaryCounts::from_spans(1000, &[(0, 150)], &[(100, 200)]);
        assert_eq!(s, t);
        // κ by NVivo's own formula, written out: A = 150, B = 100,
        // EF1 = 150·100/1000 = 15, EF2 = 850·900/1000 = 765, ΣEF = 780,
        // K = (850 − 780) / (1000 − 780) = 70/220.
        let k = t.kappa().unwrap();
        assert!((k - 70.0 / 220.0).abs() < 1e-12, "{k}");
    }

    #[test]
    fn nvivo_kappa_equals_cohen_on_the_table() {
        let t = BinaryCounts { both: 20, only_a: 5, only_b: 10, neither: 15 };
        let table = vec![vec![20.0, 5.0], vec![10.0, 15.0]];
        let c = crate::cohen::cohen_kappa(&table).unwrap();
        assert!((t.kappa().unwrap() - c).abs() < 1e-12);
        assert!((c - 0.4).abs() < 1e-12);
    }

    #[test]
    fn degenerate_tables() {
        assert_eq!(BinaryCounts::default().kappa(), None);
        assert_eq!(BinaryCounts::default().percent_agreement(), None);
        let none_coded = BinaryCounts { neither: 40, ..Default::default() };
        assert_eq!(none_coded.kappa(), Some(1.0));
        assert_eq!(none_coded.percent_agreement(), Some(100.0));
        let disjoint = BinaryCounts::from_spans(10, &[(0, 5)], &[(5, 10)]);
        assert_eq!(disjoint.kappa(), Some(-1.0));
    }

    #[test]
    fn overlapping_spans_of_one_coder_count_once() {
        let c = BinaryCounts::from_spans(10, &[(0, 4), (2, 6), (6, 7)], &[(3, 5)]);
        assert_eq!(c, BinaryCounts { both: 2, only_a: 5, only_b: 0, neither: 3 });
    }
}
