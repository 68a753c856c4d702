//! Property tests for the parsers and choosers that see outside input:
//! rules files, version choice, fuzzy matching.

use std::path::Path;

use policyscope_cite::resolve::fuzzy::{safe_pair, FuzzyIndex};
use policyscope_cite::resolve::version::pick_version;
use policyscope_cite::snowball::Rules;
use policyscope_cite::VersionStatus;
use policyscope_text::PolicyDate;
use proptest::prelude::*;

fn date() -> impl Strategy<Value = String> {
    (1980u32..2030, 1u32..13, 1u32..29, 0usize..3).prop_map(|(y, m, d, parts)| match parts {
        0 => format!("{y}"),
        1 => format!("{y}-{m:02}"),
        _ => format!("{y}-{m:02}-{d:02}"),
    })
}

proptest! {
    #[test]
    fn rules_never_panic(text in "\\PC{0,200}") {
        let _ = Rules::parse(&text, Path::new("r.toml"));
    }

    #[test]
    fn rules_like_text_never_panics(lines in prop::collection::vec(prop::sample::select(vec![
        "direction = \"both\"", "max_rounds = 3", "max_rounds = -1", "otherwise = \"exclude\"", "[[rule]]",
        "name = \"x\"", "action = \"include\"", "terms_any = [\"人工智能\"]", "date_from = 5", "chinese_authority = true",
    ]), 0..12)) {
        let _ = Rules::parse(&lines.join("\n"), Path::new("r.toml"));
    }

    #[test]
    fn the_version_in_force_is_chosen(dates in prop::collection::vec(date(), 1..6), citing in date()) {
        let parsed: Vec<PolicyDate> = dates.iter().map(|d| d.parse().unwrap()).collect();
        let citing: PolicyDate = citing.parse().unwrap();
        let versions: Vec<(usize, Option<PolicyDate>)> = parsed.iter().enumerate().map(|(i, d)| (i, Some(*d))).collect();
        let pick = pick_version(&versions, Some(citing)).unwrap();
        let chosen = parsed[pick.index];
        let before: Vec<&PolicyDate> = parsed.iter().filter(|d| d.in_force_by(&citing)).collect();
        if before.is_empty() {
            prop_assert!(parsed.iter().all(|d| d.first_day() >= chosen.first_day()), "the earliest when all are later");
            prop_assert_eq!(pick.version, VersionStatus::LaterThanCiting);
            prop_assert!(pick.note.is_some(), "a later version is always explained");
        } else {
            prop_assert!(chosen.in_force_by(&citing));
            prop_assert!(before.iter().all(|d| d.first_day() <= chosen.first_day()), "the latest in force by the date");
            prop_assert_eq!(pick.version, VersionStatus::InForce);
        }
    }

    #[test]
    fn fuzzy_lookup_is_safe(keys in prop::collection::vec("[法条例办规定的和国务院人民甲乙丙0-9]{0,12}", 0..20), q in "[法条例办规定的和国务院甲乙丙0-9]{0,12}") {
        let idx = FuzzyIndex::new(keys.iter().map(String::as_str));
        let r = idx.lookup(&q);
        prop_assert!(r.candidates.len() <= 5);
        prop_assert!(r.candidates.iter().all(|(_, s)| (0.0..=1.0).contains(s)));
        if let Some(k) = &r.resolved {
            prop_assert!(safe_pair(&q, k) && safe_pair(k, &q));
        }
    }
}
