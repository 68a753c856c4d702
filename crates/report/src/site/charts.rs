//! `charts.html`: documents per code and year, and code co-occurrence.

use super::Writer;
use crate::figures::{cooccurrence, trend_series, trend_years};
use crate::html::layout::Page;
use crate::model::{Queries, StudyData};
use crate::svg::chart::{heatmap, trends};
use crate::Result;

pub(crate) fn write(w: &mut Writer<'_>, data: &StudyData) -> Result<()> {
    let mut body = String::new();
    match data.queries.as_ref().filter(|_| !data.codings.is_empty()) {
        None => body
            .push_str("<p class=\"note\">No codings yet: trends and co-occurrence need coded documents.</p>"),
        Some(q) => charts(&mut body, data, q),
    }
    w.page(
        "charts.html",
        &Page { title: "Trends and co-occurrence", root: "", section: "charts.html", body, scripts: &[] },
    )
}

/// The two figures, drawn from the query results.
fn charts(body: &mut String, data: &StudyData, q: &Queries) {
    let colour = |path: &str| {
        data.codes.iter().find(|c| c.path == path).map_or_else(|| "#888888".to_string(), |c| c.color.clone())
    };
    let all = trend_series(&q.trend, &colour);
    let (from, to) = trend_years(&q.trend);
    body.push_str(&format!(
        "<figure id=\"trends\">{}<figcaption>Figure 1. Number of documents per year that carry each code \
         (same scale in every panel).</figcaption></figure>",
        trends(&all, from, to)
    ));
    let (labels, counts) = cooccurrence(&q.cooccur, false);
    body.push_str(&format!(
        "<figure id=\"cooccurrence\">{}<figcaption>Figure 2. Code co-occurrence: number of documents coded \
         with both codes (diagonal: with the code).</figcaption></figure>",
        heatmap(&labels, &counts)
    ));
}
