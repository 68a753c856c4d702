//! The confidence of auto-coded proposals: stored with each proposal by a
//! run (the confidence of the rule that fired) and used to order a review
//! queue, most certain first.

use std::collections::HashMap;

use crate::store::CodingStore;
use crate::Result;

/// The stored confidence of every auto-coding that has one, by coding id.
pub fn rule_confidences(store: &CodingStore<'_>) -> Result<HashMap<i64, f64>> {
    let mut stmt = store.conn().prepare("SELECT id, confidence FROM codings WHERE confidence IS NOT NULL")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, f64>(1)?)))?;
    Ok(rows.collect::<policyscope_store::Result<_>>()?)
}

/// Orders `items` by confidence, highest first; items without one go last.
/// The sort is stable, so equal confidences keep their order (text order).
pub fn order_by_confidence<T>(items: &mut [T], id: impl Fn(&T) -> i64, confidence: &HashMap<i64, f64>) {
    items.sort_by(|a, b| {
        let (ca, cb) = (confidence.get(&id(a)), confidence.get(&id(b)));
        match (ca, cb) {
            (Some(x), Some(y)) => y.total_cmp(x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_confident_first_and_unrated_last_in_their_order() {
        let conf: HashMap<i64, f64> = [(1, 0.6), (2, 0.9), (4, 0.6)].into_iter().collect();
        let mut ids = vec![3, 1, 4, 2, 5];
        order_by_confidence(&mut ids, |x| *x, &conf);
        assert_eq!(ids, vec![2, 1, 4, 3, 5]);
    }
}
