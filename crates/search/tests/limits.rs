//! Hostile queries and parameters: every one is answered with a typed error
//! or results, never a crash.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use policyscope_corpus::import::{import_paths, ImportOptions};
use policyscope_corpus::Project;
use policyscope_search::query::{parse, MAX_DEPTH, MAX_QUERY_CHARS, MAX_TERMS};
use policyscope_search::{Error, SearchIndex, SearchRequest, MAX_LIMIT, MAX_OFFSET};
use proptest::prelude::*;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// One small indexed project shared by the tests of this file (read only).
struct Fixture {
    _dir: tempfile::TempDir,
    project: std::sync::Mutex<Project>,
    index: SearchIndex,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let mut project = Project::init(&dir.path().join("p")).unwrap();
        let file = repo().join("examples/corpus/03-星河市科技创新促进条例.md");
        let summary = import_paths(&mut project, &[file], &ImportOptions::default(), &mut |_| {});
        assert_eq!(summary.imported(), 1, "{:?}", summary.files);
        let index = SearchIndex::open(&project).unwrap();
        index.sync(&project).unwrap();
        Fixture { _dir: dir, project: std::sync::Mutex::new(project), index }
    })
}

fn run(req: &SearchRequest) -> Result<usize, Error> {
    let f = fixture();
    let project = f.project.lock().unwrap_or_else(|p| p.into_inner());
    f.index.search(&project, req).map(|r| r.total)
}

#[test]
fn deeply_nested_parentheses_are_refused_not_crashed() {
    let q = format!("{}数据{}", "(".repeat(2900), ")".repeat(2900));
    assert!(matches!(parse(&q), Err(Error::QueryTooLong { .. } | Error::QueryTooDeep { .. })));
    // Within the length limit the depth limit speaks.
    let q = format!("{}数据{}", "(".repeat(400), ")".repeat(400));
    assert!(matches!(parse(&q), Err(Error::QueryTooDeep { limit }) if limit == MAX_DEPTH));
    let e = run(&SearchRequest::new(&q)).unwrap_err();
    assert!(e.is_bad_request() && e.to_string().contains(&MAX_DEPTH.to_string()), "{e}");
}

#[test]
fn a_run_of_leading_minus_signs_is_refused_not_crashed() {
    let q = format!("{}数据", "-".repeat(240));
    assert!(matches!(parse(&q), Err(Error::QueryTooDeep { .. })));
}

#[test]
fn repeated_not_is_refused_not_crashed() {
    let q = format!("{}数据", "NOT ".repeat(234));
    assert!(matches!(parse(&q), Err(Error::QueryTooDeep { .. })));
}

#[test]
fn nesting_up_to_the_limit_is_searched() {
    // MAX_DEPTH levels, alternating parentheses and negations, each with an OR and an AND.
    let mut q = "科技".to_string();
    for level in 0..MAX_DEPTH {
        q = if level % 2 == 0 { format!("(创新 OR {q} 企业)") } else { format!("NOT {q}") };
    }
    assert!(parse(&q).is_ok(), "{q}");
    assert!(run(&SearchRequest::new(&q)).is_ok(), "{q}");
    assert!(matches!(parse(&format!("({q})")), Err(Error::QueryTooDeep { .. })));
    // The deepest tree the parser builds: an OR and an AND at every level, under a NOT.
    let mut q = "科技".to_string();
    for _ in 0..MAX_DEPTH - 1 {
        q = format!("(创新 OR {q} 企业)");
    }
    let q = format!("NOT {q}");
    assert!(parse(&q).is_ok(), "{q}");
    assert!(run(&SearchRequest::new(&q)).is_ok(), "{q}");
}

#[test]
fn an_over_long_query_is_refused_with_the_limit() {
    let ok = "科".repeat(MAX_QUERY_CHARS);
    assert!(parse(&ok).is_ok());
    let e = parse(&format!("{ok}科")).unwrap_err();
    assert_eq!(e.to_string(), format!("query is longer than {MAX_QUERY_CHARS} characters"));
    let many = vec!["鼓"; MAX_TERMS + 1].join(" ");
    assert!(matches!(parse(&many), Err(Error::TooManyTerms { .. })));
    // The largest query accepted is still answered (and quickly: one regex per lone character).
    let started = std::time::Instant::now();
    assert!(run(&SearchRequest::new(&vec!["鼓"; MAX_TERMS].join(" "))).is_ok());
    assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
}

#[test]
fn a_huge_offset_is_refused_not_a_capacity_overflow() {
    let mut req = SearchRequest::new("科技");
    req.offset = 18_446_744_073_709_551_500;
    let e = run(&req).unwrap_err();
    assert!(matches!(e, Error::OutOfRange { parameter: "offset", .. }), "{e}");
    req.offset = MAX_OFFSET;
    req.limit = MAX_LIMIT;
    assert_eq!(run(&req).unwrap(), 1, "the bounds themselves are accepted");
    req.limit = usize::MAX;
    assert!(matches!(run(&req), Err(Error::OutOfRange { parameter: "limit", .. })));
    let mut req = SearchRequest::new("科技");
    req.snippets = usize::MAX;
    assert!(matches!(run(&req), Err(Error::OutOfRange { parameter: "snippets", .. })));
}

/// Query-shaped text: terms (Chinese, ASCII, any character), phrases in both
/// quote styles, fields, operators, negations and groups, nested.
fn grammar() -> impl Strategy<Value = String> {
    let term = prop_oneof![
        "[数据安全标准科技创新鼓企业]{1,4}",
        "[a-zA-Z0-9]{1,6}",
        "\\PC{1,3}",
        Just("AND".to_string()),
        Just("OR".to_string()),
        Just("NOT".to_string()),
        Just("-".to_string()),
        Just("（".to_string()),
        Just("\"".to_string()),
    ];
    let leaf = (
        term,
        prop_oneof![Just(""), Just("title:"), Just("type:"), Just("docno:"), Just("标题:"), Just("x:")],
    )
        .prop_map(|(t, f)| format!("{f}{t}"));
    leaf.prop_recursive(6, 40, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 1..4).prop_map(|v| v.join(" ")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("{a} OR {b}")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("{a} AND NOT {b}")),
            inner.clone().prop_map(|a| format!("-{a}")),
            inner.clone().prop_map(|a| format!("({a})")),
            inner.clone().prop_map(|a| format!("（{a}")),
            inner.clone().prop_map(|a| format!("\"{a}\"")),
            inner.prop_map(|a| format!("“{a}”")),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn arbitrary_text_is_searched_or_refused_with_a_typed_error(q in "\\PC{0,60}") {
        match run(&SearchRequest::new(&q)) {
            Ok(_) => {}
            Err(e) => prop_assert!(e.is_bad_request(), "{q:?}: {e}"),
        }
    }

    #[test]
    fn query_shaped_text_is_searched_or_refused_with_a_typed_error(q in grammar()) {
        let parsed = parse(&q);
        if let Ok(parsed) = &parsed {
            parsed.positive_terms();
        }
        match run(&SearchRequest::new(&q)) {
            Ok(_) => {}
            // Whatever the parser builds, the rest of the search can walk.
            Err(Error::QueryTooDeep { .. }) => prop_assert!(parsed.is_err(), "{q:?}"),
            Err(e) => prop_assert!(e.is_bad_request(), "{q:?}: {e}"),
        }
    }

    #[test]
    fn any_numbers_are_searched_or_refused_with_a_typed_error(
        limit in prop_oneof![0..20_000usize, any::<usize>()],
        offset in prop_oneof![0..200_000usize, any::<usize>()],
        snippets in prop_oneof![0..200usize, any::<usize>()],
    ) {
        let mut req = SearchRequest::new("科技 OR 创新");
        req.limit = limit;
        req.offset = offset;
        req.snippets = snippets;
        match run(&req) {
            Ok(_) => {}
            Err(e) => prop_assert!(matches!(e, Error::OutOfRange { .. }), "{e}"),
        }
    }
}
