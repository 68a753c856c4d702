//! Half-open code-point spans: merging and measuring.

/// Sorts, clips to `[0, len)` and merges overlapping or touching spans.
pub fn merge(spans: &[(u64, u64)], len: u64) -> Vec<(u64, u64)> {
    let mut v: Vec<(u64, u64)> =
        spans.iter().map(|&(s, e)| (s.min(len), e.min(len))).filter(|(s, e)| s < e).collect();
    v.sort_unstable();
    let mut out: Vec<(u64, u64)> = Vec::with_capacity(v.len());
    for (s, e) in v {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// Code points covered by merged spans.
pub fn covered(merged: &[(u64, u64)]) -> u64 {
    merged.iter().map(|(s, e)| e - s).sum()
}

/// Code points covered by both merged span lists.
pub fn intersection(a: &[(u64, u64)], b: &[(u64, u64)]) -> u64 {
    let (mut i, mut j, mut total) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let lo = a[i].0.max(b[j].0);
        let hi = a[i].1.min(b[j].1);
        if lo < hi {
            total += hi - lo;
        }
        if a[i].1 < b[j].1 {
            i += 1;
        } else {
            j += 1;
        }
    }
    total
}

/// Whether merged spans touch `[start, end)` at all.
pub fn overlaps(merged: &[(u64, u64)], start: u64, end: u64) -> bool {
    merged.iter().any(|&(s, e)| s < end && start < e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn merged_measure_matches_a_mask(
            a in proptest::collection::vec((0u64..50, 0u64..50), 0..8),
            b in proptest::collection::vec((0u64..50, 0u64..50), 0..8),
        ) {
            let len = 40;
            let mask = |v: &[(u64, u64)]| {
                let mut m = vec![false; len as usize];
                for &(s, e) in v { for i in s.min(len)..e.min(len) { m[i as usize] = true; } }
                m
            };
            let (ma, mb) = (mask(&a), mask(&b));
            let (ra, rb) = (merge(&a, len), merge(&b, len));
            prop_assert_eq!(covered(&ra), ma.iter().filter(|x| **x).count() as u64);
            let both = ma.iter().zip(&mb).filter(|(x, y)| **x && **y).count() as u64;
            prop_assert_eq!(intersection(&ra, &rb), both);
            for w in ra.windows(2) { prop_assert!(w[0].1 < w[1].0); }
        }
    }
}
