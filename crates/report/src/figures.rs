//! The figures' data, read from the query results: the counts are those of
//! `policyscope query trend` and `policyscope query cooccur`, never
//! recounted here. The report pages and the web app draw from these.

use policyscope_query::{Cooccur, Trend};

use crate::svg::chart::Series;

/// The last segment of a code path: the code's name.
fn code_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// One series per code of `trend`: documents per dated year (the
/// `undated` column is left out), labelled with the code's name and
/// coloured by `colour(path)`.
pub fn trend_series(trend: &Trend, colour: &dyn Fn(&str) -> String) -> Vec<Series> {
    let years: Vec<Option<i32>> = trend.years.iter().map(|y| y.parse().ok()).collect();
    trend
        .codes
        .iter()
        .map(|row| Series {
            label: code_name(&row.path).to_string(),
            color: colour(&row.path),
            values: years.iter().zip(&row.documents).filter_map(|(y, n)| Some(((*y)?, count(*n)))).collect(),
        })
        .collect()
}

/// The first and last dated year of `trend` (`(0, 0)` when none is dated).
pub fn trend_years(trend: &Trend) -> (i32, i32) {
    let known: Vec<i32> = trend.years.iter().filter_map(|y| y.parse().ok()).collect();
    (known.iter().min().copied().unwrap_or(0), known.iter().max().copied().unwrap_or(0))
}

/// Code names and the co-occurrence counts, by document (both codes code
/// the document) or by passage (both touch the sentence).
pub fn cooccurrence(c: &Cooccur, by_passage: bool) -> (Vec<String>, Vec<Vec<u32>>) {
    let labels = c.codes.iter().map(|p| code_name(p).to_string()).collect();
    let m = if by_passage { &c.by_passage } else { &c.by_document };
    (labels, m.iter().map(|r| r.iter().map(|v| count(*v)).collect()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use policyscope_query::TrendRow;

    #[test]
    fn series_take_the_query_counts_and_leave_out_undated() {
        let trend = Trend {
            years: vec!["2019".into(), "2021".into(), "undated".into()],
            corpus_documents: vec![2, 3, 1],
            codes: vec![TrendRow {
                path: "Goal/Global".into(),
                documents: vec![1, 2, 1],
                passages: vec![1, 4, 1],
            }],
        };
        let s = trend_series(&trend, &|p| format!("#{}", p.len()));
        assert_eq!(s[0].label, "Global");
        assert_eq!(s[0].color, "#11");
        assert_eq!(s[0].values, vec![(2019, 1), (2021, 2)]);
        assert_eq!(trend_years(&trend), (2019, 2021));
        let c = Cooccur { codes: vec!["Goal".into()], by_passage: vec![vec![7]], by_document: vec![vec![3]] };
        assert_eq!(cooccurrence(&c, false), (vec!["Goal".to_string()], vec![vec![3]]));
        assert_eq!(cooccurrence(&c, true).1, vec![vec![7]]);
    }
}
