//! Choosing the version of a cited document in force on the citing date.

/// Turns a possibly partial date into a sortable key: a citing date is
/// read as the end of its period, a version date as its start, so that a
/// document dated `2023-07` sees versions of July 2023.
fn date_key(date: &str, end_of_period: bool) -> String {
    let parts: Vec<&str> = date.split('-').collect();
    let fill = if end_of_period { "99" } else { "00" };
    let year = parts.first().copied().unwrap_or("0000");
    let month = parts.get(1).copied().unwrap_or(fill);
    let day = parts.get(2).copied().unwrap_or(fill);
    format!("{year:0>4}-{month:0>2}-{day:0>2}")
}

/// Picks among `versions` (index, date): the latest dated on or before
/// `citing_date`, else the earliest; undated versions come last. Returns
/// the index and a note when there was a choice to make.
pub fn pick_version(
    versions: &[(usize, Option<&str>)],
    citing_date: Option<&str>,
) -> Option<(usize, Option<String>)> {
    let mut dated: Vec<(usize, &str)> = versions.iter().filter_map(|(i, d)| d.map(|d| (*i, d))).collect();
    dated.sort_by(|a, b| date_key(a.1, false).cmp(&date_key(b.1, false)).then(a.0.cmp(&b.0)));
    if versions.len() == 1 {
        return Some((versions[0].0, None));
    }
    let n = versions.len();
    let Some(citing) = citing_date else {
        let (i, d) = dated.last().copied().or(versions.first().map(|(i, _)| (*i, "")))?;
        return Some((
            i,
            Some(format!("{n} versions; the citing document has no date, so the latest ({d}) was taken")),
        ));
    };
    let limit = date_key(citing, true);
    if let Some(&(i, d)) = dated.iter().rev().find(|(_, d)| date_key(d, false) <= limit) {
        return Some((i, Some(format!("{n} versions; {d} is the latest on or before {citing}"))));
    }
    let (i, d) = dated.first().copied().or(versions.first().map(|(i, _)| (*i, "")))?;
    Some((i, Some(format!("{n} versions; all are later than {citing}, so the earliest ({d}) was taken"))))
}

#[cfg(test)]
mod tests {
    use super::*;

    const V: &[(usize, Option<&str>)] =
        &[(0, Some("2017-11-04")), (1, Some("1988-12-29")), (2, Some("2021-06-10"))];

    #[test]
    fn in_force_on_the_date() {
        assert_eq!(pick_version(V, Some("2019-01-01")).unwrap().0, 0);
        assert_eq!(pick_version(V, Some("2017-11-04")).unwrap().0, 0);
        assert_eq!(pick_version(V, Some("2023-07")).unwrap().0, 2);
        assert_eq!(pick_version(V, Some("1980")).unwrap().0, 1);
        assert_eq!(pick_version(V, None).unwrap().0, 2);
        assert_eq!(
            pick_version(&[(0, Some("2021-06")), (1, Some("2021-06-10"))], Some("2021-06")).unwrap().0,
            1
        );
        assert!(pick_version(&[], None).is_none());
        assert_eq!(pick_version(&[(7, None)], Some("2000")).unwrap(), (7, None));
    }
}
