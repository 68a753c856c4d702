use proptest::prelude::*;

use super::*;

fn d(s: &str) -> PolicyDate {
    s.parse().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn iso_forms_read_and_display_unchanged() {
    for s in ["2021", "2021-08", "2021-08-20", "2024-02-29", "2000-02-29", "1000-01-01", "9999-12-31"] {
        assert_eq!(d(s).to_string(), s);
    }
    assert_eq!(d(" 2021-8-5 ").to_string(), "2021-08-05");
    assert_eq!(d("2021.8.20").to_string(), "2021-08-20");
    assert_eq!(d("2021/08").to_string(), "2021-08");
    assert_eq!(d("2021年8月20日").to_string(), "2021-08-20");
    assert_eq!(d("2021年8月").to_string(), "2021-08");
    assert_eq!(d("2021年").to_string(), "2021");
    assert_eq!(d("2021-08-20").year(), 2021);
    assert_eq!((d("2021-08").month(), d("2021-08").day()), (Some(8), None));
}

#[test]
fn impossible_dates_are_errors_that_say_why() {
    let msg = |s: &str| s.parse::<PolicyDate>().map(|x| x.to_string()).unwrap_err().to_string();
    assert!(msg("2021-13-45").contains("month 13 is not between 1 and 12"), "{}", msg("2021-13-45"));
    assert!(msg("2021-02-30").contains("day 30 does not exist in 2021-02, which has 28 days"));
    assert!(msg("2100-02-29").contains("which has 28 days"));
    assert!(msg("garbage").contains("`garbage` is not a date"));
    assert!(msg("garbage").contains("expected YYYY, YYYY-MM or YYYY-MM-DD"));
    assert!(msg("").contains("empty"));
    assert!(msg(&"2".repeat(100)).contains("longer than"));
    for bad in ["2021-", "21-08-20", "2021-08-20-01", "2021-0x", "2021-08/20", "2021年8月日", "0999", "n.d."]
    {
        assert!(bad.parse::<PolicyDate>().is_err(), "{bad} was accepted");
    }
    assert_eq!(PolicyDate::new(2021, None, Some(3)), Err(DateProblem::Form));
}

#[test]
fn order_is_the_order_of_the_iso_strings() {
    let mut v: Vec<PolicyDate> = ["2021-02", "2021", "2020-12-31", "2021-01-01", "2021-01"].map(d).to_vec();
    v.sort();
    let shown: Vec<String> = v.iter().map(ToString::to_string).collect();
    assert_eq!(shown, ["2020-12-31", "2021", "2021-01", "2021-01-01", "2021-02"]);
}

#[test]
fn partial_dates_span_their_period() {
    assert_eq!(d("2020").first_day(), d("2020-01-01"));
    assert_eq!(d("2020").last_day(), d("2020-12-31"));
    assert_eq!(d("2024-02").last_day(), d("2024-02-29"));
    assert_eq!(d("2023-07").day_number(), 20230701);
    assert!(d("2021-06-10").in_force_by(&d("2021-06")));
    assert!(!d("2021-07-01").in_force_by(&d("2021-06")));
    assert!(d("2021").covers(&d("2021-08-20")));
    assert!(!d("2021-08-20").covers(&d("2021")));
    assert!(!d("2021-07").covers(&d("2021-08-20")));
}

#[test]
fn to_bound_includes_its_whole_period() {
    let r = DateRange::parse(("--from", None), ("--to", Some("2020"))).unwrap_or_else(|e| panic!("{e}"));
    assert!(r.contains(&d("2020-12-31")));
    assert!(!r.contains(&d("2021-01-01")));
    let r = DateRange::new(Some(d("2021-06")), None).unwrap_or_else(|e| panic!("{e}"));
    assert!(!r.contains(&d("2021")), "a bare year is its first day");
    assert!(r.contains(&d("2021-06")));
    assert!(!r.admits(None));
    assert!(DateRange::default().admits(None));
    assert_eq!(
        DateRange::new(Some(d("2021-06")), Some(d("2021-06"))).map(|r| r.day_numbers()),
        Ok((Some(20210601), Some(20210630)))
    );
}

#[test]
fn range_errors_name_the_bound_and_refuse_reversed_windows() {
    let e = DateRange::parse(("--from", Some("2021-02-30")), ("--to", None)).unwrap_err().to_string();
    assert!(e.starts_with("--from `2021-02-30` is not a date"), "{e}");
    let e = DateRange::parse(("--from", Some("2022")), ("--to", Some("2021-12"))).unwrap_err().to_string();
    assert!(e.contains("starts (2022) after it ends (2021-12)"), "{e}");
}

#[test]
fn serde_uses_the_iso_string() {
    let json = serde_json::to_string(&d("2021-08")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(json, "\"2021-08\"");
    let back: PolicyDate = serde_json::from_str("\"2024-02-29\"").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, d("2024-02-29"));
    let bad = serde_json::from_str::<PolicyDate>("\"2023-02-29\"").unwrap_err().to_string();
    assert!(bad.contains("day 29 does not exist"), "{bad}");
}

proptest! {
    #[test]
    fn garbage_is_refused_or_read_never_crashes(s in "\\PC{0,60}") {
        if let Ok(date) = s.parse::<PolicyDate>() {
            // Whatever is accepted displays as an ISO date that reads back the same.
            prop_assert_eq!(date.to_string().parse::<PolicyDate>(), Ok(date));
        }
    }

    #[test]
    fn date_like_garbage_is_refused_or_read_never_crashes(s in "[0-9年月日./ -]{0,20}") {
        let _ = s.parse::<PolicyDate>().map(|d| d.last_day());
    }

    #[test]
    fn order_matches_the_display_strings(
        a in (1000u32..=9999, proptest::option::of(1u32..=12), 1u32..=31),
        b in (1000u32..=9999, proptest::option::of(1u32..=12), 1u32..=31),
    ) {
        let make = |(y, m, day): (u32, Option<u32>, u32)| {
            let day = m.map(|m| day.min(days_in_month(y, m)));
            PolicyDate::new(y, m, day)
        };
        let (Ok(x), Ok(y)) = (make(a), make(b)) else { return Err(TestCaseError::fail("generated an invalid date")) };
        prop_assert_eq!(x.cmp(&y), x.to_string().cmp(&y.to_string()));
        prop_assert!(x.first_day() <= x.last_day());
    }
}
