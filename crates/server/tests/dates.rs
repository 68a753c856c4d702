//! Date parameters of the API: a value that is not a date, or a range that
//! ends before it starts, is a 400 with a message saying why.

mod common;

use axum::http::StatusCode;
use common::{coded_project, json};
use policyscope_server::{app, AppState};

fn setup() -> (tempfile::TempDir, axum::Router) {
    let tmp = tempfile::tempdir().unwrap();
    let project = coded_project(&tmp.path().join("p"));
    (tmp, app(AppState::new(project).unwrap()))
}

#[tokio::test]
async fn impossible_dates_are_refused_by_every_dated_endpoint() {
    let (_tmp, app) = setup();
    let cases = [
        ("/api/search?q=%E6%A0%87%E5%87%86&from=2021-13-45", "month 13 is not between 1 and 12"),
        ("/api/search?q=%E6%A0%87%E5%87%86&to=2021-02-30", "which has 28 days"),
        ("/api/query/table?from=garbage", "`garbage` is not a date"),
        ("/api/query/trend?to=2021-02-30", "which has 28 days"),
        ("/api/figures/trends.svg?from=2021-13", "month 13"),
        ("/api/query/cooccur?from=2022&to=2021", "starts (2022) after it ends (2021)"),
    ];
    for (path, why) in cases {
        let (status, body) = json(&app, "GET", path, None).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}: {body}");
        assert!(body.to_string().contains(why), "{path}: {body}");
    }
    let body = serde_json::json!({"q": "标准", "from": "2021-02-30"});
    let (status, err) = json(&app, "POST", "/api/search", Some(body)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{err}");
}

#[tokio::test]
async fn valid_and_empty_dates_are_accepted() {
    let (_tmp, app) = setup();
    for path in [
        "/api/search?q=%E6%A0%87%E5%87%86&from=&to=",
        "/api/search?q=%E6%A0%87%E5%87%86&from=2000&to=2099-12",
        "/api/query/table?from=2000-01-01&to=2099",
    ] {
        let (status, body) = json(&app, "GET", path, None).await;
        assert_eq!(status, StatusCode::OK, "{path}: {body}");
    }
    // `to` names a whole period: a window closed in 1999 admits none of the documents.
    let (_, t) = json(&app, "GET", "/api/query/table?to=1999", None).await;
    let counts: Vec<u64> =
        t["codes"].as_array().unwrap().iter().map(|r| r["count"].as_u64().unwrap()).collect();
    assert!(!counts.is_empty() && counts.iter().all(|n| *n == 0), "{t}");
}
