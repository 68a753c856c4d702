//! Golden numbers from the Python packages `krippendorff` and `statsmodels`
//! (generated once by `tests/data/oracle.py`; CI only reads the JSON).

use policyscope_agree::{cohen_kappa, fleiss_kappa, krippendorff_alpha, Metric};
use serde_json::Value;

fn oracle() -> Value {
    serde_json::from_str(include_str!("data/oracle.json")).unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn krippendorff_2011_all_metrics() {
    let o = oracle();
    let row = |v: [i32; 12]| v.iter().map(|&x| (x > 0).then_some(f64::from(x))).collect::<Vec<_>>();
    let d = vec![
        row([1, 2, 3, 3, 2, 1, 4, 1, 2, 0, 0, 0]),
        row([1, 2, 3, 3, 2, 2, 4, 1, 2, 5, 0, 3]),
        row([0, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 0]),
        row([1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, 0]),
    ];
    for (metric, key) in [
        (Metric::Nominal, "k2011_nominal"),
        (Metric::Ordinal, "k2011_ordinal"),
        (Metric::Interval, "k2011_interval"),
        (Metric::Ratio, "k2011_ratio"),
    ] {
        let got = krippendorff_alpha(&d, metric).unwrap();
        let want = o[key].as_f64().unwrap();
        assert!(close(got, want), "{key}: {got} vs {want}");
    }
}

#[test]
fn random_alpha_fixtures() {
    let o = oracle();
    for case in o["random_alpha"].as_array().unwrap() {
        let data: Vec<Vec<Option<f64>>> = case["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_array().unwrap().iter().map(Value::as_f64).collect())
            .collect();
        for (metric, key) in [(Metric::Nominal, "alpha_nominal"), (Metric::Interval, "alpha_interval")] {
            let got = krippendorff_alpha(&data, metric).unwrap();
            let want = case[key].as_f64().unwrap();
            assert!(close(got, want), "{key}: {got} vs {want}");
        }
    }
}

#[test]
fn fleiss_and_cohen_fixtures() {
    let o = oracle();
    for case in o["random_fleiss"].as_array().unwrap() {
        let got = fleiss_kappa(&to_u64(&case["counts"])).unwrap();
        let want = case["kappa"].as_f64().unwrap();
        assert!(close(got, want), "{got} vs {want}");
    }
    for case in o["random_cohen"].as_array().unwrap() {
        let t: Vec<Vec<f64>> = case["table"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect())
            .collect();
        let got = cohen_kappa(&t).unwrap();
        let want = case["kappa"].as_f64().unwrap();
        assert!(close(got, want), "{got} vs {want}");
    }
    let three = cohen_kappa(&[vec![44.0, 5.0, 1.0], vec![7.0, 20.0, 3.0], vec![9.0, 5.0, 6.0]]).unwrap();
    assert!(close(three, o["cohen_3cat"].as_f64().unwrap()));
}

fn to_u64(v: &Value) -> Vec<Vec<u64>> {
    v.as_array()
        .map(|rows| {
            rows.iter().map(|r| r.as_array().unwrap().iter().map(|x| x.as_u64().unwrap()).collect()).collect()
        })
        .unwrap_or_default()
}
