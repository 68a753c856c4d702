//! `charts.html`: documents per code and year, and code co-occurrence.

use std::collections::BTreeMap;

use super::Writer;
use crate::html::layout::Page;
use crate::model::{year_of, StudyData};
use crate::svg::chart::{heatmap, trends, Series};
use crate::Result;

/// For every code, how many documents of each year carry it (or a code below it).
pub(crate) fn series(data: &StudyData) -> Vec<Series> {
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
pub(crate) fn cooccurrence(data: &StudyData) -> Vec<Vec<u32>> {
    let sets: Vec<Vec<i64>> = data.codes.iter().map(|c| data.documents_with(c.id)).collect();
    sets.iter()
        .map(|a| sets.iter().map(|b| a.iter().filter(|d| b.binary_search(d).is_ok()).count() as u32).collect())
        .collect()
}

pub(crate) fn write(w: &mut Writer<'_>, data: &StudyData) -> Result<()> {
    let mut body = String::new();
    if data.codings.is_empty() {
        body.push_str("<p class=\"note\">No codings yet: trends and co-occurrence need coded documents.</p>");
    } else {
        let all = series(data);
        let years: Vec<i32> = all.iter().flat_map(|s| s.values.iter().map(|v| v.0)).collect();
        let (from, to) = (years.iter().min().copied().unwrap_or(0), years.iter().max().copied().unwrap_or(0));
        body.push_str(&format!(
            "<figure id=\"trends\">{}<figcaption>Figure 1. Number of documents per year that carry each code \
             (same scale in every panel).</figcaption></figure>",
            trends(&all, from, to)
        ));
        let labels: Vec<String> = data.codes.iter().map(|c| c.name.clone()).collect();
        body.push_str(&format!(
            "<figure id=\"cooccurrence\">{}<figcaption>Figure 2. Code co-occurrence: number of documents coded \
             with both codes (diagonal: with the code).</figcaption></figure>",
            heatmap(&labels, &cooccurrence(data))
        ));
    }
    w.page(
        "charts.html",
        &Page { title: "Trends and co-occurrence", root: "", section: "charts.html", body, scripts: &[] },
    )
}
