//! Choosing the version of a cited document in force on the citing date,
//! and saying so when the project holds no such version.

use policyscope_text::PolicyDate;

use crate::model::VersionStatus;

/// The version taken for a reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pick {
    /// Index of the version among those offered.
    pub index: usize,
    /// How it relates to the citing date.
    pub version: VersionStatus,
    /// Why it was taken, when there was a choice or it is later than the
    /// citing document.
    pub note: Option<String>,
}

/// Picks among `versions` (index, date): the latest in force by
/// `citing_date` ([`PolicyDate::in_force_by`]: a version dated `2023-07-10`
/// is in force by a citing date of `2023-07`) — `in_force` —, else the
/// earliest — `later_than_citing` —; undated versions come last and make
/// the pick `undated`.
pub fn pick_version(
    versions: &[(usize, Option<PolicyDate>)],
    citing_date: Option<PolicyDate>,
) -> Option<Pick> {
    let first = versions.first()?.0;
    let mut dated: Vec<(usize, PolicyDate)> =
        versions.iter().filter_map(|(i, d)| d.map(|d| (*i, d))).collect();
    dated.sort_by(|a, b| a.1.first_day().cmp(&b.1.first_day()).then(a.0.cmp(&b.0)));
    let n = versions.len();
    let several = |text: String| (n > 1).then(|| format!("{n} versions; {text}"));
    let Some(citing) = citing_date else {
        let Some(&(index, d)) = dated.last() else {
            return Some(Pick {
                index: first,
                version: VersionStatus::Undated,
                note: several("none dated".into()),
            });
        };
        let note = several(format!("the citing document has no date, so the latest ({d}) was taken"));
        return Some(Pick { index, version: VersionStatus::Undated, note });
    };
    if let Some(&(index, d)) = dated.iter().rev().find(|(_, d)| d.in_force_by(&citing)) {
        let note = several(format!("{d} is the latest on or before {citing}"));
        return Some(Pick { index, version: VersionStatus::InForce, note });
    }
    let Some(&(index, d)) = dated.first() else {
        return Some(Pick {
            index: first,
            version: VersionStatus::Undated,
            note: several("none dated".into()),
        });
    };
    let all = if n > 1 { format!(" (all {n} versions are later)") } else { String::new() };
    Some(Pick {
        index,
        version: VersionStatus::LaterThanCiting,
        note: Some(format!(
            "the version in force on {citing} is not in the project; nearest is the {d} version, \
             issued after the citing document{all}"
        )),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<PolicyDate> {
        Some(s.parse().unwrap_or_else(|e| panic!("{e}")))
    }

    fn versions(dates: &[&str]) -> Vec<(usize, Option<PolicyDate>)> {
        dates.iter().enumerate().map(|(i, s)| (i, d(s))).collect()
    }

    fn index(versions: &[(usize, Option<PolicyDate>)], citing: Option<PolicyDate>) -> usize {
        pick_version(versions, citing).map(|p| p.index).unwrap_or(usize::MAX)
    }

    #[test]
    fn in_force_on_the_date() {
        let v = versions(&["2017-11-04", "1988-12-29", "2021-06-10"]);
        assert_eq!(index(&v, d("2019-01-01")), 0);
        assert_eq!(index(&v, d("2017-11-04")), 0);
        assert_eq!(index(&v, d("2023-07")), 2);
        assert_eq!(index(&v, None), 2);
        assert_eq!(index(&versions(&["2021-06", "2021-06-10"]), d("2021-06")), 1);
        assert!(pick_version(&[], None).is_none());
        let only = pick_version(&[(7, None)], d("2000"));
        assert_eq!(only, Some(Pick { index: 7, version: VersionStatus::Undated, note: None }));
        assert_eq!(pick_version(&v, d("2019-01-01")).map(|p| p.version), Some(VersionStatus::InForce));
    }

    #[test]
    fn a_single_version_later_than_the_citing_document_is_marked_and_explained() {
        let p = pick_version(&[(3, d("2021-06-10"))], d("2018-05-24"));
        let p = p.unwrap_or_else(|| panic!("a version must be picked"));
        assert_eq!((p.index, p.version), (3, VersionStatus::LaterThanCiting));
        let note = p.note.unwrap_or_default();
        assert!(note.contains("2018-05-24") && note.contains("2021-06-10"), "{note}");
        assert!(note.contains("issued after the citing document"), "{note}");
    }

    #[test]
    fn all_versions_later_take_the_earliest_and_say_so() {
        let p = pick_version(&versions(&["2017-11-04", "1988-12-29", "2021-06-10"]), d("1980"));
        let p = p.unwrap_or_else(|| panic!("a version must be picked"));
        assert_eq!((p.index, p.version), (1, VersionStatus::LaterThanCiting));
        assert!(p.note.unwrap_or_default().contains("all 3 versions are later"));
    }

    #[test]
    fn without_a_citing_date_the_version_is_undated() {
        let v = versions(&["2017-11-04", "1988-12-29", "2021-06-10"]);
        assert_eq!(pick_version(&v, None).map(|p| p.version), Some(VersionStatus::Undated));
        let one = pick_version(&versions(&["2021-06-10"]), None);
        assert_eq!(one.map(|p| (p.version, p.note)), Some((VersionStatus::Undated, None)));
    }
}
