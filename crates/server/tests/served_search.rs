//! A search through the app answers exactly what the same search inside the
//! process answers, also for documents imported by another connection while
//! the app serves: the app's one open index and reader must not be a faster
//! wrong answer.

mod common;

use std::time::{Duration, Instant};

use common::json;
use policyscope_corpus::import::{import_paths, ImportOptions};
use policyscope_corpus::Project;
use policyscope_search::{search, SearchRequest};
use policyscope_server::{app, AppState};
use policyscope_text::PolicyDate;

/// A phrase only the second import's documents contain.
const MARKER: &str = "\"选举委员会\"";

/// (query, from, to, type) as the API takes them: words, a phrase, boolean
/// operators, date and type filters, a field; each matches some documents.
const QUERIES: &[(&str, &str, &str, &str)] = &[
    ("选举委员会", "", "", ""),
    ("\"人民代表大会\"", "", "", ""),
    ("选举 AND 代表", "", "", ""),
    ("监督 OR 选举", "", "", ""),
    ("代表 NOT 宪法", "", "", ""),
    ("人民代表大会", "2010", "2022", ""),
    ("\"国家\"", "", "2005-12-31", ""),
    ("title:组织法", "", "", ""),
    ("国家", "", "", "法"),
];

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

fn uri(q: &str, from: &str, to: &str, doc_type: &str) -> String {
    let mut uri = format!("/api/search?limit=200&q={}", encode(q));
    for (name, value) in [("from", from), ("to", to), ("type", doc_type)] {
        if !value.is_empty() {
            uri.push_str(&format!("&{name}={}", encode(value)));
        }
    }
    uri
}

/// (total, hit ids in order) of the same search inside the process, on an index opened afresh.
fn in_process(project: &Project, q: &str, from: &str, to: &str, doc_type: &str) -> (u64, Vec<i64>) {
    let mut req = SearchRequest::new(q);
    req.limit = 200;
    let date = |s: &str| (!s.is_empty()).then(|| s.parse::<PolicyDate>().unwrap());
    req.from = date(from);
    req.to = date(to);
    req.doc_type = (!doc_type.is_empty()).then(|| doc_type.to_string());
    let results = search(project, &req).unwrap();
    (results.total as u64, results.hits.iter().map(|h| h.id).collect())
}

fn served(found: &serde_json::Value) -> (u64, Vec<i64>) {
    let total = found["total"].as_u64().unwrap_or_else(|| panic!("no total: {found}"));
    let ids = found["hits"].as_array().unwrap_or_else(|| panic!("no hits: {found}"));
    (total, ids.iter().map(|h| h["id"].as_i64().unwrap()).collect())
}

#[tokio::test]
async fn served_search_answers_as_in_process_search_after_an_import_while_serving() {
    let laws = policyscope_testkit::shared("corpus/laws");
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("p");
    let mut project = Project::init(&dir).unwrap();
    let first = import_paths(&mut project, &[laws.join("宪法")], &ImportOptions::default(), &mut |_| {});
    assert!(first.imported() > 0, "{:?}", first.files);
    let app = app(AppState::new(project).unwrap());
    let (_, before) = json(&app, "GET", &uri(MARKER, "", "", ""), None).await;
    assert_eq!(before["total"], 0, "{before}");

    // Another connection (the CLI) imports a folder while the app serves.
    let mut outside = Project::open(&dir).unwrap();
    let second =
        import_paths(&mut outside, &[laws.join("宪法相关法")], &ImportOptions::default(), &mut |_| {});
    assert!(second.imported() > 0, "{:?}", second.files);

    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let (_, found) = json(&app, "GET", &uri(MARKER, "", "", ""), None).await;
        if found["total"].as_u64().is_some_and(|n| n > 0) {
            break;
        }
        assert!(Instant::now() < deadline, "the imported documents never became searchable: {found}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    for &(q, from, to, doc_type) in QUERIES {
        let (_, found) = json(&app, "GET", &uri(q, from, to, doc_type), None).await;
        let served = served(&found);
        let expected = in_process(&outside, q, from, to, doc_type);
        assert!(expected.0 > 0, "`{q}` matches nothing: the comparison would prove nothing");
        assert_eq!(served, expected, "`{q}` from {from:?} to {to:?} type {doc_type:?}");
    }
}
