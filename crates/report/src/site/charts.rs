//! `charts.html`: documents per code and year, and code co-occurrence.

use super::Writer;
use crate::figures::{cooccurrence, trend_series as series};
use crate::html::layout::Page;
use crate::model::StudyData;
use crate::svg::chart::{heatmap, trends};
use crate::Result;

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
