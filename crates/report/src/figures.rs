//! The numbers behind the figures: code × year and code × code counts.

use std::collections::BTreeMap;

use crate::model::{year_of, StudyData};
use crate::svg::chart::Series;

/// For every code, how many documents of each year carry it (or a code below it).
pub fn trend_series(data: &StudyData) -> Vec<Series> {
    data.codes
        .iter()
        .map(|c| {
            let mut by_year: BTreeMap<i32, u32> = BTreeMap::new();
            for id in data.documents_with(c.id) {
                if let Some(y) = data.document(id).and_then(|d| year_of(d.date.as_deref())) {
                    *by_year.entry(y).or_default() += 1;
                }
            }
            Series { label: c.name.clone(), color: c.color.clone(), values: by_year.into_iter().collect() }
        })
        .collect()
}

/// Documents in which both codes (with their sub-codes) occur; the diagonal
/// counts documents with the code.
pub fn cooccurrence(data: &StudyData) -> Vec<Vec<u32>> {
    let sets: Vec<Vec<i64>> = data.codes.iter().map(|c| data.documents_with(c.id)).collect();
    sets.iter()
        .map(|a| {
            sets.iter().map(|b| a.iter().filter(|d| b.binary_search(d).is_ok()).count() as u32).collect()
        })
        .collect()
}
