//! The judged fixture (`crates/coding/tests/judged/sentences.tsv`: sentences
//! of ../shared/corpus judged for the study codes by one person) imported as
//! that person's decisions, the study codebook evaluated against it, and
//! models learnt from it cross-validated against the majority baseline.

use std::collections::HashSet;

use policyscope_agree::evaluate::Scope;
use policyscope_agree::{evaluate, EvaluateOptions, Unit};
use policyscope_coding::evaluate::judgements;
use policyscope_coding::learn::{self, CodeOutcome, LearnOptions};
use policyscope_coding::{run_codebook, Codebook, CodingStore, HumanCoder, RunOptions};
use policyscope_corpus::import::{import_paths, ImportOptions};
use policyscope_corpus::Project;

#[test]
fn judged_fixture_evaluates_the_study_codebook_and_teaches_models_that_beat_the_baseline() {
    let file = policyscope_testkit::repo_root().join("crates/coding/tests/judged/sentences.tsv");
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let judged = judgements::parse(&text).expect("the judged fixture parses");
    assert!(judged.rows.len() >= 400, "{} judged sentences", judged.rows.len());
    let corpus = policyscope_testkit::shared_corpus();
    let mut paths: Vec<std::path::PathBuf> = judged.rows.iter().map(|r| corpus.join(&r.path)).collect();
    paths.sort();
    paths.dedup();
    let dir = tempfile::tempdir().unwrap();
    let mut p = Project::init(&dir.path().join("p")).unwrap();
    let report = import_paths(&mut p, &paths, &ImportOptions::default(), &mut |_| {});
    assert_eq!(report.failed(), 0, "every judged document imports");
    let store = CodingStore::open(&p).unwrap();
    let book = Codebook::study().unwrap();
    run_codebook(&store, &book, RunOptions::default(), &mut |_, _| {}).unwrap();
    let judge = HumanCoder::new("judge").unwrap();
    let stored = judgements::import(&store, &judged, &judge).unwrap();
    assert_eq!(
        stored.positives + stored.negatives + stored.unchanged,
        judged.rows.len() * judged.codes.len()
    );
    // Importing again adds nothing.
    let again = judgements::import(&store, &judged, &judge).unwrap();
    assert_eq!((again.positives, again.negatives), (0, 0));

    let opts =
        EvaluateOptions { coder: "judge".into(), unit: Unit::Sentence, scope: Scope::Decided, examples: 3 };
    let e = evaluate(&p, &book, &opts).unwrap();
    let docs_of = |path: &str| {
        p.documents(false)
            .unwrap()
            .into_iter()
            .find(|d| d.paths.iter().any(|x| x.ends_with(path)))
            .map(|d| d.id)
            .unwrap()
    };
    let spans: HashSet<(i64, i64, i64)> =
        judged.rows.iter().map(|r| (docs_of(&r.path), r.start, r.end)).collect();
    for (k, name) in judged.codes.iter().enumerate() {
        let c = e.codes.iter().find(|c| c.code.rsplit('/').next() == Some(name.as_str())).unwrap();
        let positives: HashSet<_> =
            judged.rows.iter().filter(|r| r.values[k]).map(|r| (docs_of(&r.path), r.start, r.end)).collect();
        // Each judged sentence is one unit; the judged instances are exactly TP + FN.
        assert_eq!(c.units as usize, spans.len(), "{name}");
        assert_eq!((c.counts.tp + c.counts.fn_) as usize, positives.len(), "{name}");
    }

    let lo = LearnOptions { scope: Scope::Decided, seed: 7, ..LearnOptions::default() };
    let learnt = learn::learn(&store, &lo).unwrap();
    let trained: Vec<_> = learnt
        .codes
        .iter()
        .filter_map(|c| match c {
            CodeOutcome::Trained { model } => Some(model),
            CodeOutcome::TooFew { .. } => None,
        })
        .collect();
    assert!(!trained.is_empty(), "no code had enough judged examples: {:?}", learnt.codes);
    for m in trained {
        let (f1, base) = (m.cv.f1.unwrap_or(0.0), m.cv.baseline_f1.unwrap_or(0.0));
        assert!(f1 > base, "{}: cross-validated F1 {f1} does not beat the baseline {base}", m.code_path);
    }
}
